# app-env: the environment of the API, the web app and the billing worker, computed from the
# deployment contract's keys. Provider-free on purpose: every cloud root calls it, and
# `terraform test` proves its rules offline. It mirrors the generator's own env derivation
# (the vps, k8s and other targets), so the same answers give the same env on every target.
terraform {
  # Variable validations refer to other variables and locals (Terraform 1.9+).
  required_version = ">= 1.9"
}

# container-app-secrets: Container Apps secret wiring computed from env names and Key Vault
# references. Provider-free on purpose, so `terraform test` proves its rules offline.
terraform {
  required_version = ">= 1.9"
}

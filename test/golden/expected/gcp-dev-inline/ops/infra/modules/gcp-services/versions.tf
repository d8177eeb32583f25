# gcp-services: the Google APIs the GCP blueprint needs, and the list Terraform enables. Provider-free
# on purpose: `terraform test` proves the list offline, and the generator mirrors it.
terraform {
  required_version = ">= 1.9"
}

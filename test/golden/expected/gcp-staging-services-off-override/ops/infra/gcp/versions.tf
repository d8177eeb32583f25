# GCP blueprint (Cloud Run): Terraform and provider pins, and the provider itself.
# Only hashicorp/google is used (no random/null/tls provider, no registry module).
terraform {
  required_version = ">= 1.9"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.50"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = {
    project     = var.project_name
    environment = var.environment
    managed-by  = "terraform"
  }
}

# AWS blueprint (ECS Fargate): Terraform and provider pins, and the provider itself.
# Only hashicorp/aws is used (no random/null/tls provider, no registry module).
terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = var.project_name
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

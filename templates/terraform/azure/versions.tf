# Azure blueprint (Container Apps): Terraform and provider pins, and the provider itself.
# Only hashicorp/azurerm is used (no random/azapi provider, no registry module). Terraform 1.11+:
# the Postgres admin password travels through an ephemeral read into a write-only argument.
terraform {
  required_version = ">= 1.11"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.55"
    }
  }
}

provider "azurerm" {
  features {
    key_vault {
      # Purge protection is on: a destroyed vault stays recoverable for its retention period.
      purge_soft_delete_on_destroy    = false
      recover_soft_deleted_key_vaults = true
    }
  }
  # The storage account refuses shared keys: data-plane calls use Entra ID.
  storage_use_azuread = true
}

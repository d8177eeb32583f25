# Storage: a StorageV2 account, HTTPS only with TLS 1.2, no anonymous access and no shared keys
# (the API signs in with its managed identity), blob versioning and soft delete; the app's private
# container.

resource "azurerm_storage_account" "main" {
  name                            = var.storage_account_name
  resource_group_name             = azurerm_resource_group.main.name
  location                        = azurerm_resource_group.main.location
  account_kind                    = "StorageV2"
  account_tier                    = "Standard"
  account_replication_type        = local.is_prod ? "ZRS" : "LRS"
  https_traffic_only_enabled      = true
  min_tls_version                 = "TLS1_2"
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false
  tags                            = local.tags

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = local.is_prod ? 30 : 7
    }

    container_delete_retention_policy {
      days = local.is_prod ? 30 : 7
    }
  }
}

resource "azurerm_storage_container" "app" {
  name                  = var.storage_bucket_name
  storage_account_id    = azurerm_storage_account.main.id
  container_access_type = "private"
}

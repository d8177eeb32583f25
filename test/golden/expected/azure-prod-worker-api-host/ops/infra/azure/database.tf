# Database: Postgres 16 Flexible Server on its delegated subnet with a private DNS zone, never
# public. The admin password comes from Key Vault through a write-only argument (not in tfvars,
# state or plan). prod: zone-redundant high availability, geo-redundant backups, and a lock.

resource "azurerm_postgresql_flexible_server" "main" {
  name                              = "${local.name_prefix}-pg"
  resource_group_name               = azurerm_resource_group.main.name
  location                          = azurerm_resource_group.main.location
  version                           = "16"
  sku_name                          = var.postgres_sku_name
  storage_mb                        = var.postgres_storage_mb
  auto_grow_enabled                 = true
  backup_retention_days             = var.postgres_backup_retention_days
  geo_redundant_backup_enabled      = local.is_prod
  delegated_subnet_id               = azurerm_subnet.postgres.id
  private_dns_zone_id               = azurerm_private_dns_zone.postgres.id
  public_network_access_enabled     = false
  administrator_login               = var.postgres_admin_username
  administrator_password_wo         = ephemeral.azurerm_key_vault_secret.postgres_admin_password.value
  administrator_password_wo_version = var.postgres_admin_password_version
  tags                              = local.tags

  authentication {
    password_auth_enabled         = true
    active_directory_auth_enabled = false
  }

  dynamic "high_availability" {
    for_each = local.is_prod ? ["ZoneRedundant"] : []
    content {
      mode = high_availability.value
    }
  }

  lifecycle {
    # Azure moves the primary to the standby's zone on fail-over; do not move it back.
    ignore_changes = [zone, high_availability[0].standby_availability_zone]
  }

  depends_on = [azurerm_private_dns_zone_virtual_network_link.postgres]
}

resource "azurerm_postgresql_flexible_server_database" "app" {
  name      = var.postgres_database_name
  server_id = azurerm_postgresql_flexible_server.main.id
  charset   = "UTF8"
  collation = "en_US.utf8"
}

# prod: the server cannot be deleted until the lock is removed on purpose.
resource "azurerm_management_lock" "postgres" {
  count      = local.is_prod ? 1 : 0
  name       = "${local.name_prefix}-pg-no-delete"
  scope      = azurerm_postgresql_flexible_server.main.id
  lock_level = "CanNotDelete"
  notes      = "Remove on purpose before destroying the production database."
}

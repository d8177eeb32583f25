# Key Vault: Azure RBAC (no access policies), purge protection, soft delete. The blueprint writes
# REDIS_URL and DATABASE_URL into it; the operator writes postgres-admin-password and the app's
# secrets into it between the two steps of the first apply (see the runbook).

resource "azurerm_key_vault" "main" {
  name                       = var.key_vault_name
  location                   = azurerm_resource_group.main.location
  resource_group_name        = azurerm_resource_group.main.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  rbac_authorization_enabled = true
  purge_protection_enabled   = true
  soft_delete_retention_days = local.is_prod ? 90 : 14
  tags                       = local.tags
}

# Read at apply time, never stored in state or plan: the server's admin password and DATABASE_URL.
ephemeral "azurerm_key_vault_secret" "postgres_admin_password" {
  name         = local.pg_password_secret
  key_vault_id = azurerm_key_vault.main.id
}

resource "azurerm_key_vault_secret" "database_url" {
  count            = local.own_database_url ? 1 : 0
  name             = "database-url"
  key_vault_id     = azurerm_key_vault.main.id
  content_type     = "DATABASE_URL of ${local.name_prefix} (postgresql+asyncpg://...), written by Terraform"
  value_wo         = "postgresql+asyncpg://${var.postgres_admin_username}:${urlencode(ephemeral.azurerm_key_vault_secret.postgres_admin_password.value)}@${local.postgres_host}:5432/${var.postgres_database_name}?ssl=require"
  value_wo_version = var.postgres_admin_password_version

  depends_on = [azurerm_role_assignment.deployer_secrets]
}

# The access key is part of the cache's state already; the URL keeps it out of the apps' config.
resource "azurerm_key_vault_secret" "redis_url" {
  count        = local.own_redis_url ? 1 : 0
  name         = "redis-url"
  key_vault_id = azurerm_key_vault.main.id
  content_type = "REDIS_URL of ${local.name_prefix} (rediss://, TLS port 6380), written by Terraform"
  value        = "rediss://:${urlencode(azurerm_redis_cache.main.primary_access_key)}@${azurerm_redis_cache.main.hostname}:${azurerm_redis_cache.main.ssl_port}/0"

  depends_on = [azurerm_role_assignment.deployer_secrets]
}

# Identities: USER-assigned managed identities, granted Key Vault access before any container app
# exists. (A system-assigned identity only exists once its app does, so the app's Key Vault
# references fail on the first apply.) The API identity also serves the worker and reaches Blob
# Storage; the web identity only reads its secrets.

resource "azurerm_user_assigned_identity" "api" {
  name                = "${local.name_prefix}-api"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_user_assigned_identity" "web" {
  name                = "${local.name_prefix}-web"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

# The API reads its secrets; with Key Vault key storage it also writes the rotated keyset.
resource "azurerm_role_assignment" "api_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = local.api_writes_keyset ? "Key Vault Secrets Officer" : "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "web_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.web.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_blob" {
  scope                = azurerm_storage_account.main.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
  principal_type       = "ServicePrincipal"
}

# User delegation SAS (signed download links) needs the delegator role on the account.
resource "azurerm_role_assignment" "api_blob_delegator" {
  scope                = azurerm_storage_account.main.id
  role_definition_name = "Storage Blob Delegator"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
  principal_type       = "ServicePrincipal"
}

# Whoever runs Terraform writes the blueprint's own secrets (DATABASE_URL, REDIS_URL) and the operator's.
resource "azurerm_role_assignment" "deployer_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = data.azurerm_client_config.current.object_id
}

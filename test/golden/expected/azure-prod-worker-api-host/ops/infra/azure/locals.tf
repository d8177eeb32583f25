# Derived names and switches, the app env from the shared app-env module, and the secret wiring of
# each container app from the container-app-secrets module. Production safety follows from
# environment == "prod".

data "azurerm_client_config" "current" {}

locals {
  name_prefix = "${var.project_name}-${var.environment}"
  is_prod     = var.environment == "prod"
  api_port    = 8000
  web_port    = 3000

  api_app_name    = "${local.name_prefix}-api"
  web_app_name    = "${local.name_prefix}-web"
  worker_app_name = "${local.name_prefix}-worker"
  tags            = { Project = var.project_name, Environment = var.environment, ManagedBy = "terraform" }
  api_public      = var.api_public_url != ""
  # Inside the environment the web app reaches the internal API at http://<api app name>; a public API by its own URL.
  api_base_url = var.api_base_url != "" ? var.api_base_url : (local.api_public ? var.api_public_url : "http://${local.api_app_name}")
  worker_image = var.worker_image != "" ? var.worker_image : var.api_image
  # Consumption profile: 2 GiB of memory per vCPU.
  memory = { for role, cpu in { api = var.api_vcpu, web = var.web_vcpu, worker = var.worker_vcpu } : role => "${cpu * 2}Gi" }

  # Subnets carved from vnet_cidr: Container Apps /23, Postgres /24, private endpoints /24.
  vnet_bits        = tonumber(split("/", var.vnet_cidr)[1])
  apps_subnet_cidr = cidrsubnet(var.vnet_cidr, 23 - local.vnet_bits, 0)
  pg_subnet_cidr   = cidrsubnet(var.vnet_cidr, 24 - local.vnet_bits, 2)
  pe_subnet_cidr   = cidrsubnet(var.vnet_cidr, 24 - local.vnet_bits, 3)
  postgres_host    = "${local.name_prefix}-pg.postgres.database.azure.com"
  # Known before apply (public Azure cloud), so the plan shows every env value; equal to the vault's
  # vault_uri and the account's primary_blob_endpoint.
  key_vault_uri      = "https://${var.key_vault_name}.vault.azure.net/"
  storage_blob_url   = "https://${var.storage_account_name}.blob.core.windows.net/"
  pg_password_secret = "postgres-admin-password"

  provider_settings = {
    vault_addr                    = var.vault_addr
    vault_transit_key             = var.vault_transit_key
    vault_namespace               = var.vault_namespace
    infisical_base_url            = var.infisical_base_url
    infisical_project_id          = var.infisical_project_id
    infisical_environment         = var.infisical_environment
    infisical_secret_path         = var.infisical_secret_path
    infisical_signing_secret_name = var.infisical_signing_secret_name
    azure_key_vault_url           = local.key_vault_uri
    azure_kv_signing_secret_name  = var.azure_kv_signing_secret_name
    azure_blob_account_url        = local.storage_blob_url
  }

  # DATABASE_URL and REDIS_URL come from the blueprint's own Key Vault secrets unless api_secrets names them.
  own_database_url = !contains(keys(var.api_secrets), "DATABASE_URL")
  own_redis_url    = !contains(keys(var.api_secrets), "REDIS_URL")
  api_secret_refs = merge(
    local.own_database_url ? { DATABASE_URL = "database-url" } : {},
    local.own_redis_url ? { REDIS_URL = "redis-url" } : {},
    var.api_secrets,
  )

  # The API writes its rotated keyset when Key Vault stores it: it then needs Secrets Officer, not User.
  key_provider       = module.app_env.auth_key_storage_provider
  api_writes_keyset  = var.auth_key_storage_backend == "secret-manager" && local.key_provider == "azure_kv"
  registry_secret    = "registry-password"
  registry_by_secret = var.registry_login_server != "" && var.registry_username != ""
  registry_password_secret_id = local.registry_by_secret ? (
    startswith(var.registry_password_secret_name, "https://") ? var.registry_password_secret_name : "${trimsuffix(local.key_vault_uri, "/")}/secrets/${var.registry_password_secret_name}"
  ) : ""

  # Env of each app: the module's maps, plus the identity the Azure SDK signs in with.
  api_env    = merge(module.app_env.api_env, { AZURE_MANAGED_IDENTITY_CLIENT_ID = azurerm_user_assigned_identity.api.client_id })
  worker_env = var.enable_worker ? merge(module.app_env.worker_env, { AZURE_MANAGED_IDENTITY_CLIENT_ID = azurerm_user_assigned_identity.api.client_id }) : {}
  web_env    = module.app_env.web_env
}

module "app_env" {
  source = "../modules/app-env"

  project_name              = var.project_name
  environment               = var.environment
  app_public_url            = var.app_public_url
  api_base_url              = local.api_base_url
  api_public_url            = var.api_public_url
  enable_worker             = var.enable_worker
  secrets_provider          = var.secrets_provider
  auth_key_storage_backend  = var.auth_key_storage_backend
  auth_key_storage_provider = var.auth_key_storage_provider
  auth_key_secret_name      = var.auth_key_secret_name
  storage_provider          = var.storage_provider
  storage_bucket_name       = var.storage_bucket_name
  provider_settings         = local.provider_settings
  api_env                   = var.api_env
  web_env                   = var.web_env
  api_secret_names          = sort(keys(local.api_secret_refs))
  web_secret_names          = sort(keys(var.web_secrets))
}

module "app_secrets" {
  source = "../modules/container-app-secrets"

  key_vault_uri  = local.key_vault_uri
  secrets        = { api = local.api_secret_refs, web = var.web_secrets }
  reserved_names = [local.registry_secret]
}

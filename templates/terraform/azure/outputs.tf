# Outputs: the canonical URLs and endpoints, and what the runbook needs for DNS, secrets and the
# migration job.

output "api_url" {
  description = "URL of the API: api_public_url, or its address inside the Container Apps environment."
  value       = local.api_public ? var.api_public_url : local.api_base_url
}

output "web_url" {
  description = "Public URL of the web app."
  value       = var.app_public_url
}

output "storage_bucket" {
  description = "Blob container of the app's objects."
  value       = azurerm_storage_container.app.name
}

output "storage_account_name" {
  description = "Storage account holding the container."
  value       = azurerm_storage_account.main.name
}

output "database_endpoint" {
  description = "Host name of the Postgres Flexible Server (private DNS)."
  value       = azurerm_postgresql_flexible_server.main.fqdn
}

output "redis_endpoint" {
  description = "Host name of Azure Cache for Redis (TLS port 6380, through the private endpoint)."
  value       = azurerm_redis_cache.main.hostname
}

output "key_vault_uri" {
  description = "URI of the Key Vault (AZURE_KEY_VAULT_URL)."
  value       = azurerm_key_vault.main.vault_uri
}

output "resource_group_name" {
  description = "Resource group of every resource."
  value       = azurerm_resource_group.main.name
}

output "container_app_environment_name" {
  description = "Name of the Container Apps environment."
  value       = azurerm_container_app_environment.main.name
}

output "default_domain" {
  description = "Default domain of the environment: point the app host's CNAME at <web app>.<default_domain>."
  value       = azurerm_container_app_environment.main.default_domain
}

output "custom_domain_verification_id" {
  description = "Value of the asuid.<host> TXT record each custom domain needs."
  value       = azurerm_container_app_environment.main.custom_domain_verification_id
}

output "web_fqdn" {
  description = "Azure host name of the web app (the CNAME target of the app host)."
  value       = azurerm_container_app.web.ingress[0].fqdn
}

output "api_fqdn" {
  description = "Azure host name of the API (the CNAME target of the API host when it is public)."
  value       = azurerm_container_app.api.ingress[0].fqdn
}

output "migration_job_name" {
  description = "Container Apps job that runs the database migration."
  value       = azurerm_container_app_job.migrate.name
}

output "allowed_hosts" {
  description = "ALLOWED_HOSTS of the API."
  value       = module.app_env.allowed_hosts
}

output "api_identity_client_id" {
  description = "Client ID of the API identity (also the worker's and the migration job's)."
  value       = azurerm_user_assigned_identity.api.client_id
}

output "container_app_secret_names" {
  description = "Per app: env name => Container Apps secret name."
  value       = module.app_secrets.names
}

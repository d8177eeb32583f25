# app-env outputs: the env maps each service gets, and the host facts a root needs for routing.

# Rules across several inputs live here (a variable's own validation cannot read locals derived
# from itself). A failed precondition stops the plan like a failed validation.
output "api_env" {
  description = "Plain env of the API (user api_env merged last)."
  value       = local.api_env

  precondition {
    condition     = length(local.missing_settings) == 0
    error_message = "provider_settings is missing ${join(", ", local.missing_settings)}: the API requires ${join(", ", [for key in local.missing_settings : upper(key)])} for these providers and storage; set each key (or inject the env name through api_secrets)."
  }
  precondition {
    condition     = length(local.missing_secrets) == 0
    error_message = "api_secrets is missing ${join(", ", local.missing_secrets)}: the API refuses to start without them for these answers; add each to api_secrets."
  }
  precondition {
    condition     = length(local.secret_env_clash) == 0
    error_message = "api_secrets names ${join(", ", local.secret_env_clash)}, which the blueprint sets as plain env from the contract: remove it from api_secrets."
  }
}

output "web_env" {
  description = "Plain env of the web app (user web_env merged last)."
  value       = local.web_env
}

output "worker_env" {
  description = "Plain env of the billing worker (the API's env with the worker's billing flags); empty without the worker."
  value       = local.worker_env
}

output "allowed_hosts" {
  description = "ALLOWED_HOSTS of the API: bare host names, sorted, comma-separated."
  value       = local.allowed_hosts
}

output "app_host" {
  description = "Host of app_public_url (the web app's routing host)."
  value       = local.app_host
}

output "api_public_host" {
  description = "Host of api_public_url; empty when the API is not public."
  value       = local.api_public_host
}

output "api_base_host" {
  description = "Host of api_base_url (how the web app reaches the API)."
  value       = local.api_base_host
}

output "app_environment" {
  description = "ENVIRONMENT as the API reads it (development, staging, production)."
  value       = local.app_environment
}

output "auth_key_storage_provider" {
  description = "Effective key storage provider (auth_key_storage_provider, else secrets_provider)."
  value       = local.key_provider
}

output "providers_used" {
  description = "Secrets providers that serve the app (as SECRETS_PROVIDER or as secret-manager key storage)."
  value       = sort(tolist(local.providers_used))
}

output "provider_env" {
  description = "The provider and storage settings the API gets, by env name."
  value       = local.provider_env
}

output "required_secret_names" {
  description = "Secret names the API requires for these answers."
  value       = local.required_secrets
}

output "managed_env_names" {
  description = "Env names the module sets; api_env/web_env may not set them."
  value       = local.managed_env_names
}

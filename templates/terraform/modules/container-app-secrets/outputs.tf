# container-app-secrets outputs: per app, the secret blocks and env references to write.

output "by_app" {
  description = "Per app, sorted by env name: { env, name (the container-app secret name), key_vault_secret_id }."
  value       = { for app, items in local.wiring : app => [for item in items : { env = item.env, name = item.name, key_vault_secret_id = item.key_vault_secret_id }] }

  precondition {
    condition     = length(local.invalid_refs) == 0
    error_message = "These secrets are neither a Key Vault secret name (1-127 letters, digits, -) nor a secret ID (https://<vault>.vault.azure.net/secrets/<name>[/<version>]): ${join(", ", local.invalid_refs)}. Fix the reference in api_secrets/web_secrets."
  }
  precondition {
    condition     = length(local.empty_names) == 0
    error_message = "These env names hold no letter or digit, so they give no Container Apps secret name: ${join(", ", local.empty_names)}. Rename them."
  }
  precondition {
    condition     = length(local.collisions) == 0
    error_message = "Env names that map to the same Container Apps secret name (lower-case letters, digits, -) would overwrite each other: ${join("; ", local.collisions)}. Rename one of each pair in api_secrets/web_secrets."
  }
}

output "names" {
  description = "Per app: env name => container-app secret name."
  value       = { for app, items in local.wiring : app => { for item in items : item.env => item.name } }
}

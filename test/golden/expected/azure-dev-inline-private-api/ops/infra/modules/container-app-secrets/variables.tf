# container-app-secrets inputs: the vault short names resolve against, and each app's secrets
# (env name => Key Vault secret name or secret ID).

variable "key_vault_uri" {
  description = "URI of the Key Vault short secret names live in, e.g. https://acme-prod-kv.vault.azure.net/."
  type        = string
  validation {
    condition     = can(regex("^https://[A-Za-z0-9.-]+/?$", var.key_vault_uri))
    error_message = "key_vault_uri must be a Key Vault URI such as https://acme-prod-kv.vault.azure.net/."
  }
}

variable "secrets" {
  description = "Secrets of each app by app name: env name => Key Vault secret name (in key_vault_uri's vault) or a secret ID (https://<vault>.vault.azure.net/secrets/<name>[/<version>])."
  type        = map(map(string))
  default     = {}
}

variable "reserved_names" {
  description = "Container-app secret names the root uses itself (e.g. registry-password); no env name may map to one."
  type        = list(string)
  default     = []
}

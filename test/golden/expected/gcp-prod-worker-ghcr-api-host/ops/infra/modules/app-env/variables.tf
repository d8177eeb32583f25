# app-env inputs: the deployment contract's keys, by their contract names. Each rule names the key
# and the fix; rules across keys refer to other variables and locals (Terraform 1.9+).

variable "project_name" {
  description = "Project name: lower-case letters, digits and hyphens; prefixes every resource name."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.project_name))
    error_message = "project_name must be lower-case letters, digits and hyphens, starting with a letter (e.g. acme-saas)."
  }
}

variable "environment" {
  description = "Deployment environment: dev, staging or prod (the API reads development, staging or production)."
  type        = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging, prod."
  }
}

variable "app_public_url" {
  description = "Public URL of the web app (https outside dev)."
  type        = string
  validation {
    condition     = can(regex("^https?://[^/?#\\s@]+([/?#]\\S*)?$", var.app_public_url))
    error_message = "app_public_url must be an http(s) URL such as https://app.example.com."
  }
  validation {
    condition     = var.environment == "dev" || startswith(var.app_public_url, "https://")
    error_message = "app_public_url must use https in staging and prod: set it to https://<your app host>."
  }
}

variable "api_base_url" {
  description = "URL the web app reaches the API at, privately (server to server); its host joins ALLOWED_HOSTS."
  type        = string
  validation {
    condition     = can(regex("^https?://[^/?#\\s@]+([/?#]\\S*)?$", var.api_base_url))
    error_message = "api_base_url must be an http(s) URL such as http://acme-api:8000."
  }
}

variable "api_public_url" {
  description = "Public URL of the API; empty when the API is not public (the web app is the BFF)."
  type        = string
  default     = ""
  validation {
    condition     = var.api_public_url == "" || can(regex("^https?://[^/?#\\s@]+([/?#]\\S*)?$", var.api_public_url))
    error_message = "api_public_url must be empty or an http(s) URL such as https://api.example.com."
  }
  validation {
    condition     = var.api_public_url == "" || var.environment == "dev" || startswith(var.api_public_url, "https://")
    error_message = "api_public_url must use https in staging and prod (or be empty)."
  }
  validation {
    condition     = var.api_public_url == "" || lower(try(regex(local.url_pattern, var.api_public_url)[1], "")) != local.app_host
    error_message = "api_public_url must be a different host from app_public_url (the app host routes /api to the web app): use e.g. api.example.com, or leave it empty."
  }
}

variable "enable_worker" {
  description = "Run the dedicated billing worker; the API then stops retrying and replaying billing events."
  type        = bool
  default     = false
}

variable "secrets_provider" {
  description = "Secrets provider of the signing secret: vault_dev, vault_hcp, infisical_cloud, infisical_self_host, aws_sm, azure_kv or gcp_sm."
  type        = string
  validation {
    condition     = contains(["vault_dev", "vault_hcp", "infisical_cloud", "infisical_self_host", "aws_sm", "azure_kv", "gcp_sm"], var.secrets_provider)
    error_message = "secrets_provider must be one of vault_dev, vault_hcp, infisical_cloud, infisical_self_host, aws_sm, azure_kv, gcp_sm."
  }
  validation {
    condition     = var.environment == "dev" || var.secrets_provider != "vault_dev"
    error_message = "secrets_provider vault_dev (Vault's in-memory dev server) is only allowed in dev: use vault_hcp, infisical_cloud, infisical_self_host, aws_sm, azure_kv or gcp_sm."
  }
}

variable "auth_key_storage_backend" {
  description = "Where the API keeps its auth keyset: file (dev only) or secret-manager."
  type        = string
  default     = "secret-manager"
  validation {
    condition     = contains(["file", "secret-manager"], var.auth_key_storage_backend)
    error_message = "auth_key_storage_backend must be file or secret-manager."
  }
  validation {
    condition     = var.environment == "dev" || var.auth_key_storage_backend == "secret-manager"
    error_message = "auth_key_storage_backend file is only allowed in dev: set auth_key_storage_backend = \"secret-manager\" with auth_key_secret_name."
  }
}

variable "auth_key_storage_provider" {
  description = "Secrets provider that stores the keyset; empty means secrets_provider."
  type        = string
  default     = ""
  validation {
    condition     = contains(["", "vault_dev", "vault_hcp", "infisical_cloud", "infisical_self_host", "aws_sm", "azure_kv", "gcp_sm"], trimspace(var.auth_key_storage_provider))
    error_message = "auth_key_storage_provider must be empty (= secrets_provider) or one of vault_dev, vault_hcp, infisical_cloud, infisical_self_host, aws_sm, azure_kv, gcp_sm."
  }
  validation {
    condition     = var.environment == "dev" || (trimspace(var.auth_key_storage_provider) != "" ? trimspace(var.auth_key_storage_provider) : var.secrets_provider) != "vault_dev"
    error_message = "auth_key_storage_provider vault_dev (Vault's in-memory dev server) is only allowed in dev: pick a hosted provider."
  }
}

variable "auth_key_secret_name" {
  description = "Name of the keyset secret in the key storage provider (required with secret-manager key storage)."
  type        = string
  default     = ""
  validation {
    condition     = var.auth_key_storage_backend != "secret-manager" || trimspace(var.auth_key_secret_name) != ""
    error_message = "auth_key_secret_name is required when auth_key_storage_backend is secret-manager: name the keyset secret, e.g. acme-saas/prod/auth-keyset."
  }
}

variable "storage_provider" {
  description = "Object storage provider: s3, azure_blob, gcs or minio."
  type        = string
  validation {
    condition     = contains(["s3", "azure_blob", "gcs", "minio"], var.storage_provider)
    error_message = "storage_provider must be one of s3, azure_blob, gcs, minio."
  }
}

variable "storage_bucket_name" {
  description = "Bucket (S3, GCS), container (Azure Blob) or bucket prefix (MinIO) of the app's objects."
  type        = string
  validation {
    condition     = trimspace(var.storage_bucket_name) != ""
    error_message = "storage_bucket_name must not be empty: name the bucket, e.g. acme-saas-prod-data."
  }
}

variable "provider_settings" {
  description = "Provider and storage settings by contract key (e.g. aws_region, aws_sm_signing_secret_arn); each becomes its upper-cased env name, empty values are dropped."
  type        = map(string)
  default     = {}
  validation {
    condition     = length(setsubtract(keys(var.provider_settings), local.setting_keys)) == 0
    error_message = "provider_settings has unknown keys (${join(", ", sort(tolist(setsubtract(keys(var.provider_settings), local.setting_keys))))}): use only ${join(", ", local.setting_keys)}."
  }
}

variable "api_env" {
  description = "Extra plain env of the API and the worker, merged last; never credentials."
  type        = map(string)
  default     = {}
  validation {
    condition     = length(setintersection(keys(var.api_env), local.connection_secrets)) == 0
    error_message = "DATABASE_URL and REDIS_URL must reach the API as a secret (api_secrets), not api_env: remove them from api_env."
  }
  validation {
    condition     = length(setintersection(keys(var.api_env), local.managed_env_names)) == 0
    error_message = "api_env sets ${join(", ", sort(tolist(setintersection(keys(var.api_env), local.managed_env_names))))}, which the blueprint sets itself from the contract: remove it from api_env and set the contract key instead."
  }
  validation {
    condition     = length(setintersection(keys(var.api_env), var.api_secret_names)) == 0
    error_message = "api_env and api_secrets both name ${join(", ", sort(tolist(setintersection(keys(var.api_env), var.api_secret_names))))}: keep each name in one map only."
  }
  validation {
    condition     = var.environment == "dev" || !contains(local.true_words, lower(trimspace(lookup(var.api_env, "DEBUG", "false"))))
    error_message = "api_env.DEBUG must not be true in staging or prod (it turns off the API's production checks): remove it."
  }
}

variable "web_env" {
  description = "Extra plain env of the web app, merged last; never credentials."
  type        = map(string)
  default     = {}
  validation {
    condition     = length(setintersection(keys(var.web_env), local.connection_secrets)) == 0
    error_message = "DATABASE_URL and REDIS_URL must reach the API as a secret (api_secrets), not web_env: remove them from web_env."
  }
  validation {
    condition     = length(setintersection(keys(var.web_env), local.managed_env_names)) == 0
    error_message = "web_env sets ${join(", ", sort(tolist(setintersection(keys(var.web_env), local.managed_env_names))))}, which the blueprint sets itself from the contract: remove it from web_env and set the contract key instead."
  }
  validation {
    condition     = length(setintersection(keys(var.web_env), var.web_secret_names)) == 0
    error_message = "web_env and web_secrets both name ${join(", ", sort(tolist(setintersection(keys(var.web_env), var.web_secret_names))))}: keep each name in one map only."
  }
}

variable "api_secret_names" {
  description = "Env names the platform injects into the API and the worker as secrets (names only)."
  type        = list(string)
  default     = []
  validation {
    condition     = length(setsubtract(local.connection_secrets, var.api_secret_names)) == 0
    error_message = "api_secrets must name DATABASE_URL and REDIS_URL: the API reads both as secrets (missing: ${join(", ", sort(tolist(setsubtract(local.connection_secrets, var.api_secret_names))))})."
  }
}

variable "web_secret_names" {
  description = "Env names the platform injects into the web app as secrets (names only)."
  type        = list(string)
  default     = []
}

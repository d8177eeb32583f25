# Inputs of the Azure blueprint, named exactly like the deployment contract's keys (the generated
# terraform.tfvars sets them). Secrets never appear here: api_secrets/web_secrets name Key Vault
# secrets, and the Postgres admin password is read from the vault at apply time.

# --- Shared contract keys -------------------------------------------------------------------------

variable "project_name" {
  description = "Project name: lower-case letters, digits and hyphens; prefixes every resource name."
  type        = string
}

variable "environment" {
  description = "Deployment environment: dev, staging or prod."
  type        = string
}

variable "api_image" {
  description = "Image of the API (also runs the worker unless worker_image is set)."
  type        = string
}

variable "web_image" {
  description = "Image of the web app."
  type        = string
}

variable "worker_image" {
  description = "Image of the billing worker; empty means api_image."
  type        = string
  default     = ""
}

variable "enable_worker" {
  description = "Run the dedicated billing worker app."
  type        = bool
  default     = false
}

variable "app_public_url" {
  description = "Public URL of the web app (a custom domain bound to the web container app)."
  type        = string
  validation {
    condition     = can(regex("^https://[a-z0-9.-]+$", var.app_public_url))
    error_message = "app_public_url must be https://<host> without a port or path: Container Apps serves the web app over HTTPS on 443."
  }
}

variable "api_base_url" {
  description = "URL the web app reaches the API at: http://<project>-<environment>-api inside the environment, or api_public_url."
  type        = string
  default     = ""
}

variable "api_public_url" {
  description = "Public URL of the API (external ingress with a custom domain); empty keeps the API internal to the environment."
  type        = string
  default     = ""
  validation {
    condition     = var.api_public_url == "" || can(regex("^https://[a-z0-9.-]+$", var.api_public_url))
    error_message = "api_public_url must be empty or https://<host> without a port or path."
  }
}

variable "secrets_provider" {
  description = "Secrets provider of the signing secret (azure_kv by default on this target)."
  type        = string
  default     = "azure_kv"
}

variable "auth_key_storage_backend" {
  description = "Where the API keeps its auth keyset: file (dev only) or secret-manager."
  type        = string
  default     = "secret-manager"
}

variable "auth_key_storage_provider" {
  description = "Secrets provider that stores the keyset; empty means secrets_provider."
  type        = string
  default     = ""
}

variable "auth_key_secret_name" {
  description = "Name of the keyset secret in the key storage provider."
  type        = string
  default     = ""
}

variable "storage_provider" {
  description = "Object storage provider: azure_blob on this target."
  type        = string
  default     = "azure_blob"
  validation {
    condition     = var.storage_provider == "azure_blob"
    error_message = "storage_provider must be azure_blob for the Azure blueprint (it creates the storage account and its container)."
  }
}

variable "storage_bucket_name" {
  description = "Blob container of the app's objects (AZURE_BLOB_CONTAINER)."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9]|-[a-z0-9]){2,62}$", var.storage_bucket_name))
    error_message = "storage_bucket_name must be a blob container name: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit."
  }
}

variable "api_env" {
  description = "Extra plain env of the API and the worker; never credentials."
  type        = map(string)
  default     = {}
  validation {
    condition     = !contains(keys(var.api_env), "AZURE_MANAGED_IDENTITY_CLIENT_ID")
    error_message = "api_env must not set AZURE_MANAGED_IDENTITY_CLIENT_ID: the blueprint sets it to the API identity's client ID."
  }
}

variable "web_env" {
  description = "Extra plain env of the web app; never credentials."
  type        = map(string)
  default     = {}
}

variable "api_secrets" {
  description = "Secrets of the API and the worker: env name => Key Vault secret name (in key_vault_name) or secret ID. DATABASE_URL/REDIS_URL default to the blueprint's own secrets."
  type        = map(string)
  default     = {}
}

variable "web_secrets" {
  description = "Secrets of the web app: env name => Key Vault secret name or secret ID."
  type        = map(string)
  default     = {}
}

variable "vault_addr" {
  description = "VAULT_ADDR (Vault providers)."
  type        = string
  default     = ""
}

variable "vault_transit_key" {
  description = "VAULT_TRANSIT_KEY (Vault providers)."
  type        = string
  default     = ""
}

variable "vault_namespace" {
  description = "VAULT_NAMESPACE (HCP Vault)."
  type        = string
  default     = ""
}

variable "infisical_base_url" {
  description = "INFISICAL_BASE_URL (Infisical providers)."
  type        = string
  default     = ""
}

variable "infisical_project_id" {
  description = "INFISICAL_PROJECT_ID (Infisical providers)."
  type        = string
  default     = ""
}

variable "infisical_environment" {
  description = "INFISICAL_ENVIRONMENT (Infisical providers)."
  type        = string
  default     = ""
}

variable "infisical_secret_path" {
  description = "INFISICAL_SECRET_PATH (Infisical providers)."
  type        = string
  default     = ""
}

variable "infisical_signing_secret_name" {
  description = "INFISICAL_SIGNING_SECRET_NAME (Infisical providers)."
  type        = string
  default     = ""
}

variable "azure_kv_signing_secret_name" {
  description = "Key Vault secret the API signs with (AZURE_KV_SIGNING_SECRET_NAME), in key_vault_name."
  type        = string
  default     = ""
}

# --- Azure keys -----------------------------------------------------------------------------------

variable "azure_location" {
  description = "Azure region of every resource, e.g. westeurope."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.azure_location))
    error_message = "azure_location must be an Azure region name such as westeurope or eastus2."
  }
}

variable "resource_group_name" {
  description = "Resource group the blueprint creates and puts everything in."
  type        = string
  validation {
    condition     = can(regex("^[-\\w.()]{1,89}[-\\w()]$", var.resource_group_name))
    error_message = "resource_group_name must be 1-90 letters, digits, _ - . ( ) and must not end with a period."
  }
}

variable "key_vault_name" {
  description = "Key Vault the blueprint creates (globally unique, 3-24 letters, digits and hyphens)."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z](?:[A-Za-z0-9]|-[A-Za-z0-9]){2,23}$", var.key_vault_name)) && length(var.key_vault_name) <= 24
    error_message = "key_vault_name must be 3-24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit."
  }
}

variable "storage_account_name" {
  description = "Storage account the blueprint creates (globally unique, 3-24 lower-case letters and digits)."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9]{3,24}$", var.storage_account_name))
    error_message = "storage_account_name must be 3-24 lower-case letters and digits (no hyphens), unique across Azure."
  }
}

variable "vnet_cidr" {
  description = "Address space of the virtual network (/16 to /22): Container Apps /23, Postgres /24 and private endpoints /24 are carved from it."
  type        = string
  default     = "10.30.0.0/16"
  validation {
    condition     = can(cidrhost(var.vnet_cidr, 0)) && contains(["16", "17", "18", "19", "20", "21", "22"], try(split("/", var.vnet_cidr)[1], ""))
    error_message = "vnet_cidr must be an IPv4 CIDR block from /16 to /22, e.g. 10.30.0.0/16."
  }
}

variable "api_vcpu" {
  description = "vCPUs of an API replica (0.25 to 4 in steps of 0.25; memory is 2 GiB per vCPU)."
  type        = number
  default     = 0.5
}

variable "web_vcpu" {
  description = "vCPUs of a web replica."
  type        = number
  default     = 0.5
}

variable "worker_vcpu" {
  description = "vCPUs of the worker replica."
  type        = number
  default     = 0.25
}

variable "api_min_replicas" {
  description = "Fewest API replicas."
  type        = number
  default     = 1
}

variable "api_max_replicas" {
  description = "Most API replicas."
  type        = number
  default     = 3
}

variable "web_min_replicas" {
  description = "Fewest web replicas."
  type        = number
  default     = 1
}

variable "web_max_replicas" {
  description = "Most web replicas."
  type        = number
  default     = 3
}

variable "postgres_sku_name" {
  description = "SKU of the Postgres Flexible Server, e.g. B_Standard_B1ms or GP_Standard_D2ds_v5."
  type        = string
  default     = "B_Standard_B1ms"
}

variable "postgres_storage_mb" {
  description = "Storage of the Postgres server in MB (32768 and up; it can only grow)."
  type        = number
  default     = 32768
}

variable "postgres_backup_retention_days" {
  description = "Days of Postgres backups (7 to 35); point-in-time restore covers the same window."
  type        = number
  default     = 7
}

variable "postgres_database_name" {
  description = "Database the blueprint creates on the server."
  type        = string
  default     = "starter"
}

variable "postgres_admin_username" {
  description = "Administrator login of the Postgres server (its password is the Key Vault secret postgres-admin-password)."
  type        = string
  default     = "starter_admin"
}

variable "postgres_admin_password_version" {
  description = "Version of the admin password: raise it after changing the postgres-admin-password secret so the server and DATABASE_URL take the new one."
  type        = number
  default     = 1
}

variable "redis_sku_name" {
  description = "Azure Cache for Redis SKU: Standard or Premium (both replicated)."
  type        = string
  default     = "Standard"
  validation {
    condition     = contains(["Standard", "Premium"], var.redis_sku_name)
    error_message = "redis_sku_name must be Standard or Premium (Basic has no replica and no SLA)."
  }
}

variable "redis_capacity" {
  description = "Size of the cache within its SKU (Standard C0-C6, Premium P1-P5)."
  type        = number
  default     = 1
}

variable "log_analytics_retention_days" {
  description = "Days Log Analytics keeps the apps' logs (30 to 730)."
  type        = number
  default     = 30
}

variable "registry_login_server" {
  description = "Login server of a private image registry (e.g. acme.azurecr.io or ghcr.io); empty for public images."
  type        = string
  default     = ""
}

variable "registry_username" {
  description = "User of registry_login_server; empty pulls with the apps' managed identity (grant it AcrPull on the registry)."
  type        = string
  default     = ""
}

variable "registry_password_secret_name" {
  description = "Key Vault secret (name in key_vault_name, or secret ID) holding the registry password or token; required with registry_username."
  type        = string
  default     = ""
  validation {
    condition     = var.registry_username == "" || var.registry_password_secret_name != ""
    error_message = "registry_password_secret_name is required with registry_username: put the registry token into Key Vault and name the secret."
  }
}

# Inputs of the GCP blueprint, by their contract key names (the generator writes terraform.tfvars).
# No secret value is ever a variable: secrets are Secret Manager names or paths. The app-env module
# validates the app's own rules (URLs, providers, env names); these validations cover GCP.

variable "project_name" {
  description = "Project name: lower-case letters, digits and hyphens, at most 20 characters; prefixes every resource name."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,18}[a-z0-9]$", var.project_name))
    error_message = "project_name must be 2-20 lower-case letters, digits and hyphens, starting with a letter (Cloud Run, service account and connector names derive from it), e.g. acme-saas."
  }
}

variable "environment" {
  description = "Deployment environment: dev, staging or prod (prod turns on deletion protection, point-in-time recovery and a regional database)."
  type        = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging, prod."
  }
}

variable "project_id" {
  description = "GCP project of every resource (and GCP_PROJECT_ID of the API)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a GCP project ID: 6-30 lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "project_number" {
  description = "Number of project_id (gcloud projects describe <project_id> --format='value(projectNumber)'): the services' deterministic run.app URLs contain it."
  type        = string
  validation {
    condition     = can(regex("^[1-9][0-9]{5,18}$", var.project_number))
    error_message = "project_number must be the project's number (digits only), from gcloud projects describe <project_id> --format='value(projectNumber)'."
  }
}

variable "region" {
  description = "Region of every regional resource (Cloud Run, Cloud SQL, Memorystore, the connector)."
  type        = string
  default     = "us-central1"
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a GCP region such as europe-west1."
  }
}

variable "enable_project_services" {
  description = "Enable the Google APIs the blueprint uses (project_services) on apply; false enables none: enable them by hand first (see the runbook)."
  type        = bool
  default     = true
}

variable "project_services" {
  description = "The Google APIs to enable; replaces the default list and must hold every API the blueprint uses. Empty means the default list."
  type        = list(string)
  default     = []
}

variable "vpc_subnet_cidr" {
  description = "CIDR range of the VPC's subnet (private Google access on)."
  type        = string
  default     = "10.30.0.0/20"
  validation {
    condition     = can(cidrhost(var.vpc_subnet_cidr, 0))
    error_message = "vpc_subnet_cidr must be an IPv4 CIDR range such as 10.30.0.0/20."
  }
}

variable "vpc_connector_cidr" {
  description = "CIDR range (/28) of the Serverless VPC Access connector's subnet."
  type        = string
  default     = "10.8.0.0/28"
  validation {
    condition     = can(cidrhost(var.vpc_connector_cidr, 0)) && endswith(var.vpc_connector_cidr, "/28")
    error_message = "vpc_connector_cidr must be an IPv4 /28 range such as 10.8.0.0/28 (the connector needs exactly a /28)."
  }
}

variable "private_service_cidr_prefix" {
  description = "Prefix length of the range reserved for Private Service Access (Cloud SQL and Memorystore private IPs)."
  type        = number
  default     = 16
  validation {
    condition     = var.private_service_cidr_prefix >= 16 && var.private_service_cidr_prefix <= 24
    error_message = "private_service_cidr_prefix must be between 16 and 24."
  }
}

variable "api_image" {
  description = "Container image of the API (also runs the migrations), e.g. europe-west1-docker.pkg.dev/acme/app/api:1.4.2."
  type        = string
  validation {
    condition     = can(regex("^[^\\s]+$", var.api_image))
    error_message = "api_image must be a container image reference without spaces."
  }
}

variable "web_image" {
  description = "Container image of the web app."
  type        = string
  validation {
    condition     = can(regex("^[^\\s]+$", var.web_image))
    error_message = "web_image must be a container image reference without spaces."
  }
}

variable "worker_image" {
  description = "Container image of the billing worker; empty means api_image."
  type        = string
  default     = ""
  validation {
    condition     = var.worker_image == "" || can(regex("^[^\\s]+$", var.worker_image))
    error_message = "worker_image must be empty (= api_image) or an image reference without spaces."
  }
}

variable "enable_worker" {
  description = "Run the dedicated billing worker service (the API then stops retrying and replaying billing events)."
  type        = bool
  default     = false
}

variable "app_public_url" {
  description = "Public URL of the web app (https outside dev): its run.app URL, or a domain mapped to the web service."
  type        = string
}

variable "api_public_url" {
  description = "Public URL of the API; empty keeps the API on internal ingress (reached only by the web app, through the VPC)."
  type        = string
  default     = ""
}

variable "api_base_url" {
  description = "URL the web app reaches the API at; empty means the API's deterministic run.app URL."
  type        = string
  default     = ""
}

variable "secrets_provider" {
  description = "Secrets provider of the signing secret (gcp_sm on GCP, or vault_hcp, infisical_cloud, infisical_self_host, aws_sm, azure_kv)."
  type        = string
  default     = "gcp_sm"
}

variable "auth_key_storage_backend" {
  description = "Where the API keeps its auth keyset: secret-manager (required outside dev) or file."
  type        = string
  default     = "secret-manager"
}

variable "auth_key_storage_provider" {
  description = "Secrets provider of the keyset; empty means secrets_provider."
  type        = string
  default     = ""
}

variable "auth_key_secret_name" {
  description = "Keyset secret (a name in project_id or projects/<p>/secrets/<name>); with gcp_sm the API may read it and add versions."
  type        = string
  default     = ""
}

variable "storage_provider" {
  description = "Object storage provider; the GCP blueprint supports gcs only."
  type        = string
  default     = "gcs"
  validation {
    condition     = var.storage_provider == "gcs"
    error_message = "storage_provider must be \"gcs\" for the GCP blueprint (it creates the GCS bucket): set storage_provider = \"gcs\"."
  }
}

variable "storage_bucket_name" {
  description = "Name of the GCS bucket the blueprint creates for the app's objects (globally unique)."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9_.-]{1,61}[a-z0-9]$", var.storage_bucket_name)) && !startswith(var.storage_bucket_name, "goog")
    error_message = "storage_bucket_name must be a valid GCS bucket name: 3-63 lower-case letters, digits, _ . -, not starting with goog, e.g. acme-saas-prod-data."
  }
}

variable "storage_location" {
  description = "Location of the bucket; empty means region."
  type        = string
  default     = ""
}

variable "api_env" {
  description = "Extra plain env of the API and the worker (never credentials: use api_secrets)."
  type        = map(string)
  default     = {}
}

variable "web_env" {
  description = "Extra plain env of the web app (never credentials: use web_secrets)."
  type        = map(string)
  default     = {}
}

variable "api_secrets" {
  description = "Secrets of the API and the worker: env name => Secret Manager secret (name, or projects/<p>/secrets/<name>[/versions/<n>]); DATABASE_URL/REDIS_URL default to the blueprint's own secrets."
  type        = map(string)
  default     = {}
}

variable "web_secrets" {
  description = "Secrets of the web app: env name => Secret Manager secret (name or path)."
  type        = map(string)
  default     = {}
}

variable "api_cpu_limit" {
  description = "vCPUs of an API instance (1, 2, 4 or 8)."
  type        = string
  default     = "1"
}

variable "api_memory_limit" {
  description = "Memory of an API instance, e.g. 1Gi."
  type        = string
  default     = "1Gi"
}

variable "web_cpu_limit" {
  description = "vCPUs of a web instance (1, 2, 4 or 8)."
  type        = string
  default     = "1"
}

variable "web_memory_limit" {
  description = "Memory of a web instance, e.g. 1Gi."
  type        = string
  default     = "1Gi"
}

variable "worker_cpu_limit" {
  description = "vCPUs of the worker instance (1, 2, 4 or 8; always allocated)."
  type        = string
  default     = "1"
}

variable "worker_memory_limit" {
  description = "Memory of the worker instance, e.g. 512Mi."
  type        = string
  default     = "512Mi"
}

variable "api_min_instances" {
  description = "Minimum API instances (0 lets the API scale to zero)."
  type        = number
  default     = 0
  validation {
    condition     = var.api_min_instances >= 0 && floor(var.api_min_instances) == var.api_min_instances
    error_message = "api_min_instances must be a whole number >= 0."
  }
}

variable "api_max_instances" {
  description = "Maximum API instances."
  type        = number
  default     = 10
  validation {
    condition     = var.api_max_instances >= var.api_min_instances && var.api_max_instances >= 1
    error_message = "api_max_instances must be at least 1 and >= api_min_instances."
  }
}

variable "web_min_instances" {
  description = "Minimum web instances (0 lets the web app scale to zero)."
  type        = number
  default     = 0
  validation {
    condition     = var.web_min_instances >= 0 && floor(var.web_min_instances) == var.web_min_instances
    error_message = "web_min_instances must be a whole number >= 0."
  }
}

variable "web_max_instances" {
  description = "Maximum web instances."
  type        = number
  default     = 10
  validation {
    condition     = var.web_max_instances >= var.web_min_instances && var.web_max_instances >= 1
    error_message = "web_max_instances must be at least 1 and >= web_min_instances."
  }
}

variable "db_tier" {
  description = "Cloud SQL machine tier (Enterprise edition), e.g. db-custom-1-3840."
  type        = string
  default     = "db-custom-1-3840"
  validation {
    condition     = can(regex("^db-(custom-[0-9]+-[0-9]+|f1-micro|g1-small)$", var.db_tier))
    error_message = "db_tier must be a Cloud SQL Enterprise tier such as db-custom-1-3840 (or db-f1-micro / db-g1-small for dev)."
  }
}

variable "db_disk_size_gb" {
  description = "Initial disk of the database in GB (it grows automatically)."
  type        = number
  default     = 20
  validation {
    condition     = var.db_disk_size_gb >= 10
    error_message = "db_disk_size_gb must be at least 10."
  }
}

variable "db_backup_retention_count" {
  description = "Automated backups Cloud SQL keeps."
  type        = number
  default     = 7
  validation {
    condition     = var.db_backup_retention_count >= 1 && var.db_backup_retention_count <= 365
    error_message = "db_backup_retention_count must be between 1 and 365."
  }
}

variable "db_password_secret" {
  description = "Existing Secret Manager secret (name in project_id) holding the database user's password; empty means <project_name>-<environment>-db-password."
  type        = string
  default     = ""
}

variable "redis_tier" {
  description = "Memorystore tier: BASIC or STANDARD_HA (a replica with failover)."
  type        = string
  default     = "BASIC"
  validation {
    condition     = contains(["BASIC", "STANDARD_HA"], var.redis_tier)
    error_message = "redis_tier must be BASIC or STANDARD_HA."
  }
}

variable "redis_memory_size_gb" {
  description = "Memory of the Redis instance in GB."
  type        = number
  default     = 1
  validation {
    condition     = var.redis_memory_size_gb >= 1
    error_message = "redis_memory_size_gb must be at least 1."
  }
}

variable "redis_version" {
  description = "Memorystore Redis version, e.g. REDIS_7_2."
  type        = string
  default     = "REDIS_7_2"
  validation {
    condition     = can(regex("^REDIS_[0-9]+_[0-9]+$", var.redis_version))
    error_message = "redis_version must be a Memorystore version such as REDIS_7_2."
  }
}

variable "image_registry_upstream" {
  description = "Registry host (e.g. ghcr.io) that images are pulled from through an Artifact Registry remote repository; empty pulls images directly (Artifact Registry or Docker Hub)."
  type        = string
  default     = ""
}

variable "image_registry_username" {
  description = "User name for image_registry_upstream (private images)."
  type        = string
  default     = ""
}

variable "image_registry_password_secret" {
  description = "Existing Secret Manager secret (name in project_id) holding the token for image_registry_upstream."
  type        = string
  default     = ""
  validation {
    condition     = (var.image_registry_password_secret == "") == (var.image_registry_username == "")
    error_message = "image_registry_username and image_registry_password_secret go together: set both (private upstream images) or neither."
  }
}

variable "vault_addr" {
  description = "Vault address (VAULT_ADDR) when Vault serves the app."
  type        = string
  default     = ""
}

variable "vault_transit_key" {
  description = "Vault Transit key (VAULT_TRANSIT_KEY); empty means auth-service."
  type        = string
  default     = ""
}

variable "vault_namespace" {
  description = "HCP Vault namespace (VAULT_NAMESPACE); empty means admin with vault_hcp."
  type        = string
  default     = ""
}

variable "infisical_base_url" {
  description = "Infisical URL (INFISICAL_BASE_URL); empty means https://app.infisical.com with infisical_cloud."
  type        = string
  default     = ""
}

variable "infisical_project_id" {
  description = "Infisical project ID (INFISICAL_PROJECT_ID)."
  type        = string
  default     = ""
}

variable "infisical_environment" {
  description = "Infisical environment slug (INFISICAL_ENVIRONMENT); empty means the environment."
  type        = string
  default     = ""
}

variable "infisical_secret_path" {
  description = "Infisical folder (INFISICAL_SECRET_PATH); empty means /."
  type        = string
  default     = ""
}

variable "infisical_signing_secret_name" {
  description = "Infisical signing secret (INFISICAL_SIGNING_SECRET_NAME)."
  type        = string
  default     = ""
}

variable "aws_region" {
  description = "AWS region (AWS_REGION) when aws_sm serves the app."
  type        = string
  default     = ""
}

variable "aws_sm_signing_secret_arn" {
  description = "Secrets Manager signing secret (AWS_SM_SIGNING_SECRET_ARN) when aws_sm serves the app."
  type        = string
  default     = ""
}

variable "azure_key_vault_url" {
  description = "Key Vault URL (AZURE_KEY_VAULT_URL) when azure_kv serves the app."
  type        = string
  default     = ""
}

variable "azure_kv_signing_secret_name" {
  description = "Key Vault signing secret (AZURE_KV_SIGNING_SECRET_NAME)."
  type        = string
  default     = ""
}

variable "gcp_sm_signing_secret_name" {
  description = "Secret Manager signing secret (GCP_SM_SIGNING_SECRET_NAME): a name in project_id or projects/<p>/secrets/<name>; required with secrets_provider gcp_sm. The API and the worker may read it."
  type        = string
  default     = ""
}

variable "gcp_sm_project_id" {
  description = "Project of Secret Manager (GCP_SM_PROJECT_ID); empty means project_id (the app falls back to GCP_PROJECT_ID)."
  type        = string
  default     = ""
}

variable "s3_region" {
  description = "Region of the bucket (S3_REGION); unused with GCS storage."
  type        = string
  default     = ""
}

variable "gcp_project_id" {
  description = "Project of the bucket (GCP_PROJECT_ID); empty means project_id."
  type        = string
  default     = ""
}

variable "azure_blob_account_url" {
  description = "Storage account URL (AZURE_BLOB_ACCOUNT_URL); unused with GCS storage."
  type        = string
  default     = ""
}

variable "minio_endpoint" {
  description = "MinIO URL (MINIO_ENDPOINT); unused with GCS storage."
  type        = string
  default     = ""
}

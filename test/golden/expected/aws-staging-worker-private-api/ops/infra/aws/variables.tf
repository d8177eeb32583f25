# Inputs of the AWS blueprint, by their contract key names (the generator writes terraform.tfvars).
# No secret value is ever a variable: secrets are referenced by ARN or name. The app-env module
# validates the app's own rules (URLs, providers, env names); these validations cover AWS.

variable "project_name" {
  description = "Project name: lower-case letters, digits and hyphens, at most 20 characters; prefixes every resource name."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,18}[a-z0-9]$", var.project_name))
    error_message = "project_name must be 2-20 lower-case letters, digits and hyphens, starting with a letter (load balancer and target group names derive from it), e.g. acme-saas."
  }
}

variable "environment" {
  description = "Deployment environment: dev, staging or prod (prod turns on deletion protection, final snapshots and Multi-AZ)."
  type        = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging, prod."
  }
}

variable "aws_region" {
  description = "AWS region of every resource (and AWS_REGION of the API when aws_sm serves it)."
  type        = string
  default     = "us-east-1"
  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS region name such as eu-west-1."
  }
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC (split into 2 public and 2 private subnets)."
  type        = string
  default     = "10.20.0.0/16"
  validation {
    condition     = can(cidrsubnet(var.vpc_cidr, 4, 3))
    error_message = "vpc_cidr must be an IPv4 CIDR block of /24 or larger, e.g. 10.20.0.0/16."
  }
}

variable "api_image" {
  description = "Container image of the API (also runs the migrations), e.g. ghcr.io/acme/api:1.4.2."
  type        = string
  validation {
    condition     = can(regex("^[^\\s]+$", var.api_image)) && var.api_image != ""
    error_message = "api_image must be a container image reference without spaces, e.g. ghcr.io/acme/api:1.4.2."
  }
}

variable "web_image" {
  description = "Container image of the web app, e.g. ghcr.io/acme/web:1.4.2."
  type        = string
  validation {
    condition     = can(regex("^[^\\s]+$", var.web_image)) && var.web_image != ""
    error_message = "web_image must be a container image reference without spaces, e.g. ghcr.io/acme/web:1.4.2."
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
  description = "Public URL of the web app; its host routes to the web app on the load balancer (https outside dev)."
  type        = string
}

variable "api_public_url" {
  description = "Public URL of the API; empty keeps the API private (reached only by the web app)."
  type        = string
  default     = ""
}

variable "api_base_url" {
  description = "URL the web app reaches the API at; empty means the Service Connect address http://<project_name>-api:8000."
  type        = string
  default     = ""
}

variable "secrets_provider" {
  description = "Secrets provider of the signing secret (aws_sm on AWS, or vault_hcp, infisical_cloud, infisical_self_host, azure_kv, gcp_sm)."
  type        = string
  default     = "aws_sm"
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
  description = "Name (or ARN) of the keyset secret; the API creates and rotates it, the task role may write it when aws_sm stores it."
  type        = string
  default     = ""
}

variable "storage_provider" {
  description = "Object storage provider; the AWS blueprint supports s3 only."
  type        = string
  default     = "s3"
  validation {
    condition     = var.storage_provider == "s3"
    error_message = "storage_provider must be \"s3\" for the AWS blueprint (it creates the S3 bucket): set storage_provider = \"s3\"."
  }
}

variable "storage_bucket_name" {
  description = "Name of the S3 bucket the blueprint creates for the app's objects (globally unique)."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.storage_bucket_name))
    error_message = "storage_bucket_name must be a valid S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens, e.g. acme-saas-prod-data."
  }
}

variable "api_env" {
  description = "Extra plain env of the API and the worker (never credentials: use api_secrets)."
  type        = map(string)
  default     = {}
  validation {
    condition     = length(setintersection(keys(var.api_env), ["DATABASE_URL", "REDIS_URL"])) == 0
    error_message = "DATABASE_URL and REDIS_URL must reach the API as secrets (api_secrets, or the blueprint's own secrets when api_secrets leaves them out), not api_env: remove them from api_env."
  }
}

variable "web_env" {
  description = "Extra plain env of the web app (never credentials: use web_secrets)."
  type        = map(string)
  default     = {}
  validation {
    condition     = length(setintersection(keys(var.web_env), ["DATABASE_URL", "REDIS_URL"])) == 0
    error_message = "DATABASE_URL and REDIS_URL must reach the API as secrets (api_secrets, or the blueprint's own secrets when api_secrets leaves them out), not web_env: remove them from web_env."
  }
}

variable "api_secrets" {
  description = "Secrets of the API and the worker: env name => Secrets Manager secret ARN or name (DATABASE_URL/REDIS_URL default to the blueprint's own secrets)."
  type        = map(string)
  default     = {}
  validation {
    condition     = alltrue([for name, ref in var.api_secrets : can(regex("^[A-Z_][A-Z0-9_]*$", name)) && trimspace(ref) != ""])
    error_message = "api_secrets maps env names (upper-case, e.g. OPENAI_API_KEY) to a Secrets Manager secret ARN or name; no value may be empty."
  }
}

variable "web_secrets" {
  description = "Secrets of the web app: env name => Secrets Manager secret ARN or name."
  type        = map(string)
  default     = {}
  validation {
    condition     = alltrue([for name, ref in var.web_secrets : can(regex("^[A-Z_][A-Z0-9_]*$", name)) && trimspace(ref) != ""])
    error_message = "web_secrets maps env names (upper-case) to a Secrets Manager secret ARN or name; no value may be empty."
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

variable "aws_sm_signing_secret_arn" {
  description = "ARN (or name) of the Secrets Manager signing secret (AWS_SM_SIGNING_SECRET_ARN); required with secrets_provider aws_sm."
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
  description = "Secret Manager signing secret (GCP_SM_SIGNING_SECRET_NAME)."
  type        = string
  default     = ""
}

variable "gcp_sm_project_id" {
  description = "GCP project of Secret Manager (GCP_SM_PROJECT_ID)."
  type        = string
  default     = ""
}

variable "s3_region" {
  description = "Region of the bucket (S3_REGION); empty means aws_region."
  type        = string
  default     = ""
}

variable "gcp_project_id" {
  description = "GCP project (GCP_PROJECT_ID); unused with S3 storage."
  type        = string
  default     = ""
}

variable "azure_blob_account_url" {
  description = "Storage account URL (AZURE_BLOB_ACCOUNT_URL); unused with S3 storage."
  type        = string
  default     = ""
}

variable "minio_endpoint" {
  description = "MinIO URL (MINIO_ENDPOINT); unused with S3 storage."
  type        = string
  default     = ""
}

variable "enable_https" {
  description = "Serve HTTPS on 443 with acm_certificate_arn and redirect 80 to it; false (dev only) serves plain HTTP on 80."
  type        = bool
  default     = true
  validation {
    condition     = var.enable_https || var.environment == "dev"
    error_message = "enable_https must be true in staging and prod: set enable_https = true with acm_certificate_arn."
  }
}

variable "acm_certificate_arn" {
  description = "ARN of the ACM certificate for the app (and API) host names; required when enable_https."
  type        = string
  default     = ""
  validation {
    condition     = !var.enable_https || can(regex("^arn:aws[a-z-]*:acm:", var.acm_certificate_arn))
    error_message = "acm_certificate_arn must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) when enable_https = true; request one for the app host in ACM first."
  }
}

variable "api_cpu" {
  description = "Fargate CPU units of the api task (256, 512, 1024, 2048, 4096, 8192 or 16384)."
  type        = number
  default     = 512
  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.api_cpu)
    error_message = "api_cpu must be a Fargate CPU value: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "api_memory" {
  description = "Fargate memory (MiB) of the api task; must fit api_cpu."
  type        = number
  default     = 1024
  validation {
    condition     = var.api_memory >= 512 && var.api_memory <= 122880
    error_message = "api_memory must be between 512 and 122880 MiB and fit api_cpu (e.g. 1024 with 512 CPU)."
  }
}

variable "web_cpu" {
  description = "Fargate CPU units of the web task (256, 512, 1024, 2048, 4096, 8192 or 16384)."
  type        = number
  default     = 512
  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.web_cpu)
    error_message = "web_cpu must be a Fargate CPU value: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "web_memory" {
  description = "Fargate memory (MiB) of the web task; must fit web_cpu."
  type        = number
  default     = 1024
  validation {
    condition     = var.web_memory >= 512 && var.web_memory <= 122880
    error_message = "web_memory must be between 512 and 122880 MiB and fit web_cpu (e.g. 1024 with 512 CPU)."
  }
}

variable "worker_cpu" {
  description = "Fargate CPU units of the worker task (256, 512, 1024, 2048, 4096, 8192 or 16384)."
  type        = number
  default     = 512
  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.worker_cpu)
    error_message = "worker_cpu must be a Fargate CPU value: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "worker_memory" {
  description = "Fargate memory (MiB) of the worker task; must fit worker_cpu."
  type        = number
  default     = 1024
  validation {
    condition     = var.worker_memory >= 512 && var.worker_memory <= 122880
    error_message = "worker_memory must be between 512 and 122880 MiB and fit worker_cpu (e.g. 1024 with 512 CPU)."
  }
}

variable "api_desired_count" {
  description = "Initial task count of the api service (later changes are left to scaling)."
  type        = number
  default     = 1
  validation {
    condition     = var.api_desired_count >= 0 && floor(var.api_desired_count) == var.api_desired_count
    error_message = "api_desired_count must be a whole number >= 0."
  }
}

variable "web_desired_count" {
  description = "Initial task count of the web service (later changes are left to scaling)."
  type        = number
  default     = 1
  validation {
    condition     = var.web_desired_count >= 0 && floor(var.web_desired_count) == var.web_desired_count
    error_message = "web_desired_count must be a whole number >= 0."
  }
}

variable "worker_desired_count" {
  description = "Initial task count of the worker service (later changes are left to scaling)."
  type        = number
  default     = 1
  validation {
    condition     = var.worker_desired_count >= 0 && floor(var.worker_desired_count) == var.worker_desired_count
    error_message = "worker_desired_count must be a whole number >= 0."
  }
}

variable "db_instance_class" {
  description = "RDS instance class of Postgres."
  type        = string
  default     = "db.t4g.micro"
  validation {
    condition     = startswith(var.db_instance_class, "db.")
    error_message = "db_instance_class must be an RDS instance class such as db.t4g.micro."
  }
}

variable "db_allocated_storage" {
  description = "Allocated storage of Postgres in GiB."
  type        = number
  default     = 20
  validation {
    condition     = var.db_allocated_storage >= 20 && var.db_allocated_storage <= 65536
    error_message = "db_allocated_storage must be between 20 and 65536 GiB."
  }
}

variable "db_backup_retention_days" {
  description = "Days RDS keeps automated backups (at least 1 in prod)."
  type        = number
  default     = 7
  validation {
    condition     = var.db_backup_retention_days >= 0 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be between 0 and 35."
  }
  validation {
    condition     = var.environment != "prod" || var.db_backup_retention_days >= 1
    error_message = "db_backup_retention_days must be at least 1 in prod (automated backups on)."
  }
}

variable "db_name" {
  description = "Name of the app's database."
  type        = string
  default     = "starter"
  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$", var.db_name))
    error_message = "db_name must start with a letter and hold only letters, digits and underscores (max 63)."
  }
}

variable "db_username" {
  description = "Master user name of Postgres (its password is managed by RDS in Secrets Manager)."
  type        = string
  default     = "starter_admin"
  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$", var.db_username)) && !contains(["postgres", "rdsadmin", "admin"], lower(var.db_username))
    error_message = "db_username must start with a letter, hold only letters, digits and underscores, and not be a reserved name (postgres, rdsadmin, admin)."
  }
}

variable "redis_node_type" {
  description = "ElastiCache node type of Redis."
  type        = string
  default     = "cache.t4g.micro"
  validation {
    condition     = startswith(var.redis_node_type, "cache.")
    error_message = "redis_node_type must be an ElastiCache node type such as cache.t4g.micro."
  }
}

variable "redis_auth_token_secret_name" {
  description = "Existing Secrets Manager secret (name or ARN) holding the Redis AUTH token (16-128 characters); empty means <project_name>-<environment>/redis-auth-token."
  type        = string
  default     = ""
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the services' logs."
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "registry_credentials_secret_arn" {
  description = "ARN of an existing Secrets Manager secret {username,password} for a private registry; empty for public images or ECR."
  type        = string
  default     = ""
  validation {
    condition     = var.registry_credentials_secret_arn == "" || can(regex("^arn:aws[a-z-]*:secretsmanager:", var.registry_credentials_secret_arn))
    error_message = "registry_credentials_secret_arn must be empty or a Secrets Manager secret ARN (arn:aws:secretsmanager:...)."
  }
}

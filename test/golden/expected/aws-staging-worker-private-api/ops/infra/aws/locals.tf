# Derived names and switches, the app env from the shared app-env module, and the secret references
# every task definition injects. Production safety follows from environment == "prod".

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  name_prefix = "${var.project_name}-${var.environment}"
  is_prod     = var.environment == "prod"
  api_port    = 8000
  web_port    = 3000

  # The web app reaches the API over ECS Service Connect at http://<project_name>-api:8000.
  api_service_name = "${var.project_name}-api"
  api_base_url     = var.api_base_url != "" ? var.api_base_url : "http://${local.api_service_name}:${local.api_port}"
  api_public       = var.api_public_url != ""
  worker_image     = var.worker_image != "" ? var.worker_image : var.api_image
  s3_region        = var.s3_region != "" ? var.s3_region : var.aws_region

  provider_settings = {
    vault_addr                    = var.vault_addr
    vault_transit_key             = var.vault_transit_key
    vault_namespace               = var.vault_namespace
    infisical_base_url            = var.infisical_base_url
    infisical_project_id          = var.infisical_project_id
    infisical_environment         = var.infisical_environment
    infisical_secret_path         = var.infisical_secret_path
    infisical_signing_secret_name = var.infisical_signing_secret_name
    aws_region                    = var.aws_region
    aws_sm_signing_secret_arn     = var.aws_sm_signing_secret_arn
    azure_key_vault_url           = var.azure_key_vault_url
    azure_kv_signing_secret_name  = var.azure_kv_signing_secret_name
    gcp_sm_signing_secret_name    = var.gcp_sm_signing_secret_name
    gcp_sm_project_id             = var.gcp_sm_project_id
    s3_region                     = local.s3_region
    gcp_project_id                = var.gcp_project_id
    azure_blob_account_url        = var.azure_blob_account_url
    minio_endpoint                = var.minio_endpoint
  }

  # Secrets Manager ARNs: a name becomes the ARN without the random suffix Secrets Manager appends.
  sm_arn_base = "arn:${data.aws_partition.current.partition}:secretsmanager:${var.aws_region}:${data.aws_caller_identity.current.account_id}:secret:"
  # DATABASE_URL and REDIS_URL come from the blueprint's own secrets unless api_secrets names them.
  own_database_url = !contains(keys(var.api_secrets), "DATABASE_URL")
  own_redis_url    = !contains(keys(var.api_secrets), "REDIS_URL")
  api_secret_refs = merge(
    local.own_database_url ? { DATABASE_URL = aws_secretsmanager_secret.database_url[0].arn } : {},
    local.own_redis_url ? { REDIS_URL = aws_secretsmanager_secret.redis_url[0].arn } : {},
    var.api_secrets,
  )
  api_secret_arns = { for name, ref in local.api_secret_refs : name => startswith(ref, "arn:") ? ref : "${local.sm_arn_base}${ref}" }
  web_secret_arns = { for name, ref in var.web_secrets : name => startswith(ref, "arn:") ? ref : "${local.sm_arn_base}${ref}" }

  # IAM resource of a reference: a full ARN without its JSON-key/version suffix, or a name's ARN plus the 6-character suffix.
  secret_resource = {
    for ref in distinct(concat(values(local.api_secret_refs), values(var.web_secrets), compact([var.registry_credentials_secret_arn]))) :
    ref => startswith(ref, "arn:") ? join(":", slice(split(":", ref), 0, 7)) : "${local.sm_arn_base}${ref}-??????"
  }
  injected_secret_resources = sort(distinct([for ref in concat(values(local.api_secret_refs), values(var.web_secrets)) : local.secret_resource[ref]]))
  registry_secret_resources = var.registry_credentials_secret_arn == "" ? [] : [local.secret_resource[var.registry_credentials_secret_arn]]

  # Secrets the app itself reads through Secrets Manager (aws_sm): the signing secret and the keyset it rotates.
  key_provider = module.app_env.auth_key_storage_provider
  signing_secret_resources = var.secrets_provider == "aws_sm" && var.aws_sm_signing_secret_arn != "" ? [
    startswith(var.aws_sm_signing_secret_arn, "arn:") ? join(":", slice(split(":", var.aws_sm_signing_secret_arn), 0, 7)) : "${local.sm_arn_base}${var.aws_sm_signing_secret_arn}-??????"
  ] : []
  keyset_secret_resources = var.auth_key_storage_backend == "secret-manager" && local.key_provider == "aws_sm" && var.auth_key_secret_name != "" ? [
    startswith(var.auth_key_secret_name, "arn:") ? join(":", slice(split(":", var.auth_key_secret_name), 0, 7)) : "${local.sm_arn_base}${var.auth_key_secret_name}-??????"
  ] : []

  redis_auth_token_secret_name = var.redis_auth_token_secret_name != "" ? var.redis_auth_token_secret_name : "${local.name_prefix}/redis-auth-token"
  api_target_group_arns        = local.api_public ? [aws_lb_target_group.api[0].arn] : []
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

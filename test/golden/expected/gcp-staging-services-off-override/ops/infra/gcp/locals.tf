# Derived names and switches, the app env from the shared app-env module, and the Secret Manager
# references every service injects. Production safety follows from environment == "prod".

locals {
  name_prefix = "${var.project_name}-${var.environment}"
  is_prod     = var.environment == "prod"
  api_port    = 8000
  web_port    = 3000

  services = { api = "${local.name_prefix}-api", web = "${local.name_prefix}-web", worker = "${local.name_prefix}-worker" }
  # Cloud Run's deterministic URL: https://<service>-<project number>.<region>.run.app.
  api_run_url  = "https://${local.services.api}-${var.project_number}.${var.region}.run.app"
  api_base_url = var.api_base_url != "" ? var.api_base_url : local.api_run_url
  api_public   = var.api_public_url != ""

  # Service account IDs: 6-30 characters, role first so that truncation keeps them distinct.
  account_ids = { for role in ["api", "web"] : role => replace(substr("${role}-${local.name_prefix}", 0, 30), "/-+$/", "") }
  # The connector's name holds at most 25 characters.
  connector_name = replace(substr("${local.name_prefix}-cx", 0, 25), "/-+$/", "")

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
    gcp_sm_project_id             = var.gcp_sm_project_id != "" ? var.gcp_sm_project_id : var.project_id
    s3_region                     = var.s3_region
    gcp_project_id                = var.gcp_project_id != "" ? var.gcp_project_id : var.project_id
    azure_blob_account_url        = var.azure_blob_account_url
    minio_endpoint                = var.minio_endpoint
  }

  # DATABASE_URL and REDIS_URL come from the blueprint's own secrets unless api_secrets names them.
  # Their paths are known before apply, so every map below is known at plan time.
  own_database_url = !contains(keys(var.api_secrets), "DATABASE_URL")
  own_redis_url    = !contains(keys(var.api_secrets), "REDIS_URL")
  own_secret_ids = {
    database_url = "${local.name_prefix}-database-url"
    redis_url    = "${local.name_prefix}-redis-url"
    redis_ca     = "${local.name_prefix}-redis-ca"
  }
  api_secrets = merge(
    local.own_database_url ? { DATABASE_URL = "projects/${var.project_id}/secrets/${local.own_secret_ids.database_url}" } : {},
    local.own_redis_url ? { REDIS_URL = "projects/${var.project_id}/secrets/${local.own_secret_ids.redis_url}" } : {},
    var.api_secrets,
  )
  db_password_secret = var.db_password_secret != "" ? var.db_password_secret : "${local.name_prefix}-db-password"

  # Secrets the app itself reads through Secret Manager (gcp_sm): the signing secret, and the keyset it rotates.
  key_provider = module.app_env.auth_key_storage_provider
  app_read_secrets = merge(
    var.secrets_provider == "gcp_sm" && var.gcp_sm_signing_secret_name != "" ? { SIGNING = var.gcp_sm_signing_secret_name } : {},
  )
  app_keyset_secrets = merge(
    var.auth_key_storage_backend == "secret-manager" && local.key_provider == "gcp_sm" && var.auth_key_secret_name != "" ? { KEYSET = var.auth_key_secret_name } : {},
  )

  # Cloud Run sets PORT itself from the container port (the same value); it refuses PORT in env.
  api_env    = { for name, value in module.app_env.api_env : name => value if name != "PORT" }
  worker_env = { for name, value in module.app_env.worker_env : name => value if name != "PORT" }
  web_env    = { for name, value in module.app_env.web_env : name => value if name != "PORT" }

  # Cloud Run cannot pull from every registry: images on image_registry_upstream go through the
  # Artifact Registry remote repository (registry.tf), at <region>-docker.pkg.dev/<project>/<repo>/<path>.
  proxied       = var.image_registry_upstream != ""
  registry_repo = "${local.name_prefix}-images"
  images = {
    for role, image in { api = var.api_image, web = var.web_image, worker = var.worker_image != "" ? var.worker_image : var.api_image } :
    role => local.proxied && split("/", image)[0] == var.image_registry_upstream ? "${var.region}-docker.pkg.dev/${var.project_id}/${local.registry_repo}/${join("/", slice(split("/", image), 1, length(split("/", image))))}" : image
  }

  # The probes send Host: localhost (ALLOWED_HOSTS always holds it): Cloud Run documents no Host
  # header for its probes, so the blueprint sets one the API allows.
  probe_host = "localhost"
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
  api_secret_names          = sort(keys(local.api_secrets))
  web_secret_names          = sort(keys(var.web_secrets))
}

module "project_services" {
  source = "../modules/gcp-services"

  enable_project_services = var.enable_project_services
  project_services        = var.project_services
  artifact_registry       = local.proxied
}

module "api_secret_refs" {
  source = "../modules/gcp-secret-refs"

  project_id = var.project_id
  secrets    = local.api_secrets
}

module "web_secret_refs" {
  source = "../modules/gcp-secret-refs"

  project_id = var.project_id
  secrets    = var.web_secrets
}

module "app_secret_refs" {
  source = "../modules/gcp-secret-refs"

  project_id = local.provider_settings.gcp_sm_project_id
  secrets    = merge(local.app_read_secrets, local.app_keyset_secrets)
}

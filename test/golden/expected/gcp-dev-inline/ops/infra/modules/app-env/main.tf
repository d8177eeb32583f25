# app-env locals: the derivation of every env map. Values are strings, as containers read them.
locals {
  vault_providers     = ["vault_dev", "vault_hcp"]
  infisical_providers = ["infisical_cloud", "infisical_self_host"]
  true_words          = ["true", "1", "yes", "on"]

  app_environment = { dev = "development", staging = "staging", prod = "production" }[var.environment]
  # Outside dev the app runs its production checks (DEBUG is refused there, see variables.tf).
  hosted = var.environment != "dev"

  uses_key_manager = var.auth_key_storage_backend == "secret-manager"
  key_provider     = trimspace(var.auth_key_storage_provider) != "" ? trimspace(var.auth_key_storage_provider) : var.secrets_provider
  # A secrets provider serves the app as SECRETS_PROVIDER or as the key storage provider.
  providers_used = toset(compact([var.secrets_provider, local.uses_key_manager ? local.key_provider : ""]))
  uses_vault     = length(setintersection(local.providers_used, local.vault_providers)) > 0
  uses_infisical = length(setintersection(local.providers_used, local.infisical_providers)) > 0

  # Every contract key that sets one app setting; its env name is the upper-cased key.
  setting_keys = [
    "vault_addr", "vault_transit_key", "vault_namespace",
    "infisical_base_url", "infisical_project_id", "infisical_environment", "infisical_secret_path", "infisical_signing_secret_name",
    "aws_region", "aws_sm_signing_secret_arn",
    "azure_key_vault_url", "azure_kv_signing_secret_name",
    "gcp_sm_signing_secret_name", "gcp_sm_project_id",
    "s3_region", "gcp_project_id", "azure_blob_account_url", "minio_endpoint",
  ]

  # Defaults that follow from other answers (the generator fills the same ones), then the given values.
  derived_settings = merge(
    contains(local.vault_providers, var.secrets_provider) ? { vault_transit_key = "auth-service" } : {},
    var.secrets_provider == "vault_hcp" ? { vault_namespace = "admin" } : {},
    contains(local.providers_used, "infisical_cloud") ? { infisical_base_url = "https://app.infisical.com" } : {},
    local.uses_infisical ? { infisical_environment = var.environment, infisical_secret_path = "/" } : {},
  )
  given_settings = { for key, value in var.provider_settings : key => value if trimspace(value) != "" }
  settings       = merge(local.derived_settings, local.given_settings)

  api_secret_set = toset(var.api_secret_names)
  user_api_set   = { for name, value in var.api_env : name => value if trimspace(value) != "" }
  # A setting is present when a contract key, api_env or a secret sets it.
  present = { for name in concat([for key in local.setting_keys : upper(key)], ["AZURE_BLOB_CONNECTION_STRING"]) :
    name => contains(keys(local.settings), lower(name)) || contains(local.api_secret_set, name) || contains(keys(local.user_api_set), name)
  }
  gcp_signing_is_path = startswith(trimspace(lookup(local.settings, "gcp_sm_signing_secret_name", "")), "projects/")
  gcp_keyset_is_path  = startswith(trimspace(var.auth_key_secret_name), "projects/")

  # When the app reads each setting (its requiredWhen; the optional Infisical ones when Infisical serves the app).
  setting_relevant = {
    vault_addr                    = local.uses_vault
    vault_transit_key             = contains(local.vault_providers, var.secrets_provider)
    vault_namespace               = var.secrets_provider == "vault_hcp"
    infisical_base_url            = local.uses_infisical
    infisical_project_id          = local.uses_infisical
    infisical_environment         = local.uses_infisical
    infisical_secret_path         = local.uses_infisical
    infisical_signing_secret_name = local.uses_infisical
    aws_region                    = contains(local.providers_used, "aws_sm")
    aws_sm_signing_secret_arn     = var.secrets_provider == "aws_sm"
    azure_key_vault_url           = contains(local.providers_used, "azure_kv")
    azure_kv_signing_secret_name  = var.secrets_provider == "azure_kv"
    gcp_sm_signing_secret_name    = var.secrets_provider == "gcp_sm"
    gcp_sm_project_id = !local.present.GCP_PROJECT_ID && (
      (var.secrets_provider == "gcp_sm" && !local.gcp_signing_is_path) ||
      (local.uses_key_manager && local.key_provider == "gcp_sm" && !local.gcp_keyset_is_path)
    )
    s3_region              = var.storage_provider == "s3"
    gcp_project_id         = var.storage_provider == "gcs"
    azure_blob_account_url = var.storage_provider == "azure_blob" && !local.present.AZURE_BLOB_CONNECTION_STRING
    minio_endpoint         = var.storage_provider == "minio"
  }
  # Settings the app requires whose Infisical defaults make them optional are not "required".
  setting_optional = ["infisical_secret_path", "infisical_signing_secret_name"]
  missing_settings = sort([
    for key in local.setting_keys : key
    if local.setting_relevant[key] && !contains(local.setting_optional, key) && !local.present[upper(key)]
  ])
  provider_env = { for key, value in local.settings : upper(key) => value if local.setting_relevant[key] }

  # Secrets the app refuses to start without, for these answers (names only).
  flag_on = { for name in ["ENABLE_BILLING"] : name => contains(local.true_words, lower(trimspace(lookup(var.api_env, name, "false")))) }
  required_secrets = sort(concat(
    ["DATABASE_URL", "REDIS_URL"],
    local.hosted ? ["OPENAI_API_KEY", "SECRET_KEY", "AUTH_PASSWORD_PEPPER", "AUTH_REFRESH_TOKEN_PEPPER"] : [],
    local.uses_vault ? ["VAULT_TOKEN"] : [],
    local.uses_infisical ? ["INFISICAL_SERVICE_TOKEN"] : [],
    var.storage_provider == "minio" ? ["MINIO_ACCESS_KEY", "MINIO_SECRET_KEY"] : [],
    local.flag_on.ENABLE_BILLING ? ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] : [],
  ))
  missing_secrets = sort(tolist(setsubtract(local.required_secrets, local.api_secret_set)))
  # A name both injected as a secret and set as plain env would reach the container twice.
  secret_env_clash = sort(tolist(setintersection(local.api_secret_set, keys(local.api_base_env))))

  # Host and origin of a URL: scheme, bare host (lower-cased, no port, IPv6 in brackets), port.
  url_pattern     = "^([A-Za-z][A-Za-z0-9+.-]*)://(?:[^@/?#]*@)?(\\[[^\\]/]*\\]|[^:/?#]+)(?::([0-9]*))?"
  app_url_parts   = try(regex(local.url_pattern, var.app_public_url), ["", "", ""])
  app_host        = lower(local.app_url_parts[1])
  api_base_host   = lower(try(regex(local.url_pattern, var.api_base_url)[1], ""))
  api_public_host = var.api_public_url == "" ? "" : lower(try(regex(local.url_pattern, var.api_public_url)[1], ""))
  app_scheme      = lower(local.app_url_parts[0])
  app_port        = local.app_url_parts[2] == null ? "" : local.app_url_parts[2]
  app_origin = format("%s://%s%s", local.app_scheme, local.app_host,
    local.app_port == "" || local.app_port == (local.app_scheme == "https" ? "443" : "80") ? "" : ":${local.app_port}"
  )
  secure_site = local.app_scheme == "https"

  # The API's TrustedHostMiddleware compares the Host header without its port: bare names only.
  allowed_hosts = join(",", sort(distinct(compact([local.api_base_host, local.api_public_host, "127.0.0.1", "localhost"]))))

  storage_env = merge(
    { STORAGE_PROVIDER = var.storage_provider },
    var.storage_provider == "s3" ? { S3_BUCKET = var.storage_bucket_name } : {},
    var.storage_provider == "gcs" ? { GCS_BUCKET = var.storage_bucket_name } : {},
    var.storage_provider == "azure_blob" ? { AZURE_BLOB_CONTAINER = var.storage_bucket_name } : {},
    var.storage_provider == "minio" ? { STORAGE_BUCKET_PREFIX = var.storage_bucket_name } : {},
    var.storage_provider == "minio" && contains(keys(local.settings), "minio_endpoint") ? {
      MINIO_SECURE = tostring(startswith(lookup(local.settings, "minio_endpoint", ""), "https://"))
    } : {},
  )

  key_storage_env = merge(
    { AUTH_KEY_STORAGE_BACKEND = var.auth_key_storage_backend },
    local.uses_key_manager ? { AUTH_KEY_STORAGE_PROVIDER = local.key_provider, AUTH_KEY_SECRET_NAME = var.auth_key_secret_name } : {},
  )

  api_base_env = merge(
    {
      ENVIRONMENT      = local.app_environment
      APP_PUBLIC_URL   = var.app_public_url
      API_BASE_URL     = var.api_base_url
      SECRETS_PROVIDER = var.secrets_provider
    },
    local.key_storage_env,
    local.storage_env,
    local.provider_env,
    {
      ALLOWED_HOSTS        = local.allowed_hosts
      ALLOWED_ORIGINS      = local.app_origin
      PORT                 = "8000"
      AUTO_RUN_MIGRATIONS  = "false"
      VAULT_VERIFY_ENABLED = tostring(local.hosted)
    },
  )

  # Dedicated topology (enable_worker): only the worker retries and replays billing events.
  billing_env = {
    api = {
      ENABLE_BILLING_RETRY_WORKER   = tostring(!var.enable_worker)
      ENABLE_BILLING_STREAM_REPLAY  = tostring(!var.enable_worker)
      BILLING_RETRY_DEPLOYMENT_MODE = var.enable_worker ? "dedicated" : "inline"
    }
    worker = {
      ENABLE_BILLING_RETRY_WORKER   = "true"
      ENABLE_BILLING_STREAM_REPLAY  = "true"
      BILLING_RETRY_DEPLOYMENT_MODE = "dedicated"
    }
  }

  # User env is merged last; the validations keep it off the names managed here.
  api_env    = merge(local.api_base_env, local.billing_env.api, var.api_env)
  worker_env = var.enable_worker ? merge(local.api_base_env, local.billing_env.worker, var.api_env) : {}
  web_env = merge(
    {
      NODE_ENV                     = "production"
      APP_PUBLIC_URL               = var.app_public_url
      API_BASE_URL                 = var.api_base_url
      PORT                         = "3000"
      HOSTNAME                     = "0.0.0.0"
      AGENT_FORCE_SECURE_COOKIES   = tostring(local.secure_site)
      AGENT_ALLOW_INSECURE_COOKIES = tostring(!local.secure_site)
    },
    var.web_env,
  )

  # Names the generator sets; api_env/web_env may not set them (the contract's MANAGED_ENV plus every setting key).
  managed_env_names = sort(concat([
    "ENVIRONMENT", "APP_PUBLIC_URL", "API_BASE_URL", "SECRETS_PROVIDER", "AUTH_KEY_STORAGE_BACKEND",
    "AUTH_KEY_STORAGE_PROVIDER", "AUTH_KEY_SECRET_NAME", "STORAGE_PROVIDER", "S3_BUCKET", "GCS_BUCKET",
    "AZURE_BLOB_CONTAINER", "STORAGE_BUCKET_PREFIX", "ALLOWED_HOSTS", "MINIO_SECURE", "ALLOWED_ORIGINS", "PORT",
    "ENABLE_BILLING_RETRY_WORKER", "ENABLE_BILLING_STREAM_REPLAY", "BILLING_RETRY_DEPLOYMENT_MODE",
    "VAULT_VERIFY_ENABLED", "AUTO_RUN_MIGRATIONS", "NODE_ENV", "HOSTNAME", "AGENT_FORCE_SECURE_COOKIES",
    "AGENT_ALLOW_INSECURE_COOKIES",
  ], [for key in local.setting_keys : upper(key)]))
  connection_secrets = ["DATABASE_URL", "REDIS_URL"]
}

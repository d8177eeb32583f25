# app-env tests: plan-only runs over the module's outputs (no provider needed).
# `terraform init` then `terraform test` in the module directory.

variables {
  project_name             = "acme-saas"
  environment              = "prod"
  app_public_url           = "https://app.example.com"
  api_base_url             = "http://acme-saas-api:8000"
  api_public_url           = ""
  enable_worker            = false
  secrets_provider         = "aws_sm"
  auth_key_storage_backend = "secret-manager"
  auth_key_secret_name     = "acme-saas/prod/auth-keyset"
  storage_provider         = "s3"
  storage_bucket_name      = "acme-saas-prod-data"
  provider_settings = {
    aws_region                = "eu-west-1"
    aws_sm_signing_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/signing-AbCdEf"
    s3_region                 = "eu-west-1"
  }
  api_secret_names = ["DATABASE_URL", "REDIS_URL", "OPENAI_API_KEY", "SECRET_KEY", "AUTH_PASSWORD_PEPPER", "AUTH_REFRESH_TOKEN_PEPPER"]
}

run "api_env_core" {
  command = plan

  assert {
    condition     = output.api_env["PORT"] == "8000" && output.web_env["PORT"] == "3000"
    error_message = "PORT must be 8000 for the API and 3000 for the web app."
  }
  assert {
    condition     = output.api_env["ENVIRONMENT"] == "production" && output.api_env["VAULT_VERIFY_ENABLED"] == "true"
    error_message = "prod must map to ENVIRONMENT=production with hosted hardening."
  }
  assert {
    condition     = output.api_env["ALLOWED_ORIGINS"] == "https://app.example.com" && output.api_env["APP_PUBLIC_URL"] == "https://app.example.com"
    error_message = "ALLOWED_ORIGINS must be the origin of app_public_url."
  }
  assert {
    condition     = output.api_env["AUTH_KEY_STORAGE_PROVIDER"] == "aws_sm" && output.api_env["AUTH_KEY_SECRET_NAME"] == "acme-saas/prod/auth-keyset"
    error_message = "An empty auth_key_storage_provider must fall back to secrets_provider."
  }
  assert {
    condition     = output.api_env["STORAGE_PROVIDER"] == "s3" && output.api_env["S3_BUCKET"] == "acme-saas-prod-data" && output.api_env["S3_REGION"] == "eu-west-1"
    error_message = "s3 storage must give STORAGE_PROVIDER, S3_BUCKET and S3_REGION."
  }
  assert {
    condition     = output.api_env["AWS_REGION"] == "eu-west-1" && startswith(output.api_env["AWS_SM_SIGNING_SECRET_ARN"], "arn:aws:secretsmanager:")
    error_message = "aws_sm must give AWS_REGION and AWS_SM_SIGNING_SECRET_ARN."
  }
  assert {
    condition     = length(setintersection(keys(output.api_env), ["DATABASE_URL", "REDIS_URL"])) == 0 && length(setintersection(keys(output.web_env), ["DATABASE_URL", "REDIS_URL"])) == 0
    error_message = "DATABASE_URL and REDIS_URL must never be plain env."
  }
  assert {
    condition     = output.api_env["AUTO_RUN_MIGRATIONS"] == "false"
    error_message = "Migrations run out of band."
  }
}

run "allowed_hosts_without_ports" {
  command = plan

  variables {
    api_base_url   = "http://Acme-Saas-API:8000/"
    api_public_url = "https://api.example.com:8443/v1"
  }

  assert {
    condition     = output.allowed_hosts == "127.0.0.1,acme-saas-api,api.example.com,localhost"
    error_message = "ALLOWED_HOSTS must be the sorted bare host names (no ports): ${output.allowed_hosts}."
  }
  assert {
    condition     = output.api_env["ALLOWED_HOSTS"] == output.allowed_hosts && !strcontains(output.allowed_hosts, ":")
    error_message = "The API's ALLOWED_HOSTS must carry no port."
  }
  assert {
    condition     = output.api_public_host == "api.example.com" && output.app_host == "app.example.com"
    error_message = "Hosts must be parsed without ports and paths."
  }
}

run "private_api_hosts" {
  command = plan

  assert {
    condition     = output.allowed_hosts == "127.0.0.1,acme-saas-api,localhost" && output.api_public_host == ""
    error_message = "Without api_public_url, ALLOWED_HOSTS is the private API host plus loopback."
  }
}

run "worker_off" {
  command = plan

  assert {
    condition     = length(output.worker_env) == 0
    error_message = "No worker env without enable_worker."
  }
  assert {
    condition     = output.api_env["ENABLE_BILLING_RETRY_WORKER"] == "true" && output.api_env["ENABLE_BILLING_STREAM_REPLAY"] == "true" && output.api_env["BILLING_RETRY_DEPLOYMENT_MODE"] == "inline"
    error_message = "Without the worker, the API runs billing retries and replay inline."
  }
}

run "worker_on" {
  command = plan

  variables {
    enable_worker = true
    api_env       = { FEATURE_X = "on" }
  }

  assert {
    condition     = output.api_env["ENABLE_BILLING_RETRY_WORKER"] == "false" && output.api_env["ENABLE_BILLING_STREAM_REPLAY"] == "false" && output.api_env["BILLING_RETRY_DEPLOYMENT_MODE"] == "dedicated"
    error_message = "With the worker, the API must not retry or replay billing events."
  }
  assert {
    condition     = output.worker_env["ENABLE_BILLING_RETRY_WORKER"] == "true" && output.worker_env["ENABLE_BILLING_STREAM_REPLAY"] == "true" && output.worker_env["BILLING_RETRY_DEPLOYMENT_MODE"] == "dedicated"
    error_message = "The dedicated worker retries and replays billing events."
  }
  assert {
    condition     = output.worker_env["FEATURE_X"] == "on" && output.worker_env["PORT"] == "8000" && output.worker_env["ALLOWED_HOSTS"] == output.api_env["ALLOWED_HOSTS"]
    error_message = "The worker gets the API's env, user api_env included."
  }
}

run "user_env_merged_last" {
  command = plan

  variables {
    api_env = { LOG_LEVEL = "debug", LOGGING_SINKS = "stdout" }
    web_env = { NEXT_TELEMETRY_DISABLED = "1" }
  }

  assert {
    condition     = output.api_env["LOG_LEVEL"] == "debug" && output.api_env["LOGGING_SINKS"] == "stdout"
    error_message = "User api_env must reach the API."
  }
  assert {
    condition     = output.web_env["NEXT_TELEMETRY_DISABLED"] == "1" && output.web_env["API_BASE_URL"] == "http://acme-saas-api:8000" && output.web_env["NODE_ENV"] == "production"
    error_message = "User web_env must reach the web app next to the generated env."
  }
  assert {
    condition     = output.web_env["AGENT_FORCE_SECURE_COOKIES"] == "true" && output.web_env["AGENT_ALLOW_INSECURE_COOKIES"] == "false" && output.web_env["HOSTNAME"] == "0.0.0.0"
    error_message = "An https site forces secure cookies."
  }
}

run "vault_hcp_settings" {
  command = plan

  variables {
    secrets_provider          = "vault_hcp"
    auth_key_storage_provider = "aws_sm"
    provider_settings = {
      vault_addr = "https://vault.example.com:8200"
      aws_region = "eu-west-1"
      s3_region  = "eu-west-1"
      # Not relevant to vault_hcp: dropped from the env.
      azure_key_vault_url = "https://acme.vault.azure.net"
      vault_namespace     = ""
    }
    api_secret_names = ["DATABASE_URL", "REDIS_URL", "OPENAI_API_KEY", "SECRET_KEY", "AUTH_PASSWORD_PEPPER", "AUTH_REFRESH_TOKEN_PEPPER", "VAULT_TOKEN"]
  }

  assert {
    condition     = output.api_env["VAULT_ADDR"] == "https://vault.example.com:8200" && output.api_env["VAULT_TRANSIT_KEY"] == "auth-service" && output.api_env["VAULT_NAMESPACE"] == "admin"
    error_message = "vault_hcp gives VAULT_ADDR and the derived VAULT_TRANSIT_KEY and VAULT_NAMESPACE defaults (an empty value is dropped)."
  }
  assert {
    condition     = output.api_env["AWS_REGION"] == "eu-west-1" && !contains(keys(output.api_env), "AWS_SM_SIGNING_SECRET_ARN")
    error_message = "aws_sm as key storage only needs AWS_REGION; the signing ARN belongs to secrets_provider=aws_sm."
  }
  assert {
    condition     = !contains(keys(output.api_env), "AZURE_KEY_VAULT_URL") && output.api_env["AUTH_KEY_STORAGE_PROVIDER"] == "aws_sm"
    error_message = "Settings of providers that serve nothing are left out."
  }
}

run "infisical_cloud_settings" {
  command = plan

  variables {
    environment              = "dev"
    app_public_url           = "http://localhost:3000"
    secrets_provider         = "infisical_cloud"
    auth_key_storage_backend = "file"
    auth_key_secret_name     = ""
    provider_settings        = { infisical_project_id = "proj-123", s3_region = "us-east-1" }
    api_secret_names         = ["DATABASE_URL", "REDIS_URL", "INFISICAL_SERVICE_TOKEN"]
  }

  assert {
    condition     = output.api_env["INFISICAL_BASE_URL"] == "https://app.infisical.com" && output.api_env["INFISICAL_ENVIRONMENT"] == "dev" && output.api_env["INFISICAL_SECRET_PATH"] == "/" && output.api_env["INFISICAL_PROJECT_ID"] == "proj-123"
    error_message = "infisical_cloud gives its settings with the derived defaults."
  }
  assert {
    condition     = !contains(keys(output.api_env), "AUTH_KEY_STORAGE_PROVIDER") && !contains(keys(output.api_env), "AUTH_KEY_SECRET_NAME") && output.api_env["AUTH_KEY_STORAGE_BACKEND"] == "file"
    error_message = "File key storage sets no key storage provider or secret name."
  }
  assert {
    condition     = output.api_env["ENVIRONMENT"] == "development" && output.api_env["VAULT_VERIFY_ENABLED"] == "false" && output.api_env["ALLOWED_ORIGINS"] == "http://localhost:3000"
    error_message = "dev maps to development, no hosted hardening, origin keeps its non-default port."
  }
  assert {
    condition     = output.web_env["AGENT_FORCE_SECURE_COOKIES"] == "false" && output.web_env["AGENT_ALLOW_INSECURE_COOKIES"] == "true"
    error_message = "An http dev site allows insecure cookies."
  }
}

run "gcp_settings" {
  command = plan

  variables {
    secrets_provider = "gcp_sm"
    storage_provider = "gcs"
    provider_settings = {
      gcp_sm_signing_secret_name = "projects/acme/secrets/signing"
      gcp_project_id             = "acme"
    }
  }

  assert {
    condition     = output.api_env["GCS_BUCKET"] == "acme-saas-prod-data" && output.api_env["GCP_PROJECT_ID"] == "acme" && !contains(keys(output.api_env), "S3_BUCKET")
    error_message = "gcs storage gives GCS_BUCKET and GCP_PROJECT_ID, no S3 env."
  }
  assert {
    condition     = !contains(keys(output.api_env), "GCP_SM_PROJECT_ID") && output.api_env["GCP_SM_SIGNING_SECRET_NAME"] == "projects/acme/secrets/signing"
    error_message = "GCP_SM_PROJECT_ID is not needed with GCP_PROJECT_ID set."
  }
}

run "azure_settings" {
  command = plan

  variables {
    secrets_provider  = "azure_kv"
    storage_provider  = "azure_blob"
    provider_settings = { azure_key_vault_url = "https://acme.vault.azure.net", azure_kv_signing_secret_name = "signing", azure_blob_account_url = "https://acme.blob.core.windows.net" }
  }

  assert {
    condition     = output.api_env["AZURE_BLOB_CONTAINER"] == "acme-saas-prod-data" && output.api_env["AZURE_BLOB_ACCOUNT_URL"] == "https://acme.blob.core.windows.net" && output.api_env["AZURE_KEY_VAULT_URL"] == "https://acme.vault.azure.net"
    error_message = "azure_kv and azure_blob give their settings."
  }
}

run "minio_settings" {
  command = plan

  variables {
    environment              = "dev"
    app_public_url           = "http://localhost:3000"
    secrets_provider         = "vault_dev"
    storage_provider         = "minio"
    auth_key_storage_backend = "file"
    provider_settings        = { vault_addr = "http://vault:8200", minio_endpoint = "https://minio.internal:9000" }
    api_secret_names         = ["DATABASE_URL", "REDIS_URL", "VAULT_TOKEN", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY"]
  }

  assert {
    condition     = output.api_env["STORAGE_BUCKET_PREFIX"] == "acme-saas-prod-data" && output.api_env["MINIO_ENDPOINT"] == "https://minio.internal:9000" && output.api_env["MINIO_SECURE"] == "true"
    error_message = "minio gives the bucket prefix, its endpoint and MINIO_SECURE from the scheme."
  }
}

run "database_url_in_api_env" {
  command = plan

  variables {
    api_env = { DATABASE_URL = "postgresql+asyncpg://u:p@db/app" }
  }

  expect_failures = [var.api_env]
}

run "managed_name_in_web_env" {
  command = plan

  variables {
    web_env = { API_BASE_URL = "http://elsewhere:8000" }
  }

  expect_failures = [var.web_env]
}

run "missing_database_url_secret" {
  command = plan

  variables {
    api_secret_names = ["REDIS_URL", "OPENAI_API_KEY", "SECRET_KEY", "AUTH_PASSWORD_PEPPER", "AUTH_REFRESH_TOKEN_PEPPER"]
  }

  expect_failures = [var.api_secret_names]
}

run "missing_production_secret" {
  command = plan

  variables {
    api_secret_names = ["DATABASE_URL", "REDIS_URL"]
  }

  expect_failures = [output.api_env]
}

run "aws_sm_without_signing_arn" {
  command = plan

  variables {
    provider_settings = { aws_region = "eu-west-1", s3_region = "eu-west-1" }
  }

  expect_failures = [output.api_env]
}

run "unknown_provider_setting" {
  command = plan

  variables {
    provider_settings = { aws_region = "eu-west-1", aws_sm_signing_secret_arn = "arn:x", s3_region = "eu-west-1", aws_regoin = "eu-west-1" }
  }

  expect_failures = [var.provider_settings]
}

run "prod_needs_https" {
  command = plan

  variables {
    app_public_url = "http://app.example.com"
  }

  expect_failures = [var.app_public_url]
}

run "prod_refuses_file_keys" {
  command = plan

  variables {
    auth_key_storage_backend = "file"
  }

  expect_failures = [var.auth_key_storage_backend]
}

run "same_host_for_app_and_api" {
  command = plan

  variables {
    api_public_url = "https://app.example.com:8443"
  }

  expect_failures = [var.api_public_url]
}

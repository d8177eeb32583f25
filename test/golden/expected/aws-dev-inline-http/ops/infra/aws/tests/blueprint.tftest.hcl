# Blueprint tests: plan-only runs against a mocked AWS provider (offline). Every variable is set at
# file level, because `variables` here take precedence over a terraform.tfvars in the root directory
# (which fills only what this file leaves unset): the runs give the same results whatever tfvars the
# bundle holds. Each run changes only what it tests.

mock_provider "aws" {
  override_during = plan

  mock_data "aws_availability_zones" {
    defaults = { names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_secretsmanager_secret_version" {
    defaults = { secret_string = "0123456789abcdef0123456789abcdef" }
  }
  mock_resource "aws_db_instance" {
    defaults = {
      address            = "acme-saas-prod-db.abc.eu-west-1.rds.amazonaws.com"
      master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1234-AbCdEf", kms_key_id = "", secret_status = "active" }]
    }
  }
  mock_resource "aws_elasticache_replication_group" {
    defaults = { primary_endpoint_address = "master.acme-saas-prod-redis.abc.euw1.cache.amazonaws.com" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
  mock_resource "aws_lb" {
    defaults = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/mock/1", dns_name = "mock.eu-west-1.elb.amazonaws.com" }
  }
}

override_resource {
  override_during = plan
  target          = aws_secretsmanager_secret.database_url
  values          = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas-prod/database-url-DbDbDb" }
}

override_resource {
  override_during = plan
  target          = aws_secretsmanager_secret.redis_url
  values          = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas-prod/redis-url-RdRdRd" }
}

override_resource {
  override_during = plan
  target          = aws_lb_target_group.web
  values          = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/acme-saas-prod-web/1" }
}

override_resource {
  override_during = plan
  target          = aws_lb_target_group.api
  values          = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/acme-saas-prod-api/2" }
}

override_resource {
  override_during = plan
  target          = aws_lb_listener.https
  values          = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/mock/1/443" }
}

override_resource {
  override_during = plan
  target          = aws_lb_listener.http
  values          = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/mock/1/80" }
}

variables {
  project_name              = "acme-saas"
  environment               = "prod"
  aws_region                = "eu-west-1"
  vpc_cidr                  = "10.20.0.0/16"
  api_image                 = "ghcr.io/acme/api:1.4.2"
  web_image                 = "ghcr.io/acme/web:1.4.2"
  worker_image              = ""
  enable_worker             = false
  app_public_url            = "https://app.example.com"
  api_public_url            = ""
  api_base_url              = ""
  secrets_provider          = "aws_sm"
  auth_key_storage_backend  = "secret-manager"
  auth_key_storage_provider = ""
  auth_key_secret_name      = "acme-saas/prod/auth-keyset"
  storage_provider          = "s3"
  storage_bucket_name       = "acme-saas-prod-data"
  api_env                   = { LOG_LEVEL = "info" }
  web_env                   = {}
  api_secrets = {
    OPENAI_API_KEY            = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/openai-api-key-OaOaOa"
    SECRET_KEY                = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/secret-key-SkSkSk"
    AUTH_PASSWORD_PEPPER      = "acme-saas/prod/password-pepper"
    AUTH_REFRESH_TOKEN_PEPPER = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/refresh-pepper-RpRpRp:value::"
  }
  web_secrets                     = {}
  vault_addr                      = ""
  vault_transit_key               = ""
  vault_namespace                 = ""
  infisical_base_url              = ""
  infisical_project_id            = ""
  infisical_environment           = ""
  infisical_secret_path           = ""
  infisical_signing_secret_name   = ""
  aws_sm_signing_secret_arn       = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/signing-SgSgSg"
  azure_key_vault_url             = ""
  azure_kv_signing_secret_name    = ""
  gcp_sm_signing_secret_name      = ""
  gcp_sm_project_id               = ""
  s3_region                       = ""
  gcp_project_id                  = ""
  azure_blob_account_url          = ""
  minio_endpoint                  = ""
  enable_https                    = true
  acm_certificate_arn             = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
  api_cpu                         = 512
  api_memory                      = 1024
  web_cpu                         = 512
  web_memory                      = 1024
  worker_cpu                      = 512
  worker_memory                   = 1024
  api_desired_count               = 2
  web_desired_count               = 2
  worker_desired_count            = 1
  db_instance_class               = "db.t4g.micro"
  db_allocated_storage            = 20
  db_backup_retention_days        = 7
  db_name                         = "starter"
  db_username                     = "starter_admin"
  redis_node_type                 = "cache.t4g.micro"
  redis_auth_token_secret_name    = ""
  log_retention_days              = 30
  registry_credentials_secret_arn = ""
}

run "prod_private_api" {
  command = plan

  assert {
    condition     = length(aws_ecs_task_definition.worker) == 0 && length(aws_ecs_service.worker) == 0
    error_message = "No worker without enable_worker."
  }
  assert {
    condition = alltrue([for e in jsondecode(aws_ecs_task_definition.api.container_definitions)[0].environment :
    e.value == { ENABLE_BILLING_RETRY_WORKER = "true", ENABLE_BILLING_STREAM_REPLAY = "true", BILLING_RETRY_DEPLOYMENT_MODE = "inline" }[e.name] if contains(["ENABLE_BILLING_RETRY_WORKER", "ENABLE_BILLING_STREAM_REPLAY", "BILLING_RETRY_DEPLOYMENT_MODE"], e.name)])
    error_message = "Without the worker the API runs billing retries and replay inline."
  }
  assert {
    condition     = length(aws_lb_listener_rule.api) == 0 && length(aws_lb_target_group.api) == 0 && !contains(keys(aws_vpc_security_group_ingress_rule.rule), "api-from-alb")
    error_message = "Without api_public_url the API has no public route, target group or ingress from the load balancer."
  }
  assert {
    condition     = one(one(aws_lb_listener_rule.web.condition).host_header).values == toset(["app.example.com"]) && one(aws_lb_listener_rule.web.action).target_group_arn == aws_lb_target_group.web.arn
    error_message = "The app host must route every path to the web target group."
  }
  assert {
    condition     = length(one(aws_lb_listener_rule.web.condition).path_pattern) == 0
    error_message = "The web rule must not split paths: /api goes to the web app (BFF)."
  }
  assert {
    condition     = aws_lb_listener.https[0].ssl_policy == "ELBSecurityPolicy-TLS13-1-2-2021-06" && aws_lb_listener.https[0].certificate_arn == var.acm_certificate_arn
    error_message = "HTTPS must use the TLS 1.3/1.2 policy and the ACM certificate."
  }
  assert {
    condition     = one(aws_lb_listener.http.default_action).type == "redirect" && one(one(aws_lb_listener.http.default_action).redirect).protocol == "HTTPS" && one(one(aws_lb_listener.http.default_action).redirect).status_code == "HTTP_301"
    error_message = "Port 80 must redirect to HTTPS."
  }
  assert {
    condition     = one(aws_lb_listener.https[0].default_action).type == "fixed-response" && one(one(aws_lb_listener.https[0].default_action).fixed_response).status_code == "404"
    error_message = "Unknown hosts must get a 404."
  }
  assert {
    condition     = one(aws_lb_target_group.web.health_check).path == "/api/health/ready"
    error_message = "The web target group checks /api/health/ready."
  }
  assert {
    condition     = aws_db_instance.main.storage_encrypted && aws_db_instance.main.deletion_protection && !aws_db_instance.main.skip_final_snapshot && aws_db_instance.main.final_snapshot_identifier == "acme-saas-prod-final" && aws_db_instance.main.multi_az
    error_message = "prod Postgres must be encrypted, protected, Multi-AZ and keep a final snapshot."
  }
  assert {
    condition     = aws_db_instance.main.manage_master_user_password && !aws_db_instance.main.publicly_accessible && aws_db_instance.main.engine_version == "16" && aws_db_instance.main.password == null
    error_message = "Postgres 16, private, with an RDS-managed master password."
  }
  assert {
    condition     = aws_elasticache_replication_group.main.transit_encryption_enabled && aws_elasticache_replication_group.main.at_rest_encryption_enabled && aws_elasticache_replication_group.main.num_cache_clusters == 2 && aws_elasticache_replication_group.main.automatic_failover_enabled
    error_message = "prod Redis must be encrypted in transit and at rest, with 2 nodes and failover."
  }
  assert {
    condition     = aws_s3_bucket_public_access_block.app.block_public_acls && aws_s3_bucket_public_access_block.app.block_public_policy && aws_s3_bucket_public_access_block.app.ignore_public_acls && aws_s3_bucket_public_access_block.app.restrict_public_buckets
    error_message = "The bucket must block every kind of public access."
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.app.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256" && one(aws_s3_bucket_versioning.app.versioning_configuration).status == "Enabled" && one(aws_s3_bucket_ownership_controls.app.rule).object_ownership == "BucketOwnerEnforced"
    error_message = "The bucket must be encrypted, versioned and owner-enforced."
  }
  assert {
    condition = jsonencode(jsondecode(aws_iam_role_policy.execution_secrets.policy).Statement[0].Resource) == jsonencode(sort([
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas-prod/database-url-DbDbDb",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas-prod/redis-url-RdRdRd",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/openai-api-key-OaOaOa",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/secret-key-SkSkSk",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/password-pepper-??????",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/refresh-pepper-RpRpRp",
    ]))
    error_message = "The execution role must read exactly the injected secrets: ${jsonencode(jsondecode(aws_iam_role_policy.execution_secrets.policy).Statement[0].Resource)}"
  }
  assert {
    condition = jsonencode(jsondecode(aws_iam_role_policy.task_secrets[0].policy).Statement) == jsonencode([
      { Sid = "ReadSigningSecret", Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/signing-SgSgSg"] },
      { Sid = "ManageKeyset", Effect = "Allow", Action = ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:CreateSecret"], Resource = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/auth-keyset-??????"] },
    ])
    error_message = "The task role must reach exactly the signing secret and the keyset."
  }
  assert {
    condition     = jsondecode(aws_iam_role_policy.task_storage.policy).Statement[0].Resource == ["arn:aws:s3:::acme-saas-prod-data"] && jsondecode(aws_iam_role_policy.task_storage.policy).Statement[1].Resource == ["arn:aws:s3:::acme-saas-prod-data/*"]
    error_message = "The task role must reach exactly the bucket and its objects."
  }
  assert {
    condition = alltrue([for td in [aws_ecs_task_definition.api, aws_ecs_task_definition.web, aws_ecs_task_definition.migrate] :
    length(setintersection([for e in jsondecode(td.container_definitions)[0].environment : e.name], ["DATABASE_URL", "REDIS_URL"])) == 0])
    error_message = "DATABASE_URL and REDIS_URL must never be plain environment."
  }
  assert {
    condition = { for s in jsondecode(aws_ecs_task_definition.api.container_definitions)[0].secrets : s.name => s.valueFrom if contains(["DATABASE_URL", "REDIS_URL", "AUTH_PASSWORD_PEPPER"], s.name) } == {
      DATABASE_URL         = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas-prod/database-url-DbDbDb"
      REDIS_URL            = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas-prod/redis-url-RdRdRd"
      AUTH_PASSWORD_PEPPER = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/password-pepper"
    }
    error_message = "The API must read DATABASE_URL/REDIS_URL from the blueprint's secrets and names as ARNs."
  }
  assert {
    condition     = { for e in jsondecode(aws_ecs_task_definition.api.container_definitions)[0].environment : e.name => e.value }["ALLOWED_HOSTS"] == "127.0.0.1,acme-saas-api,localhost"
    error_message = "ALLOWED_HOSTS must list the Service Connect host and loopback."
  }
  assert {
    condition     = { for e in jsondecode(aws_ecs_task_definition.web.container_definitions)[0].environment : e.name => e.value }["API_BASE_URL"] == "http://acme-saas-api:8000" && one(one(aws_ecs_service.api.service_connect_configuration).service).discovery_name == "acme-saas-api"
    error_message = "The web app must reach the API at its Service Connect alias."
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.migrate.container_definitions)[0].command == ["alembic", "-c", "alembic.ini", "upgrade", "heads"]
    error_message = "The migration task runs alembic upgrade heads."
  }
  assert {
    condition     = one(aws_ecs_service.api.deployment_circuit_breaker).rollback && !one(aws_ecs_service.api.network_configuration).assign_public_ip
    error_message = "Services roll back failed deployments and have no public IP."
  }
  assert {
    condition     = aws_secretsmanager_secret_version.redis_url[0].secret_string == "rediss://:0123456789abcdef0123456789abcdef@master.acme-saas-prod-redis.abc.euw1.cache.amazonaws.com:6379/0"
    error_message = "REDIS_URL must be rediss:// with the AUTH token and the primary endpoint."
  }
}

run "worker_and_public_api" {
  command = plan

  variables {
    enable_worker  = true
    api_public_url = "https://api.example.com"
  }

  assert {
    condition = { for e in jsondecode(aws_ecs_task_definition.api.container_definitions)[0].environment : e.name => e.value if startswith(e.name, "ENABLE_BILLING_") || e.name == "BILLING_RETRY_DEPLOYMENT_MODE" } == {
      ENABLE_BILLING_RETRY_WORKER = "false", ENABLE_BILLING_STREAM_REPLAY = "false", BILLING_RETRY_DEPLOYMENT_MODE = "dedicated"
    }
    error_message = "With the worker the API must not retry or replay billing events."
  }
  assert {
    condition = { for e in jsondecode(aws_ecs_task_definition.worker[0].container_definitions)[0].environment : e.name => e.value if startswith(e.name, "ENABLE_BILLING_") || e.name == "BILLING_RETRY_DEPLOYMENT_MODE" } == {
      ENABLE_BILLING_RETRY_WORKER = "true", ENABLE_BILLING_STREAM_REPLAY = "true", BILLING_RETRY_DEPLOYMENT_MODE = "dedicated"
    }
    error_message = "The worker retries and replays billing events."
  }
  assert {
    condition     = length(aws_ecs_service.worker) == 1 && jsondecode(aws_ecs_task_definition.worker[0].container_definitions)[0].secrets == jsondecode(aws_ecs_task_definition.api.container_definitions)[0].secrets
    error_message = "The worker runs with the API's secrets."
  }
  assert {
    condition     = one(one(aws_lb_listener_rule.api[0].condition).host_header).values == toset(["api.example.com"]) && length(aws_lb_target_group.api) == 1 && contains(keys(aws_vpc_security_group_ingress_rule.rule), "api-from-alb")
    error_message = "A public API gets its own host rule, target group and ingress from the load balancer."
  }
  assert {
    condition     = one(aws_lb_target_group.api[0].health_check).matcher == "200,400" && one(aws_lb_target_group.api[0].health_check).path == "/health/ready"
    error_message = "The API target group accepts the 400 its host check gives an IP Host header."
  }
  assert {
    condition     = { for e in jsondecode(aws_ecs_task_definition.api.container_definitions)[0].environment : e.name => e.value }["ALLOWED_HOSTS"] == "127.0.0.1,acme-saas-api,api.example.com,localhost"
    error_message = "ALLOWED_HOSTS must add the public API host."
  }
}

run "dev_without_https" {
  command = plan

  variables {
    environment              = "dev"
    enable_https             = false
    acm_certificate_arn      = ""
    app_public_url           = "http://app.dev.example.com"
    api_secrets              = { DATABASE_URL = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:byo/database-url-ByByBy" }
    db_backup_retention_days = 1
  }

  assert {
    condition     = length(aws_lb_listener.https) == 0 && one(aws_lb_listener.http.default_action).type == "fixed-response" && aws_lb_listener_rule.web.listener_arn == aws_lb_listener.http.arn
    error_message = "Without HTTPS the port 80 listener carries the rules."
  }
  assert {
    condition     = !aws_db_instance.main.deletion_protection && aws_db_instance.main.skip_final_snapshot && !aws_db_instance.main.multi_az && aws_db_instance.main.storage_encrypted
    error_message = "dev Postgres: no deletion protection or final snapshot, still encrypted."
  }
  assert {
    condition     = aws_elasticache_replication_group.main.num_cache_clusters == 1 && aws_elasticache_replication_group.main.transit_encryption_enabled
    error_message = "dev Redis: one node, still TLS."
  }
  assert {
    condition     = length(aws_secretsmanager_secret.database_url) == 0 && length(aws_secretsmanager_secret.redis_url) == 1 && output.database_url_secret_arn == "arn:aws:secretsmanager:eu-west-1:123456789012:secret:byo/database-url-ByByBy"
    error_message = "A DATABASE_URL in api_secrets replaces the blueprint's own secret."
  }
}

run "bad_storage_provider" {
  command = plan

  variables {
    storage_provider = "gcs"
  }

  expect_failures = [var.storage_provider]
}

run "prod_requires_https" {
  command = plan

  variables {
    enable_https        = false
    acm_certificate_arn = ""
  }

  expect_failures = [var.enable_https]
}

run "https_requires_certificate" {
  command = plan

  variables {
    acm_certificate_arn = ""
  }

  expect_failures = [var.acm_certificate_arn]
}

run "database_url_not_plain_env" {
  command = plan

  variables {
    api_env = { DATABASE_URL = "postgresql+asyncpg://u:p@db:5432/app" }
  }

  expect_failures = [var.api_env]
}

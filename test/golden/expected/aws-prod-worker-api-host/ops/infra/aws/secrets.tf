# Secrets the blueprint owns, used only when api_secrets does not name DATABASE_URL / REDIS_URL
# (bring-your-own wins):
# - "<prefix>/redis-url": written by Terraform from the Redis endpoint and the AUTH token (in state).
# - "<prefix>/database-url": created WITHOUT a value; after the first apply the operator writes
#   postgresql+asyncpg://<user>:<password>@<database_endpoint>:5432/<db_name>?ssl=require into it
#   (the master password is in the RDS-managed secret, output database_master_secret_arn).

resource "aws_secretsmanager_secret" "database_url" {
  count                   = local.own_database_url ? 1 : 0
  name                    = "${local.name_prefix}/database-url"
  description             = "DATABASE_URL of ${local.name_prefix} (postgresql+asyncpg://...), written by the operator"
  recovery_window_in_days = local.is_prod ? 30 : 0
}

resource "aws_secretsmanager_secret" "redis_url" {
  count                   = local.own_redis_url ? 1 : 0
  name                    = "${local.name_prefix}/redis-url"
  description             = "REDIS_URL of ${local.name_prefix} (rediss:// with the AUTH token), written by Terraform"
  recovery_window_in_days = local.is_prod ? 30 : 0
}

resource "aws_secretsmanager_secret_version" "redis_url" {
  count         = local.own_redis_url ? 1 : 0
  secret_id     = aws_secretsmanager_secret.redis_url[0].id
  secret_string = "rediss://:${urlencode(data.aws_secretsmanager_secret_version.redis_auth_token.secret_string)}@${aws_elasticache_replication_group.main.primary_endpoint_address}:6379/0"
}

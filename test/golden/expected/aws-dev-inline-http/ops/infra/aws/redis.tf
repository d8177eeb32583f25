# Cache: ElastiCache Redis 7.1 with TLS in transit, encryption at rest and an AUTH token.
# The token is read from an EXISTING Secrets Manager secret the operator creates before the first
# apply, so it is never in tfvars; Terraform does keep it in state (the data source and the
# replication group's auth_token): protect the state backend accordingly.

data "aws_secretsmanager_secret_version" "redis_auth_token" {
  secret_id = local.redis_auth_token_secret_name
}

resource "aws_elasticache_subnet_group" "main" {
  name       = "${local.name_prefix}-redis"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "${local.name_prefix}-redis"
  description                = "Redis of ${local.name_prefix}"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.redis_node_type
  parameter_group_name       = "default.redis7"
  port                       = 6379
  num_cache_clusters         = local.is_prod ? 2 : 1
  automatic_failover_enabled = local.is_prod
  multi_az_enabled           = local.is_prod
  subnet_group_name          = aws_elasticache_subnet_group.main.name
  security_group_ids         = [aws_security_group.role["redis"].id]
  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
  auth_token                 = data.aws_secretsmanager_secret_version.redis_auth_token.secret_string
  snapshot_retention_limit   = local.is_prod ? 7 : 0
  apply_immediately          = !local.is_prod

  lifecycle {
    precondition {
      condition     = can(regex("^[!#-.0-?A-~]{16,128}$", data.aws_secretsmanager_secret_version.redis_auth_token.secret_string))
      error_message = "The Redis AUTH token secret (redis_auth_token_secret_name) must hold 16-128 printable characters without spaces, @, \" or /: e.g. openssl rand -hex 32."
    }
  }
}

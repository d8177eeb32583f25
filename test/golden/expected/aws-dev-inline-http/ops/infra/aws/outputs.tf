# Outputs: the URLs, the endpoints, and what the runbook needs to run the migration task and to
# fill the secrets.

output "api_url" {
  description = "URL of the API: api_public_url, or the private Service Connect URL."
  value       = local.api_public ? var.api_public_url : local.api_base_url
}

output "web_url" {
  description = "Public URL of the web app."
  value       = var.app_public_url
}

output "alb_dns_name" {
  description = "DNS name of the load balancer: point the app (and API) host names at it (CNAME or alias)."
  value       = aws_lb.main.dns_name
}

output "storage_bucket" {
  description = "Name of the app's S3 bucket."
  value       = aws_s3_bucket.app.bucket
}

output "database_endpoint" {
  description = "Host name of the Postgres instance."
  value       = aws_db_instance.main.address
}

output "redis_endpoint" {
  description = "Primary endpoint of Redis (TLS, port 6379)."
  value       = aws_elasticache_replication_group.main.primary_endpoint_address
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.main.name
}

output "migration_task_definition" {
  description = "ARN of the migration task definition (run it with aws ecs run-task before the API starts)."
  value       = aws_ecs_task_definition.migrate.arn
}

output "private_subnet_ids" {
  description = "Private subnets (for aws ecs run-task of the migration)."
  value       = aws_subnet.private[*].id
}

output "migration_security_group_id" {
  description = "Security group of the migration task (reaches Postgres)."
  value       = aws_security_group.role["migrate"].id
}

output "database_master_secret_arn" {
  description = "Secrets Manager secret of the Postgres master credentials, managed by RDS."
  value       = aws_db_instance.main.master_user_secret[0].secret_arn
}

output "database_url_secret_arn" {
  description = "Secret the API reads DATABASE_URL from (the blueprint's own, to be written after the first apply, or api_secrets.DATABASE_URL)."
  value       = local.api_secret_arns["DATABASE_URL"]
}

output "redis_url_secret_arn" {
  description = "Secret the API reads REDIS_URL from (the blueprint's own, written by Terraform, or api_secrets.REDIS_URL)."
  value       = local.api_secret_arns["REDIS_URL"]
}

output "allowed_hosts" {
  description = "ALLOWED_HOSTS of the API."
  value       = module.app_env.allowed_hosts
}

output "aws_region" {
  description = "Region of every resource (migrate.sh runs the migration task there)."
  value       = var.aws_region
}

output "migration_log_group" {
  description = "CloudWatch log group of the migration task."
  value       = aws_cloudwatch_log_group.service["migrate"].name
}

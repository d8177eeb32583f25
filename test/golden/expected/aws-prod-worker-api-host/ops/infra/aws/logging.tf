# Logging: one CloudWatch log group per service (and the migration task), with a set retention.

resource "aws_cloudwatch_log_group" "service" {
  for_each          = toset(concat(["api", "web", "migrate"], var.enable_worker ? ["worker"] : []))
  name              = "/ecs/${local.name_prefix}/${each.key}"
  retention_in_days = var.log_retention_days
}

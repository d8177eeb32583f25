# Compute: an ECS cluster on Fargate, ECS Service Connect for the private API address, task
# definitions for the API, the web app, the billing worker and the one-off migration, and the services.
# Plain env comes from the app-env module; secrets are injected by ARN, never as values.

resource "aws_service_discovery_http_namespace" "main" {
  name        = local.name_prefix
  description = "Service Connect namespace of ${local.name_prefix}"
}

resource "aws_ecs_cluster" "main" {
  name = local.name_prefix

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  service_connect_defaults {
    namespace = aws_service_discovery_http_namespace.main.arn
  }
}

locals {
  as_env = { for role, env in { api = module.app_env.api_env, web = module.app_env.web_env, worker = module.app_env.worker_env } :
    role => [for name in sort(keys(env)) : { name = name, value = env[name] }]
  }
  as_secrets = { for role, refs in { api = local.api_secret_arns, web = local.web_secret_arns } :
    role => [for name in sort(keys(refs)) : { name = name, valueFrom = refs[name] }]
  }
  registry = var.registry_credentials_secret_arn == "" ? {} : { repositoryCredentials = { credentialsParameter = var.registry_credentials_secret_arn } }
  logs = { for role in ["api", "web", "worker", "migrate"] : role => {
    logDriver = "awslogs"
    options = {
      awslogs-group         = "/ecs/${local.name_prefix}/${role}"
      awslogs-region        = var.aws_region
      awslogs-stream-prefix = role
    }
  } }
  # Readiness through 127.0.0.1, a host ALLOWED_HOSTS lists; urlopen raises (exit 1) on any non-2xx answer.
  api_health_check = {
    command     = ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${local.api_port}/health/ready', timeout=4)"]
    interval    = 30
    timeout     = 5
    retries     = 3
    startPeriod = 30
  }
  web_health_check = {
    command     = ["CMD", "node", "-e", "fetch('http://127.0.0.1:${local.web_port}/api/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
    interval    = 30
    timeout     = 5
    retries     = 3
    startPeriod = 30
  }
  migration_command = ["alembic", "-c", "alembic.ini", "upgrade", "heads"]
}

resource "aws_ecs_task_definition" "api" {
  family                   = "${local.name_prefix}-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.api_cpu
  memory                   = var.api_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  container_definitions = jsonencode([merge({
    name             = "api"
    image            = var.api_image
    essential        = true
    portMappings     = [{ name = "http", containerPort = local.api_port, protocol = "tcp", appProtocol = "http" }]
    environment      = local.as_env.api
    secrets          = local.as_secrets.api
    healthCheck      = local.api_health_check
    logConfiguration = local.logs.api
  }, local.registry)])
}

resource "aws_ecs_task_definition" "web" {
  family                   = "${local.name_prefix}-web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.web_cpu
  memory                   = var.web_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.web_task.arn

  container_definitions = jsonencode([merge({
    name             = "web"
    image            = var.web_image
    essential        = true
    portMappings     = [{ name = "http", containerPort = local.web_port, protocol = "tcp", appProtocol = "http" }]
    environment      = local.as_env.web
    secrets          = local.as_secrets.web
    healthCheck      = local.web_health_check
    logConfiguration = local.logs.web
  }, local.registry)])
}

# The billing worker runs the API image with the worker's billing flags; it serves /health/ready on 8000 too.
resource "aws_ecs_task_definition" "worker" {
  count                    = var.enable_worker ? 1 : 0
  family                   = "${local.name_prefix}-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.worker_cpu
  memory                   = var.worker_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  container_definitions = jsonencode([merge({
    name             = "worker"
    image            = local.worker_image
    essential        = true
    environment      = local.as_env.worker
    secrets          = local.as_secrets.api
    healthCheck      = local.api_health_check
    logConfiguration = local.logs.worker
  }, local.registry)])
}

# One-off migration task: run it (aws ecs run-task) before the API starts and before each release.
resource "aws_ecs_task_definition" "migrate" {
  family                   = "${local.name_prefix}-migrate"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.api_cpu
  memory                   = var.api_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  container_definitions = jsonencode([merge({
    name             = "migrate"
    image            = var.api_image
    essential        = true
    command          = local.migration_command
    environment      = local.as_env.api
    secrets          = local.as_secrets.api
    logConfiguration = local.logs.migrate
  }, local.registry)])
}

resource "aws_ecs_service" "api" {
  name                              = "${local.name_prefix}-api"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.api.arn
  desired_count                     = var.api_desired_count
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = local.api_public ? 60 : null

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.role["api"].id]
    assign_public_ip = false
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # Publishes the API as http://<project_name>-api:8000 to the web app and the worker.
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn

    service {
      port_name      = "http"
      discovery_name = local.api_service_name

      client_alias {
        dns_name = local.api_service_name
        port     = local.api_port
      }
    }
  }

  dynamic "load_balancer" {
    for_each = local.api_target_group_arns
    content {
      target_group_arn = load_balancer.value
      container_name   = "api"
      container_port   = local.api_port
    }
  }

  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener_rule.api]
}

resource "aws_ecs_service" "web" {
  name                              = "${local.name_prefix}-web"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.web.arn
  desired_count                     = var.web_desired_count
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = 60

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.role["web"].id]
    assign_public_ip = false
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # A Service Connect client: resolves the API's alias.
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.web.arn
    container_name   = "web"
    container_port   = local.web_port
  }

  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener_rule.web]
}

resource "aws_ecs_service" "worker" {
  count           = var.enable_worker ? 1 : 0
  name            = "${local.name_prefix}-worker"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.worker[0].arn
  desired_count   = var.worker_desired_count
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.role["worker"].id]
    assign_public_ip = false
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.main.arn
  }

  lifecycle {
    ignore_changes = [desired_count]
  }
}

# IAM: the execution role (pull images, write logs, read EXACTLY the secrets the task definitions
# inject) and the task roles (the API and the worker: the bucket, and with aws_sm the signing secret
# and the keyset it rotates; the web app: nothing). A name's ARN gets the "-??????" suffix pattern
# Secrets Manager appends.

locals {
  ecs_assume_role = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
  execution_secret_resources = sort(distinct(concat(local.injected_secret_resources, local.registry_secret_resources)))
  bucket_arn                 = "arn:${data.aws_partition.current.partition}:s3:::${var.storage_bucket_name}"
  app_secret_statements = concat(
    length(local.signing_secret_resources) > 0 ? [{
      Sid      = "ReadSigningSecret"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = local.signing_secret_resources
    }] : [],
    # The API creates the keyset on first use and writes each rotation.
    length(local.keyset_secret_resources) > 0 ? [{
      Sid      = "ManageKeyset"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:CreateSecret"]
      Resource = local.keyset_secret_resources
    }] : [],
  )
}

resource "aws_iam_role" "execution" {
  name               = "${local.name_prefix}-ecs-exec"
  assume_role_policy = local.ecs_assume_role
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role_policy" "execution_secrets" {
  name = "${local.name_prefix}-inject-secrets"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "InjectSecrets"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = local.execution_secret_resources
    }]
  })
}

resource "aws_iam_role" "task" {
  name               = "${local.name_prefix}-ecs-task"
  assume_role_policy = local.ecs_assume_role
}

resource "aws_iam_role_policy" "task_storage" {
  name = "${local.name_prefix}-s3"
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # s3:ListBucket also covers HeadBucket (there is no s3:HeadBucket action).
      { Sid = "Bucket", Effect = "Allow", Action = ["s3:ListBucket"], Resource = [local.bucket_arn] },
      { Sid = "Objects", Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource = ["${local.bucket_arn}/*"] },
    ]
  })
}

resource "aws_iam_role_policy" "task_secrets" {
  count  = length(local.app_secret_statements) > 0 ? 1 : 0
  name   = "${local.name_prefix}-app-secrets"
  role   = aws_iam_role.task.id
  policy = jsonencode({ Version = "2012-10-17", Statement = local.app_secret_statements })
}

resource "aws_iam_role" "web_task" {
  name               = "${local.name_prefix}-ecs-web-task"
  assume_role_policy = local.ecs_assume_role
}

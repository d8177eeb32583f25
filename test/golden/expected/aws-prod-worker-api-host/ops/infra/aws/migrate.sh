#!/usr/bin/env bash
# Runs the database migrations as a one-off Fargate task (the blueprint's migration task definition:
# the API image, its env and secrets, `alembic -c alembic.ini upgrade heads`) and waits for it.
# Exits non-zero unless the task's container exited 0. Run it from ops/infra/aws after `terraform apply`,
# with the AWS credentials and region of the deployment:
#   ./migrate.sh
# Needs: terraform (initialised in this directory), aws CLI v2.
set -euo pipefail
cd "$(dirname "$0")"

out() { terraform output -raw "$1"; }

cluster="$(out cluster_name)"
task_definition="$(out migration_task_definition)"
subnets="$(terraform output -json private_subnet_ids | tr -d '[]" \n')"
security_group="$(out migration_security_group_id)"
region="$(out aws_region)"

echo "migrate: starting ${task_definition} on ${cluster}" >&2
task_arn="$(aws ecs run-task \
  --region "$region" \
  --cluster "$cluster" \
  --launch-type FARGATE \
  --task-definition "$task_definition" \
  --network-configuration "awsvpcConfiguration={subnets=[${subnets}],securityGroups=[${security_group}],assignPublicIp=DISABLED}" \
  --query 'tasks[0].taskArn' --output text)"
if [ -z "$task_arn" ] || [ "$task_arn" = "None" ]; then
  echo "migrate: the task did not start (see the failures above)" >&2
  exit 1
fi

echo "migrate: waiting for ${task_arn}" >&2
aws ecs wait tasks-stopped --region "$region" --cluster "$cluster" --tasks "$task_arn"

exit_code="$(aws ecs describe-tasks --region "$region" --cluster "$cluster" --tasks "$task_arn" \
  --query 'tasks[0].containers[0].exitCode' --output text)"
reason="$(aws ecs describe-tasks --region "$region" --cluster "$cluster" --tasks "$task_arn" \
  --query 'tasks[0].stoppedReason' --output text)"
if [ "$exit_code" != "0" ]; then
  echo "migrate: failed (exit code ${exit_code}; ${reason}); logs: aws logs tail $(out migration_log_group) --region ${region}" >&2
  exit 1
fi
echo "migrate: done" >&2

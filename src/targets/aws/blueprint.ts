/**
 * The AWS blueprint's static files: stored under templates/terraform/, imported as text and copied
 * into the bundle byte for byte (ops/infra/aws and the shared, provider-free ops/infra/modules/app-env).
 * All their logic is Terraform's, driven by the variables the generated terraform.tfvars sets.
 */
import awsAlb from '../../../templates/terraform/aws/alb.tf?raw';
import awsDatabase from '../../../templates/terraform/aws/database.tf?raw';
import awsEcs from '../../../templates/terraform/aws/ecs.tf?raw';
import awsIam from '../../../templates/terraform/aws/iam.tf?raw';
import awsLocals from '../../../templates/terraform/aws/locals.tf?raw';
import awsLogging from '../../../templates/terraform/aws/logging.tf?raw';
import awsNetwork from '../../../templates/terraform/aws/network.tf?raw';
import awsOutputs from '../../../templates/terraform/aws/outputs.tf?raw';
import awsRedis from '../../../templates/terraform/aws/redis.tf?raw';
import awsSecrets from '../../../templates/terraform/aws/secrets.tf?raw';
import awsStorage from '../../../templates/terraform/aws/storage.tf?raw';
import awsVariables from '../../../templates/terraform/aws/variables.tf?raw';
import awsVersions from '../../../templates/terraform/aws/versions.tf?raw';
import awsTestsBlueprint from '../../../templates/terraform/aws/tests/blueprint.tftest.hcl?raw';
import appEnvMain from '../../../templates/terraform/modules/app-env/main.tf?raw';
import appEnvOutputs from '../../../templates/terraform/modules/app-env/outputs.tf?raw';
import appEnvVariables from '../../../templates/terraform/modules/app-env/variables.tf?raw';
import appEnvVersions from '../../../templates/terraform/modules/app-env/versions.tf?raw';
import appEnvTests from '../../../templates/terraform/modules/app-env/tests/app_env.tftest.hcl?raw';
import migrateScript from '../../../templates/aws/migrate.sh?raw';

/** The root module's files, by path inside ops/infra/aws. */
export const AWS_BLUEPRINT_FILES: Readonly<Record<string, string>> = {
  'alb.tf': awsAlb,
  'database.tf': awsDatabase,
  'ecs.tf': awsEcs,
  'iam.tf': awsIam,
  'locals.tf': awsLocals,
  'logging.tf': awsLogging,
  'network.tf': awsNetwork,
  'outputs.tf': awsOutputs,
  'redis.tf': awsRedis,
  'secrets.tf': awsSecrets,
  'storage.tf': awsStorage,
  'variables.tf': awsVariables,
  'versions.tf': awsVersions,
  'tests/blueprint.tftest.hcl': awsTestsBlueprint,
};

/** The shared app-env module's files, by path inside ops/infra/modules/app-env. */
export const APP_ENV_MODULE_FILES: Readonly<Record<string, string>> = {
  'main.tf': appEnvMain,
  'outputs.tf': appEnvOutputs,
  'variables.tf': appEnvVariables,
  'versions.tf': appEnvVersions,
  'tests/app_env.tftest.hcl': appEnvTests,
};

export const MIGRATE_SCRIPT = migrateScript;

/** The root module's variables, in the order variables.tf declares them (the tfvars and the export follow it). */
export const AWS_VARIABLES: readonly string[] = [...awsVariables.matchAll(/^variable "([A-Za-z_][A-Za-z0-9_-]*)"/gm)].map((m) => m[1] as string);

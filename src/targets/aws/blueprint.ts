/**
 * The AWS blueprint's static files: stored under templates/terraform/, imported as text and copied
 * into the bundle byte for byte (ops/infra/aws; the shared app-env module is in src/targets/terraform).
 * All their logic is Terraform's, driven by the variables the generated terraform.tfvars sets.
 */
import awsAlb from '../../../templates/terraform/aws/alb.tf?hcl';
import awsDatabase from '../../../templates/terraform/aws/database.tf?hcl';
import awsEcs from '../../../templates/terraform/aws/ecs.tf?hcl';
import awsIam from '../../../templates/terraform/aws/iam.tf?hcl';
import awsLocals from '../../../templates/terraform/aws/locals.tf?hcl';
import awsLogging from '../../../templates/terraform/aws/logging.tf?hcl';
import awsNetwork from '../../../templates/terraform/aws/network.tf?hcl';
import awsOutputs from '../../../templates/terraform/aws/outputs.tf?hcl';
import awsRedis from '../../../templates/terraform/aws/redis.tf?hcl';
import awsSecrets from '../../../templates/terraform/aws/secrets.tf?hcl';
import awsStorage from '../../../templates/terraform/aws/storage.tf?hcl';
import awsVariables from '../../../templates/terraform/aws/variables.tf?hcl';
import awsVersions from '../../../templates/terraform/aws/versions.tf?hcl';
import awsTestsBlueprint from '../../../templates/terraform/aws/tests/blueprint.tftest.hcl?hcl';
import migrateScript from '../../../templates/aws/migrate.sh?raw';
import type { KnownParse } from '../terraform/hcl.js';

/** The root module's files, by path inside ops/infra/aws, each with its build-time parse. */
const ROOT: Readonly<Record<string, KnownParse>> = {
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

const texts = (files: Readonly<Record<string, KnownParse>>) => Object.fromEntries(Object.entries(files).map(([path, f]) => [path, f.text]));
export const AWS_BLUEPRINT_FILES: Readonly<Record<string, string>> = texts(ROOT);

/** The build-time parses of the root's static files (the embedded checks reuse them). */
export const AWS_PARSES: readonly KnownParse[] = Object.values(ROOT);

export const MIGRATE_SCRIPT = migrateScript;

/** The root module's variables, in the order variables.tf declares them (the tfvars and the export follow it). */
export const AWS_VARIABLES: readonly string[] = [...awsVariables.text.matchAll(/^variable "([A-Za-z_][A-Za-z0-9_-]*)"/gm)].map((m) => m[1] as string);

/**
 * The GCP blueprint's static files: stored under templates/terraform/, imported as text and copied
 * into the bundle byte for byte (ops/infra/gcp and the provider-free modules beside it: app-env,
 * gcp-services, gcp-secret-refs). All their logic is Terraform's, driven by terraform.tfvars.
 */
import gcpCloudRun from '../../../templates/terraform/gcp/cloud_run.tf?raw';
import gcpCloudSql from '../../../templates/terraform/gcp/cloud_sql.tf?raw';
import gcpIam from '../../../templates/terraform/gcp/iam.tf?raw';
import gcpLocals from '../../../templates/terraform/gcp/locals.tf?raw';
import gcpNetwork from '../../../templates/terraform/gcp/network.tf?raw';
import gcpOutputs from '../../../templates/terraform/gcp/outputs.tf?raw';
import gcpProject from '../../../templates/terraform/gcp/project.tf?raw';
import gcpRedis from '../../../templates/terraform/gcp/redis.tf?raw';
import gcpRegistry from '../../../templates/terraform/gcp/registry.tf?raw';
import gcpSecrets from '../../../templates/terraform/gcp/secrets.tf?raw';
import gcpStorage from '../../../templates/terraform/gcp/storage.tf?raw';
import gcpVariables from '../../../templates/terraform/gcp/variables.tf?raw';
import gcpVersions from '../../../templates/terraform/gcp/versions.tf?raw';
import servicesMain from '../../../templates/terraform/modules/gcp-services/main.tf?raw';
import servicesOutputs from '../../../templates/terraform/modules/gcp-services/outputs.tf?raw';
import servicesVariables from '../../../templates/terraform/modules/gcp-services/variables.tf?raw';
import servicesVersions from '../../../templates/terraform/modules/gcp-services/versions.tf?raw';
import servicesTests from '../../../templates/terraform/modules/gcp-services/tests/services.tftest.hcl?raw';
import refsMain from '../../../templates/terraform/modules/gcp-secret-refs/main.tf?raw';
import refsOutputs from '../../../templates/terraform/modules/gcp-secret-refs/outputs.tf?raw';
import refsVariables from '../../../templates/terraform/modules/gcp-secret-refs/variables.tf?raw';
import refsVersions from '../../../templates/terraform/modules/gcp-secret-refs/versions.tf?raw';
import refsTests from '../../../templates/terraform/modules/gcp-secret-refs/tests/secret_refs.tftest.hcl?raw';

/** The root module's files, by path inside ops/infra/gcp. */
export const GCP_BLUEPRINT_FILES: Readonly<Record<string, string>> = {
  'cloud_run.tf': gcpCloudRun,
  'cloud_sql.tf': gcpCloudSql,
  'iam.tf': gcpIam,
  'locals.tf': gcpLocals,
  'network.tf': gcpNetwork,
  'outputs.tf': gcpOutputs,
  'project.tf': gcpProject,
  'redis.tf': gcpRedis,
  'registry.tf': gcpRegistry,
  'secrets.tf': gcpSecrets,
  'storage.tf': gcpStorage,
  'variables.tf': gcpVariables,
  'versions.tf': gcpVersions,
};

/** The provider-free modules of the GCP root, by directory name under ops/infra/modules, then path. */
export const GCP_MODULE_FILES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'gcp-services': { 'main.tf': servicesMain, 'outputs.tf': servicesOutputs, 'variables.tf': servicesVariables, 'versions.tf': servicesVersions, 'tests/services.tftest.hcl': servicesTests },
  'gcp-secret-refs': { 'main.tf': refsMain, 'outputs.tf': refsOutputs, 'variables.tf': refsVariables, 'versions.tf': refsVersions, 'tests/secret_refs.tftest.hcl': refsTests },
};

/** The root module's variables, in the order variables.tf declares them (the tfvars and the export follow it). */
export const GCP_VARIABLES: readonly string[] = [...gcpVariables.matchAll(/^variable "([A-Za-z_][A-Za-z0-9_-]*)"/gm)].map((m) => m[1] as string);

/**
 * The GCP blueprint's static files: stored under templates/terraform/, imported as text and copied
 * into the bundle byte for byte (ops/infra/gcp and the provider-free modules beside it: app-env,
 * gcp-services, gcp-secret-refs). All their logic is Terraform's, driven by terraform.tfvars.
 */
import gcpCloudRun from '../../../templates/terraform/gcp/cloud_run.tf?hcl';
import gcpCloudSql from '../../../templates/terraform/gcp/cloud_sql.tf?hcl';
import gcpIam from '../../../templates/terraform/gcp/iam.tf?hcl';
import gcpLocals from '../../../templates/terraform/gcp/locals.tf?hcl';
import gcpNetwork from '../../../templates/terraform/gcp/network.tf?hcl';
import gcpOutputs from '../../../templates/terraform/gcp/outputs.tf?hcl';
import gcpProject from '../../../templates/terraform/gcp/project.tf?hcl';
import gcpRedis from '../../../templates/terraform/gcp/redis.tf?hcl';
import gcpRegistry from '../../../templates/terraform/gcp/registry.tf?hcl';
import gcpSecrets from '../../../templates/terraform/gcp/secrets.tf?hcl';
import gcpStorage from '../../../templates/terraform/gcp/storage.tf?hcl';
import gcpVariables from '../../../templates/terraform/gcp/variables.tf?hcl';
import gcpVersions from '../../../templates/terraform/gcp/versions.tf?hcl';
import servicesMain from '../../../templates/terraform/modules/gcp-services/main.tf?hcl';
import servicesOutputs from '../../../templates/terraform/modules/gcp-services/outputs.tf?hcl';
import servicesVariables from '../../../templates/terraform/modules/gcp-services/variables.tf?hcl';
import servicesVersions from '../../../templates/terraform/modules/gcp-services/versions.tf?hcl';
import servicesTests from '../../../templates/terraform/modules/gcp-services/tests/services.tftest.hcl?hcl';
import refsMain from '../../../templates/terraform/modules/gcp-secret-refs/main.tf?hcl';
import refsOutputs from '../../../templates/terraform/modules/gcp-secret-refs/outputs.tf?hcl';
import refsVariables from '../../../templates/terraform/modules/gcp-secret-refs/variables.tf?hcl';
import refsVersions from '../../../templates/terraform/modules/gcp-secret-refs/versions.tf?hcl';
import refsTests from '../../../templates/terraform/modules/gcp-secret-refs/tests/secret_refs.tftest.hcl?hcl';

import type { KnownParse } from '../terraform/hcl.js';

/** The root module's files, by path inside ops/infra/gcp. */
export const GCP_BLUEPRINT_FILES: Readonly<Record<string, string>> = {
  'cloud_run.tf': gcpCloudRun.text,
  'cloud_sql.tf': gcpCloudSql.text,
  'iam.tf': gcpIam.text,
  'locals.tf': gcpLocals.text,
  'network.tf': gcpNetwork.text,
  'outputs.tf': gcpOutputs.text,
  'project.tf': gcpProject.text,
  'redis.tf': gcpRedis.text,
  'registry.tf': gcpRegistry.text,
  'secrets.tf': gcpSecrets.text,
  'storage.tf': gcpStorage.text,
  'variables.tf': gcpVariables.text,
  'versions.tf': gcpVersions.text,
};

/** The provider-free modules of the GCP root, by directory name under ops/infra/modules, then path. */
export const GCP_MODULE_FILES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'gcp-services': { 'main.tf': servicesMain.text, 'outputs.tf': servicesOutputs.text, 'variables.tf': servicesVariables.text, 'versions.tf': servicesVersions.text, 'tests/services.tftest.hcl': servicesTests.text },
  'gcp-secret-refs': { 'main.tf': refsMain.text, 'outputs.tf': refsOutputs.text, 'variables.tf': refsVariables.text, 'versions.tf': refsVersions.text, 'tests/secret_refs.tftest.hcl': refsTests.text },
};

/** The root module's variables, in the order variables.tf declares them (the tfvars and the export follow it). */
export const GCP_VARIABLES: readonly string[] = [...gcpVariables.text.matchAll(/^variable "([A-Za-z_][A-Za-z0-9_-]*)"/gm)].map((m) => m[1] as string);

/** The build-time parses of the blueprint's own static files (the embedded checks reuse them). */
export const GCP_PARSES: readonly KnownParse[] = [gcpCloudRun, gcpCloudSql, gcpIam, gcpLocals, gcpNetwork, gcpOutputs, gcpProject, gcpRedis, gcpRegistry, gcpSecrets, gcpStorage, gcpVariables, gcpVersions, servicesMain, servicesOutputs, servicesVariables, servicesVersions, servicesTests, refsMain, refsOutputs, refsVariables, refsVersions, refsTests];

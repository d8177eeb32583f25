/**
 * The Azure blueprint's static files: stored under templates/terraform/, imported as text and
 * copied into the bundle byte for byte (ops/infra/azure, the shared ops/infra/modules/app-env and
 * the provider-free ops/infra/modules/container-app-secrets).
 */
import containerApps from '../../../templates/terraform/azure/container_apps.tf?raw';
import database from '../../../templates/terraform/azure/database.tf?raw';
import identity from '../../../templates/terraform/azure/identity.tf?raw';
import keyVault from '../../../templates/terraform/azure/key_vault.tf?raw';
import locals from '../../../templates/terraform/azure/locals.tf?raw';
import logging from '../../../templates/terraform/azure/logging.tf?raw';
import network from '../../../templates/terraform/azure/network.tf?raw';
import outputs from '../../../templates/terraform/azure/outputs.tf?raw';
import redis from '../../../templates/terraform/azure/redis.tf?raw';
import storage from '../../../templates/terraform/azure/storage.tf?raw';
import variables from '../../../templates/terraform/azure/variables.tf?raw';
import versions from '../../../templates/terraform/azure/versions.tf?raw';
import secretsMain from '../../../templates/terraform/modules/container-app-secrets/main.tf?raw';
import secretsOutputs from '../../../templates/terraform/modules/container-app-secrets/outputs.tf?raw';
import secretsVariables from '../../../templates/terraform/modules/container-app-secrets/variables.tf?raw';
import secretsVersions from '../../../templates/terraform/modules/container-app-secrets/versions.tf?raw';
import secretsTests from '../../../templates/terraform/modules/container-app-secrets/tests/container_app_secrets.tftest.hcl?raw';

/** The root module's files, by path inside ops/infra/azure. */
export const AZURE_BLUEPRINT_FILES: Readonly<Record<string, string>> = {
  'container_apps.tf': containerApps,
  'database.tf': database,
  'identity.tf': identity,
  'key_vault.tf': keyVault,
  'locals.tf': locals,
  'logging.tf': logging,
  'network.tf': network,
  'outputs.tf': outputs,
  'redis.tf': redis,
  'storage.tf': storage,
  'variables.tf': variables,
  'versions.tf': versions,
};

/** The container-app-secrets module's files, by path inside ops/infra/modules/container-app-secrets. */
export const SECRETS_MODULE_FILES: Readonly<Record<string, string>> = {
  'main.tf': secretsMain,
  'outputs.tf': secretsOutputs,
  'variables.tf': secretsVariables,
  'versions.tf': secretsVersions,
  'tests/container_app_secrets.tftest.hcl': secretsTests,
};

/** The root module's variables, in the order variables.tf declares them (the tfvars and the export follow it). */
export const AZURE_VARIABLES: readonly string[] = [...variables.matchAll(/^variable "([A-Za-z_][A-Za-z0-9_-]*)"/gm)].map((m) => m[1] as string);

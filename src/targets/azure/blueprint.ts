/**
 * The Azure blueprint's static files: stored under templates/terraform/, imported as text and
 * copied into the bundle byte for byte (ops/infra/azure, the shared ops/infra/modules/app-env and
 * the provider-free ops/infra/modules/container-app-secrets).
 */
import containerApps from '../../../templates/terraform/azure/container_apps.tf?hcl';
import database from '../../../templates/terraform/azure/database.tf?hcl';
import identity from '../../../templates/terraform/azure/identity.tf?hcl';
import keyVault from '../../../templates/terraform/azure/key_vault.tf?hcl';
import locals from '../../../templates/terraform/azure/locals.tf?hcl';
import logging from '../../../templates/terraform/azure/logging.tf?hcl';
import network from '../../../templates/terraform/azure/network.tf?hcl';
import outputs from '../../../templates/terraform/azure/outputs.tf?hcl';
import redis from '../../../templates/terraform/azure/redis.tf?hcl';
import storage from '../../../templates/terraform/azure/storage.tf?hcl';
import variables from '../../../templates/terraform/azure/variables.tf?hcl';
import versions from '../../../templates/terraform/azure/versions.tf?hcl';
import secretsMain from '../../../templates/terraform/modules/container-app-secrets/main.tf?hcl';
import secretsOutputs from '../../../templates/terraform/modules/container-app-secrets/outputs.tf?hcl';
import secretsVariables from '../../../templates/terraform/modules/container-app-secrets/variables.tf?hcl';
import secretsVersions from '../../../templates/terraform/modules/container-app-secrets/versions.tf?hcl';
import secretsTests from '../../../templates/terraform/modules/container-app-secrets/tests/container_app_secrets.tftest.hcl?hcl';

import type { KnownParse } from '../terraform/hcl.js';

/** The root module's files, by path inside ops/infra/azure. */
export const AZURE_BLUEPRINT_FILES: Readonly<Record<string, string>> = {
  'container_apps.tf': containerApps.text,
  'database.tf': database.text,
  'identity.tf': identity.text,
  'key_vault.tf': keyVault.text,
  'locals.tf': locals.text,
  'logging.tf': logging.text,
  'network.tf': network.text,
  'outputs.tf': outputs.text,
  'redis.tf': redis.text,
  'storage.tf': storage.text,
  'variables.tf': variables.text,
  'versions.tf': versions.text,
};

/** The container-app-secrets module's files, by path inside ops/infra/modules/container-app-secrets. */
export const SECRETS_MODULE_FILES: Readonly<Record<string, string>> = {
  'main.tf': secretsMain.text,
  'outputs.tf': secretsOutputs.text,
  'variables.tf': secretsVariables.text,
  'versions.tf': secretsVersions.text,
  'tests/container_app_secrets.tftest.hcl': secretsTests.text,
};

/** The root module's variables, in the order variables.tf declares them (the tfvars and the export follow it). */
export const AZURE_VARIABLES: readonly string[] = [...variables.text.matchAll(/^variable "([A-Za-z_][A-Za-z0-9_-]*)"/gm)].map((m) => m[1] as string);

/** The build-time parses of the blueprint's own static files (the embedded checks reuse them). */
export const AZURE_PARSES: readonly KnownParse[] = [containerApps, database, identity, keyVault, locals, logging, network, outputs, redis, storage, variables, versions, secretsMain, secretsOutputs, secretsVariables, secretsVersions, secretsTests];

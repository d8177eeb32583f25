/**
 * The provider-free app-env module every cloud blueprint calls (`source = "../modules/app-env"`): its
 * static files, copied into the bundle byte for byte under ops/infra/modules/app-env, each with its
 * build-time parse.
 */
import appEnvMain from '../../../templates/terraform/modules/app-env/main.tf?hcl';
import appEnvOutputs from '../../../templates/terraform/modules/app-env/outputs.tf?hcl';
import appEnvVariables from '../../../templates/terraform/modules/app-env/variables.tf?hcl';
import appEnvVersions from '../../../templates/terraform/modules/app-env/versions.tf?hcl';
import appEnvTests from '../../../templates/terraform/modules/app-env/tests/app_env.tftest.hcl?hcl';
import type { Contract } from '../../contract/contract.js';
import { deriveServiceEnv, type EnvVar, type ServiceEnv } from '../../contract/env.js';
import type { TfValue } from '../../render/tfvars.js';
import type { KnownParse } from './hcl.js';

export const APP_ENV_DIR = 'ops/infra/modules/app-env';

const FILES: Readonly<Record<string, KnownParse>> = {
  'main.tf': appEnvMain,
  'outputs.tf': appEnvOutputs,
  'variables.tf': appEnvVariables,
  'versions.tf': appEnvVersions,
  'tests/app_env.tftest.hcl': appEnvTests,
};

/** The module's files, by path inside ops/infra/modules/app-env. */
export const APP_ENV_MODULE_FILES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(FILES).map(([path, f]) => [path, f.text]));
export const APP_ENV_PARSES: readonly KnownParse[] = Object.values(FILES);

/** Every blueprint variable the contract has a value for, by the variable's (= the contract key's) name, in the blueprint's order. */
export function tfvarsValues(contract: object, variables: readonly string[]): Record<string, TfValue> {
  const values: Record<string, TfValue> = {};
  const source = contract as Record<string, unknown>;
  for (const name of variables) {
    const value = source[name];
    if (value !== undefined) values[name] = value as TfValue;
  }
  return values;
}

/**
 * The env the app-env module gives each service, mirrored in TypeScript (an integration test holds
 * the two equal): ALLOWED_HOSTS as the module sorts it (the host of api_base_url, the public API
 * host, 127.0.0.1 and localhost for the probes and health checks); `api`: settings the target itself
 * adds.
 */
export function appEnvModuleEnv(contract: Contract, api: readonly EnvVar[] = []): ServiceEnv {
  const apiHosts = ['127.0.0.1', 'localhost'];
  if (contract.api_public_url) apiHosts.unshift(new URL(contract.api_public_url).hostname);
  const env = deriveServiceEnv(contract, { apiHosts, api });
  const sortHosts = (vars: ServiceEnv['api']) => vars.map((v) => (v.name === 'ALLOWED_HOSTS' ? { ...v, value: v.value.split(',').sort().join(',') } : v));
  return { ...env, api: sortHosts(env.api), ...(env.worker ? { worker: sortHosts(env.worker) } : {}) };
}

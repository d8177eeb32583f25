/**
 * The GCP target's view: the blueprint's variables filled from the contract (terraform.tfvars), the
 * env the app-env module computes from them (mirrored here for the embedded checks and the env
 * inventory), the services list, and the runbook's data.
 */
import { required } from '../../contract/contract.js';
import type { ServiceEnv } from '../../contract/env.js';
import { appEnvModuleEnv } from '../terraform/app-env-module.js';
import { CONNECTION_SECRETS } from '../../contract/literals.js';
import { blueprintConnectionSecrets, type GcpContract } from './keys.js';
import { proxiedRegistry } from './rules.js';
import { projectServicesPlan, type ProjectServicesPlan } from './keys-services.js';

export const INFRA_DIR = 'ops/infra/gcp';
export const MODULES_DIR = 'ops/infra/modules';
export const APP_ENV_DIR = `${MODULES_DIR}/app-env`;
export const TESTED_MODULES = [APP_ENV_DIR, `${MODULES_DIR}/gcp-services`, `${MODULES_DIR}/gcp-secret-refs`] as const;
export const TFVARS_PATH = `${INFRA_DIR}/terraform.tfvars`;
/** The Host header the blueprint's probes send (ALLOWED_HOSTS always holds it). */
export const PROBE_HOST = 'localhost';

export function namePrefix(contract: GcpContract): string {
  return `${contract.project_name}-${contract.environment}`;
}


/** The env the blueprint's app-env module gives each service (src/targets/terraform/app-env-module.ts). */
export function gcpEnv(contract: GcpContract): ServiceEnv {
  return appEnvModuleEnv(contract);
}

export function servicesPlan(contract: GcpContract): ProjectServicesPlan {
  return projectServicesPlan({
    enable: contract.enable_project_services !== false,
    services: contract.project_services,
    proxiedImages: proxiedRegistry(contract as unknown as Record<string, unknown>) !== undefined,
  });
}

export interface ConnectionSecretView {
  env: string;
  /** The blueprint creates and writes the secret. */
  own: boolean;
  /** The secret's name or path. */
  ref: string;
}

export function connectionSecrets(contract: GcpContract): ConnectionSecretView[] {
  const own = new Set(blueprintConnectionSecrets(contract as unknown as Record<string, unknown>));
  const suffix: Record<string, string> = { DATABASE_URL: 'database-url', REDIS_URL: 'redis-url' };
  return CONNECTION_SECRETS.map((env) => ({ env, own: own.has(env), ref: own.has(env) ? `${namePrefix(contract)}-${suffix[env]}` : (contract.api_secrets[env] ?? '') }));
}

export function region(contract: GcpContract): string {
  return required(contract, 'region');
}

export function projectId(contract: GcpContract): string {
  return required(contract, 'project_id');
}

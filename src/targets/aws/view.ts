/**
 * The AWS target's view: the blueprint's variables filled from the contract (terraform.tfvars), the
 * env the app-env module computes from them (mirrored here for the embedded checks and the env
 * inventory; an integration test holds the two equal), and the runbook's data.
 */
import { required } from '../../contract/contract.js';
import type { ServiceEnv } from '../../contract/env.js';
import { appEnvModuleEnv } from '../terraform/app-env-module.js';
import { CONNECTION_SECRETS } from '../../contract/literals.js';
import { blueprintConnectionSecrets, type AwsContract } from './keys.js';

export const INFRA_DIR = 'ops/infra/aws';
export const MODULE_DIR = 'ops/infra/modules/app-env';

/** Where the API reaches its database and cache from: the blueprint's own secrets, or the user's. */
export interface ConnectionSecretView {
  env: string;
  /** The blueprint creates the secret (`<prefix>/database-url`, `<prefix>/redis-url`). */
  own: boolean;
  /** The secret's name or ARN. */
  ref: string;
}

export function namePrefix(contract: AwsContract): string {
  return `${contract.project_name}-${contract.environment}`;
}

export function tfvarsPath(contract: AwsContract): string {
  return `${INFRA_DIR}/${contract.tfvars_format === 'json' ? 'terraform.tfvars.json' : 'terraform.tfvars'}`;
}


/** The env the blueprint's app-env module gives each service (src/targets/terraform/app-env-module.ts). */
export function awsEnv(contract: AwsContract): ServiceEnv {
  return appEnvModuleEnv(contract);
}

export function connectionSecrets(contract: AwsContract): ConnectionSecretView[] {
  const own = new Set(blueprintConnectionSecrets(contract as unknown as Record<string, unknown>));
  const suffix: Record<string, string> = { DATABASE_URL: 'database-url', REDIS_URL: 'redis-url' };
  return CONNECTION_SECRETS.map((env) => ({ env, own: own.has(env), ref: own.has(env) ? `${namePrefix(contract)}/${suffix[env]}` : (contract.api_secrets[env] ?? '') }));
}

export function redisTokenSecret(contract: AwsContract): string {
  return contract.redis_auth_token_secret_name ?? `${namePrefix(contract)}/redis-auth-token`;
}

export function awsRegion(contract: AwsContract): string {
  return required(contract, 'aws_region');
}

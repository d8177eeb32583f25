/**
 * The Azure target's view: the blueprint's variables filled from the contract (terraform.tfvars),
 * the env the blueprint gives each container app (the app-env module's maps plus the identity's
 * client ID), the Container Apps secret wiring, and the runbook's data.
 */
import type { ServiceEnv } from '../../contract/env.js';
import { appEnvModuleEnv } from '../terraform/app-env-module.js';
import { blueprintConnectionSecrets, keyVaultUrl, type AzureContract } from './keys.js';
import { containerAppSecretName } from './rules.js';

export const INFRA_DIR = 'ops/infra/azure';
export const MODULE_DIR = 'ops/infra/modules/app-env';
export const SECRETS_MODULE_DIR = 'ops/infra/modules/container-app-secrets';
export const TFVARS_PATH = `${INFRA_DIR}/terraform.tfvars`;
/** The Key Vault secret the operator writes the Postgres admin password into. */
export const PG_PASSWORD_SECRET = 'postgres-admin-password';
/** The blueprint's own Key Vault secrets, by env name. */
export const OWN_SECRET_NAMES: Readonly<Record<string, string>> = { DATABASE_URL: 'database-url', REDIS_URL: 'redis-url' };

export function namePrefix(contract: Pick<AzureContract, 'project_name' | 'environment'>): string {
  return `${contract.project_name}-${contract.environment}`;
}


/** The env the blueprint gives each app: the app-env module's, plus the API identity's client ID (known after apply). */
export function azureEnv(contract: AzureContract): ServiceEnv {
  const identity = { name: 'AZURE_MANAGED_IDENTITY_CLIENT_ID', value: `<client ID of ${namePrefix(contract)}-api>`, from: 'the blueprint: client ID of the API identity (known after apply)' };
  return appEnvModuleEnv(contract, [identity]);
}

export interface SecretWiring {
  env: string;
  /** The container-app secret name (lower-case letters, digits, -). */
  name: string;
  /** Key Vault secret ID the app reads, versionless unless given with a version. */
  keyVaultSecretId: string;
  own: boolean;
}

/** Each app's secrets as the container-app-secrets module wires them. */
export function secretWiring(contract: AzureContract): { api: SecretWiring[]; web: SecretWiring[] } {
  const vault = keyVaultUrl(contract.key_vault_name ?? '').replace(/\/$/, '');
  const own = new Set(blueprintConnectionSecrets(contract as unknown as Record<string, unknown>));
  const wire = (refs: Record<string, string>) =>
    Object.keys(refs)
      .sort()
      .map((env) => {
        const ref = refs[env] ?? '';
        return { env, name: containerAppSecretName(env), keyVaultSecretId: ref.startsWith('https://') ? ref : `${vault}/secrets/${ref}`, own: own.has(env) };
      });
  const apiRefs = { ...Object.fromEntries([...own].map((env) => [env, OWN_SECRET_NAMES[env] ?? ''])), ...contract.api_secrets };
  return { api: wire(apiRefs), web: wire(contract.web_secrets) };
}

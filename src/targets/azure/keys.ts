/**
 * The keys only the Azure target reads (location, resource group, globally unique vault and
 * storage account names, network, Container Apps sizes, Postgres, Redis, logs, a private
 * registry), its defaults, derived values and rules. Light on purpose (zod and src/contract only):
 * the contract is built from every target's key set without loading the targets. The blueprint's
 * variables carry the same names (templates/terraform/azure/variables.tf).
 */
import { z } from 'zod';
import type { Contract } from '../../contract/contract.js';
import type { FieldSpec } from '../../contract/fields.js';
import { CONNECTION_SECRETS } from '../../contract/literals.js';
import { asRecord } from '../../contract/records.js';
import { withWorker } from '../../contract/relevance.js';
import type { KeysOf, TargetKeySet } from '../../contract/target-keys.js';
import { azureProblems } from './rules.js';

type Answers = Record<string, unknown>;

const vcpu = z
  .number()
  .min(0.25)
  .max(4)
  .refine((n) => Number.isInteger(n * 4), 'must be a multiple of 0.25 vCPU (0.25 to 4; memory is 2 GiB per vCPU)');
const replicas = z.number().int().min(0).max(300);

const AZURE_FIELDS = {
  azure_location: {
    schema: z.string().regex(/^[a-z][a-z0-9]+$/, 'must be an Azure region name such as westeurope or eastus2'),
    description: 'Azure region of every resource the blueprint creates, e.g. westeurope.',
    targets: ['azure'],
  },
  resource_group_name: {
    schema: z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, 'must be 1-90 letters, digits, _ - . ( ) and must not end with a period'),
    description: 'Resource group the blueprint creates (default <project>-<environment>-rg).',
    targets: ['azure'],
  },
  key_vault_name: {
    schema: z.string().regex(/^[A-Za-z](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){2,23}$/, 'must be 3-24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit'),
    description: 'Key Vault the blueprint creates; unique across Azure. Short secret names in api_secrets/web_secrets live in it.',
    targets: ['azure'],
  },
  storage_account_name: {
    schema: z.string().regex(/^[a-z0-9]{3,24}$/, 'must be 3-24 lower-case letters and digits (no hyphens)'),
    description: 'Storage account the blueprint creates; unique across Azure.',
    targets: ['azure'],
  },
  vnet_cidr: {
    schema: z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(1[6-9]|2[0-2])$/, 'must be an IPv4 CIDR block from /16 to /22, e.g. 10.30.0.0/16'),
    description: 'Address space of the virtual network (Container Apps /23, Postgres /24 and private endpoints /24 are carved from it).',
    targets: ['azure'],
    advanced: true,
  },
  api_vcpu: { schema: vcpu, description: 'vCPUs of an API replica (0.25 to 4; memory is 2 GiB per vCPU).', targets: ['azure'], advanced: true },
  web_vcpu: { schema: vcpu, description: 'vCPUs of a web replica (0.25 to 4; memory is 2 GiB per vCPU).', targets: ['azure'], advanced: true },
  worker_vcpu: { schema: vcpu, description: 'vCPUs of the worker replica (0.25 to 4).', targets: ['azure'], advanced: true },
  api_min_replicas: { schema: replicas, description: 'Fewest API replicas (0 lets the API scale to zero).', targets: ['azure'], advanced: true },
  api_max_replicas: { schema: replicas.min(1), description: 'Most API replicas.', targets: ['azure'], advanced: true },
  web_min_replicas: { schema: replicas, description: 'Fewest web replicas.', targets: ['azure'], advanced: true },
  web_max_replicas: { schema: replicas.min(1), description: 'Most web replicas.', targets: ['azure'], advanced: true },
  postgres_sku_name: {
    schema: z.string().regex(/^(B|GP|MO)_Standard_[A-Za-z0-9_]+$/, 'must be a Flexible Server SKU such as B_Standard_B1ms or GP_Standard_D2ds_v5'),
    description: 'SKU of the Postgres 16 Flexible Server (tier_family_size).',
    targets: ['azure'],
    advanced: true,
  },
  postgres_storage_mb: {
    schema: z.number().refine((n) => [32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304, 8388608, 16777216, 33553408].includes(n), 'must be a Flexible Server storage size: 32768, 65536, 131072, ... MB'),
    description: 'Storage of the Postgres server in MB (it only grows).',
    targets: ['azure'],
    advanced: true,
  },
  postgres_backup_retention_days: { schema: z.number().int().min(7).max(35), description: 'Days of Postgres backups and point-in-time restore (7 to 35).', targets: ['azure'], advanced: true },
  postgres_database_name: {
    schema: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must start with a letter and hold only a-z, 0-9 and _ (at most 63)'),
    description: 'Database the blueprint creates on the server.',
    targets: ['azure'],
    advanced: true,
  },
  postgres_admin_username: {
    schema: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must start with a letter and hold only a-z, 0-9 and _')
      .refine((name) => !['admin', 'administrator', 'azure_superuser', 'azure_pg_admin', 'root', 'guest', 'public', 'postgres'].includes(name) && !name.startsWith('pg_'), 'is reserved by Azure or Postgres; pick another name'),
    description: 'Administrator login of the Postgres server (its password is the Key Vault secret postgres-admin-password).',
    targets: ['azure'],
    advanced: true,
  },
  postgres_admin_password_version: {
    schema: z.number().int().min(1),
    description: 'Version of the Postgres admin password: raise it after changing postgres-admin-password so the server and DATABASE_URL take the new one.',
    targets: ['azure'],
    advanced: true,
  },
  redis_sku_name: { schema: z.enum(['Standard', 'Premium']), description: 'Azure Cache for Redis SKU (Basic has no replica and no SLA).', targets: ['azure'], advanced: true },
  redis_capacity: { schema: z.number().int().min(0).max(6), description: 'Size of the cache within its SKU (Standard C0-C6, Premium P1-P5).', targets: ['azure'], advanced: true },
  log_analytics_retention_days: { schema: z.number().int().min(30).max(730), description: 'Days Log Analytics keeps the apps\' logs (30 to 730).', targets: ['azure'], advanced: true },
  registry_login_server: {
    schema: z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?$/, 'must be a registry host such as acme.azurecr.io or ghcr.io'),
    description: 'Optional: login server of a private image registry (ACR pulls with the apps\' identity; others with registry_username).',
    targets: ['azure'],
    advanced: true,
  },
  registry_username: {
    schema: z.string().regex(/^[^\s]{1,256}$/, 'must be a user name without spaces'),
    description: 'User of registry_login_server (empty: pull with the apps\' managed identity, which needs AcrPull).',
    targets: ['azure'],
    advanced: true,
  },
  registry_password_secret_name: {
    schema: z.string().regex(/^([0-9A-Za-z-]{1,127}|https:\/\/[A-Za-z0-9.-]+\/secrets\/[0-9A-Za-z-]{1,127}(\/[0-9A-Za-z]{32})?)$/, 'must be a Key Vault secret name or secret ID'),
    description: 'Key Vault secret holding the registry password or token (required with registry_username).',
    targets: ['azure'],
    advanced: true,
  },
} as const satisfies Record<string, FieldSpec>;

export type AzureKeys = KeysOf<typeof AZURE_FIELDS>;
/** The contract the azure view, files and checks read. */
export type AzureContract = Contract & AzureKeys;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The URLs Azure gives the vault and the account (public cloud); the blueprint passes the same. */
export const keyVaultUrl = (name: string) => `https://${name}.vault.azure.net/`;
export const blobAccountUrl = (account: string) => `https://${account}.blob.core.windows.net/`;

function usesKeyVault(answers: Answers): boolean {
  const keyProvider = text(answers.auth_key_storage_provider) ?? answers.secrets_provider;
  return answers.secrets_provider === 'azure_kv' || ((answers.auth_key_storage_backend ?? 'secret-manager') === 'secret-manager' && keyProvider === 'azure_kv');
}

/** The API's address inside the environment (or its public URL), the resource group, and the URLs of what the blueprint creates. */
function deriveAzure(answers: Answers): Readonly<Record<string, unknown>> {
  const project = text(answers.project_name);
  const environment = text(answers.environment);
  const prefix = project && environment ? `${project}-${environment}` : undefined;
  const vault = text(answers.key_vault_name);
  const account = text(answers.storage_account_name);
  return {
    api_base_url: text(answers.api_public_url) ?? (prefix && `http://${prefix}-api`),
    resource_group_name: prefix && `${prefix}-rg`,
    azure_key_vault_url: vault && usesKeyVault(answers) ? keyVaultUrl(vault) : undefined,
    azure_blob_account_url: account && answers.storage_provider === 'azure_blob' ? blobAccountUrl(account) : undefined,
  };
}

/** DATABASE_URL and REDIS_URL: the blueprint's own Key Vault secrets, unless api_secrets brings its own. */
export function blueprintConnectionSecrets(answers: Answers): readonly string[] {
  const secrets = asRecord(answers.api_secrets);
  return CONNECTION_SECRETS.filter((name) => !Object.hasOwn(secrets, name));
}

/** App settings the blueprint sets from what it creates. */
function providedAzureEnv(answers: Answers): readonly string[] {
  return [...blueprintConnectionSecrets(answers), 'AZURE_KEY_VAULT_URL', 'AZURE_BLOB_ACCOUNT_URL', 'AZURE_MANAGED_IDENTITY_CLIENT_ID'];
}

export const AZURE_KEYS: TargetKeySet<typeof AZURE_FIELDS> = {
  id: 'azure',
  fields: AZURE_FIELDS,
  required: [
    'azure_location',
    'resource_group_name',
    'key_vault_name',
    'storage_account_name',
    'vnet_cidr',
    'api_vcpu',
    'web_vcpu',
    'worker_vcpu',
    'api_min_replicas',
    'api_max_replicas',
    'web_min_replicas',
    'web_max_replicas',
    'postgres_sku_name',
    'postgres_storage_mb',
    'postgres_backup_retention_days',
    'postgres_database_name',
    'postgres_admin_username',
    'postgres_admin_password_version',
    'redis_sku_name',
    'redis_capacity',
    'log_analytics_retention_days',
  ],
  defaults: {
    azure_location: 'eastus',
    vnet_cidr: '10.30.0.0/16',
    api_vcpu: 0.5,
    web_vcpu: 0.5,
    worker_vcpu: 0.25,
    api_min_replicas: 1,
    api_max_replicas: 3,
    web_min_replicas: 1,
    web_max_replicas: 3,
    postgres_sku_name: 'B_Standard_B1ms',
    postgres_storage_mb: 32768,
    postgres_backup_retention_days: 7,
    postgres_database_name: 'starter',
    postgres_admin_username: 'starter_admin',
    postgres_admin_password_version: 1,
    redis_sku_name: 'Standard',
    redis_capacity: 1,
    log_analytics_retention_days: 30,
  },
  storageProviders: ['azure_blob'],
  derive: deriveAzure,
  // api_secrets and web_secrets name Key Vault secrets (names or secret IDs), never values.
  secretsAreReferences: () => true,
  rules: azureProblems,
  managedEnv: { AZURE_MANAGED_IDENTITY_CLIENT_ID: 'the blueprint (client ID of the API identity)' },
  providedEnv: providedAzureEnv,
  relevance: {
    worker_vcpu: withWorker,
    registry_username: { after: ['registry_login_server'], when: (a) => a.registry_login_server !== undefined, reason: 'only with registry_login_server' },
    registry_password_secret_name: { after: ['registry_username'], when: (a) => a.registry_username !== undefined, reason: 'only with registry_username' },
  },
};

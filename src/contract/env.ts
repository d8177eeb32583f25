/**
 * The env contract: which environment variables each service gets, derived from the contract.
 * Shared by every target, so the same answers give the same env wherever the app runs.
 */
import { settingRelevant } from './app-env/planned.js';
import { CONTRACT_KEYED_SETTINGS } from './app-env/settings.js';
import type { Contract } from './contract.js';
import { APP_ENVIRONMENT } from './literals.js';

export interface EnvVar {
  name: string;
  value: string;
  /** Where the value comes from: `answer:<key>`, `default`, or a derivation rule. */
  from: string;
}

export interface ServiceEnv {
  api: EnvVar[];
  web: EnvVar[];
  /** Present only in the dedicated worker topology. */
  worker?: EnvVar[];
}

export interface TargetEnvExtras {
  /** Bare host names the API is reached by (no ports: the API matches the Host header without its port), besides the host of api_base_url. */
  apiHosts: readonly string[];
  /** Extra API env a target sets (e.g. the MinIO endpoint on a single server). */
  api?: readonly EnvVar[];
}

export const API_PORT = 8000;
export const WEB_PORT = 3000;

/** Env names the generator sets itself; answers may not set them through api_env/web_env. */
export const MANAGED_ENV = {
  ENVIRONMENT: 'environment',
  APP_PUBLIC_URL: 'app_public_url',
  API_BASE_URL: 'api_base_url',
  SECRETS_PROVIDER: 'secrets_provider',
  AUTH_KEY_STORAGE_BACKEND: 'auth_key_storage_backend',
  AUTH_KEY_STORAGE_PROVIDER: 'auth_key_storage_provider',
  AUTH_KEY_SECRET_NAME: 'auth_key_secret_name',
  STORAGE_PROVIDER: 'storage_provider',
  S3_BUCKET: 'storage_bucket_name',
  GCS_BUCKET: 'storage_bucket_name',
  AZURE_BLOB_CONTAINER: 'storage_bucket_name',
  STORAGE_BUCKET_PREFIX: 'storage_bucket_name',
  ALLOWED_HOSTS: 'the target (every host name the API is reached by) and api_base_url',
  MINIO_SECURE: 'minio_endpoint (its scheme)',
  ALLOWED_ORIGINS: 'app_public_url',
  PORT: 'the target (api 8000, web 3000)',
  ENABLE_BILLING_RETRY_WORKER: 'enable_worker',
  ENABLE_BILLING_STREAM_REPLAY: 'enable_worker',
  BILLING_RETRY_DEPLOYMENT_MODE: 'enable_worker',
  VAULT_VERIFY_ENABLED: 'environment',
  AUTO_RUN_MIGRATIONS: 'the runbook (migrations run out of band)',
  NODE_ENV: 'the target',
  HOSTNAME: 'the target',
  AGENT_FORCE_SECURE_COOKIES: 'app_public_url',
  AGENT_ALLOW_INSECURE_COOKIES: 'app_public_url',
} as const;

/** Env names set by a contract key of their own (the provider and storage settings). */
export const CONTRACT_KEYED_ENV: Readonly<Record<string, string>> = Object.fromEntries(CONTRACT_KEYED_SETTINGS.map((s) => [s.name, s.contractKey ?? '']));

const answer = (key: keyof Contract) => `answer:${key}`;

function storageEnv(contract: Contract): EnvVar[] {
  const bucket = (name: string): EnvVar => ({ name, value: contract.storage_bucket_name, from: answer('storage_bucket_name') });
  const env: EnvVar[] = [{ name: 'STORAGE_PROVIDER', value: contract.storage_provider, from: answer('storage_provider') }];
  switch (contract.storage_provider) {
    case 's3':
      env.push(bucket('S3_BUCKET'));
      break;
    case 'gcs':
      env.push(bucket('GCS_BUCKET'));
      break;
    case 'azure_blob':
      env.push(bucket('AZURE_BLOB_CONTAINER'));
      break;
    case 'minio':
      env.push(bucket('STORAGE_BUCKET_PREFIX'));
      if (contract.minio_endpoint) {
        env.push({ name: 'MINIO_SECURE', value: String(contract.minio_endpoint.startsWith('https://')), from: 'derived: the scheme of minio_endpoint' });
      }
      break;
  }
  return env;
}

/** The provider and storage settings the contract sets by their own keys (defaults derived from other answers included). */
function contractKeyedEnv(contract: Contract): EnvVar[] {
  return CONTRACT_KEYED_SETTINGS.flatMap((setting) => {
    const key = setting.contractKey as keyof Contract;
    const value = contract[key];
    // Written only where the app reads it (the contract warns about a key that has no effect).
    return typeof value === 'string' && settingRelevant(setting, contract as unknown as Record<string, unknown>) ? [{ name: setting.name, value, from: answer(key) }] : [];
  });
}

function billingEnv(role: 'api' | 'worker', enableWorker: boolean): EnvVar[] {
  // Dedicated topology: only the worker retries and replays billing events (seed OPS-002).
  const runsBilling = role === 'worker' || !enableWorker;
  const from = 'derived: enable_worker (dedicated worker topology)';
  return [
    { name: 'ENABLE_BILLING_RETRY_WORKER', value: String(runsBilling), from },
    { name: 'ENABLE_BILLING_STREAM_REPLAY', value: String(runsBilling), from },
    { name: 'BILLING_RETRY_DEPLOYMENT_MODE', value: enableWorker ? 'dedicated' : 'inline', from },
  ];
}

function hostnameOf(url: string): string {
  return new URL(url).hostname;
}

function userEnv(map: Record<string, string>, key: 'api_env' | 'web_env'): EnvVar[] {
  return Object.keys(map)
    .sort()
    .map((name) => ({ name, value: map[name] ?? '', from: `answer:${key}.${name}` }));
}

export function deriveServiceEnv(contract: Contract, extras: TargetEnvExtras): ServiceEnv {
  const hosted = contract.environment !== 'dev';
  const secure = new URL(contract.app_public_url).protocol === 'https:';
  const apiHosts = [...new Set([hostnameOf(contract.api_base_url), ...extras.apiHosts])];
  const keyStorage: EnvVar[] = [
    { name: 'AUTH_KEY_STORAGE_BACKEND', value: contract.auth_key_storage_backend, from: answer('auth_key_storage_backend') },
  ];
  if (contract.auth_key_storage_backend === 'secret-manager') {
    keyStorage.push(
      {
        name: 'AUTH_KEY_STORAGE_PROVIDER',
        value: contract.auth_key_storage_provider ?? contract.secrets_provider,
        from: 'answer:auth_key_storage_provider (default secrets_provider)',
      },
      { name: 'AUTH_KEY_SECRET_NAME', value: contract.auth_key_secret_name ?? '', from: answer('auth_key_secret_name') },
    );
  }
  const apiBase = (role: 'api' | 'worker'): EnvVar[] => [
    { name: 'ENVIRONMENT', value: APP_ENVIRONMENT[contract.environment], from: answer('environment') },
    { name: 'APP_PUBLIC_URL', value: contract.app_public_url, from: answer('app_public_url') },
    { name: 'API_BASE_URL', value: contract.api_base_url, from: answer('api_base_url') },
    { name: 'SECRETS_PROVIDER', value: contract.secrets_provider, from: answer('secrets_provider') },
    ...keyStorage,
    ...storageEnv(contract),
    ...contractKeyedEnv(contract),
    ...(extras.api ?? []),
    { name: 'ALLOWED_HOSTS', value: apiHosts.join(','), from: 'derived: the host of api_base_url and every host the target reaches the API by' },
    { name: 'ALLOWED_ORIGINS', value: new URL(contract.app_public_url).origin, from: 'derived: origin of app_public_url' },
    { name: 'PORT', value: String(API_PORT), from: 'default' },
    { name: 'AUTO_RUN_MIGRATIONS', value: 'false', from: 'default: migrations run out of band' },
    { name: 'VAULT_VERIFY_ENABLED', value: String(hosted), from: 'derived: environment (hardened outside dev)' },
    ...billingEnv(role, contract.enable_worker),
    ...userEnv(contract.api_env, 'api_env'),
  ];
  const web: EnvVar[] = [
    { name: 'NODE_ENV', value: 'production', from: 'default' },
    { name: 'APP_PUBLIC_URL', value: contract.app_public_url, from: answer('app_public_url') },
    { name: 'API_BASE_URL', value: contract.api_base_url, from: answer('api_base_url') },
    { name: 'PORT', value: String(WEB_PORT), from: 'default' },
    { name: 'HOSTNAME', value: '0.0.0.0', from: 'default: listen on all interfaces' },
    { name: 'AGENT_FORCE_SECURE_COOKIES', value: String(secure), from: 'derived: app_public_url is https' },
    { name: 'AGENT_ALLOW_INSECURE_COOKIES', value: String(!secure), from: 'derived: app_public_url is http' },
    ...userEnv(contract.web_env, 'web_env'),
  ];
  return {
    api: apiBase('api'),
    web,
    ...(contract.enable_worker ? { worker: apiBase('worker') } : {}),
  };
}

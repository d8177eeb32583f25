/**
 * Upper-case env keys that the reference console's answers files use, mapped onto contract keys.
 * Each alias returns the contract entries it sets, or a message when its value has no mapping.
 */
import { CONTRACT_KEYED_SETTINGS } from './app-env/settings.js';

type AliasResult = { set: Record<string, unknown> } | { error: string };
type Alias = (value: unknown) => AliasResult;

const to =
  (key: string): Alias =>
  (value) => ({ set: { [key]: value } });

const choice =
  (key: string, mapping: Record<string, unknown>): Alias =>
  (value) => {
    const normalized = String(value).trim().toLowerCase();
    return Object.hasOwn(mapping, normalized)
      ? { set: { [key]: mapping[normalized] } }
      : { error: `has no mapping for ${JSON.stringify(value)}; expected one of ${Object.keys(mapping).join(', ')}` };
  };

const hostUrl =
  (key: string): Alias =>
  (value) => ({ set: { [key]: `https://${String(value).trim()}` } });

export const ALIASES: Record<string, Alias> = {
  PROJECT_NAME: to('project_name'),
  ENVIRONMENT: choice('environment', { development: 'dev', dev: 'dev', staging: 'staging', production: 'prod', prod: 'prod' }),
  API_IMAGE: to('api_image'),
  WEB_IMAGE: to('web_image'),
  WORKER_IMAGE: to('worker_image'),
  API_BASE_URL: to('api_base_url'),
  APP_PUBLIC_URL: to('app_public_url'),
  SECRETS_PROVIDER: to('secrets_provider'),
  AUTH_KEY_STORAGE_BACKEND: to('auth_key_storage_backend'),
  AUTH_KEY_STORAGE_PROVIDER: to('auth_key_storage_provider'),
  AUTH_KEY_SECRET_NAME: to('auth_key_secret_name'),
  STORAGE_PROVIDER: to('storage_provider'),
  S3_BUCKET: to('storage_bucket_name'),
  GCS_BUCKET: to('storage_bucket_name'),
  AZURE_BLOB_CONTAINER: to('storage_bucket_name'),
  // The contract's earlier name for s3_region.
  STORAGE_REGION: to('s3_region'),
  // The provider and storage settings: their upper-case env names set their contract keys.
  ...Object.fromEntries(CONTRACT_KEYED_SETTINGS.map((s) => [s.name, to(s.contractKey ?? '')])),
  CADDY_EMAIL: to('acme_email'),
  APP_HOST: hostUrl('app_public_url'),
  API_HOST: hostUrl('api_public_url'),
  BILLING_RETRY_DEPLOYMENT_MODE: choice('enable_worker', { dedicated: true, inline: false }),
  STARTER_LOCAL_DATABASE_MODE: choice('local_postgres', { compose: true, external: false }),
  DATABASE_URL: (value) => ({ set: { 'api_secrets.DATABASE_URL': value } }),
  REDIS_URL: (value) => ({ set: { 'api_secrets.REDIS_URL': value } }),
};

export function findAlias(key: string): Alias | undefined {
  const upper = key.trim().toUpperCase();
  return Object.hasOwn(ALIASES, upper) ? ALIASES[upper] : undefined;
}

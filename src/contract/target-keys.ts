/** Which keys each target requires, and the defaults that hold for every preset of that target. */
import type { FieldKey } from './fields.js';
import type { StorageProvider, TargetId } from './literals.js';

export interface TargetKeys {
  required: readonly FieldKey[];
  defaults: Partial<Record<FieldKey, unknown>>;
  storageProviders: readonly StorageProvider[];
}

const SHARED_REQUIRED = [
  'preset',
  'project_name',
  'environment',
  'api_image',
  'web_image',
  'worker_image',
  'enable_worker',
  'api_base_url',
  'app_public_url',
  'secrets_provider',
  'auth_key_storage_backend',
  'api_env',
  'web_env',
  'api_secrets',
  'web_secrets',
  'storage_provider',
  'storage_bucket_name',
] as const satisfies readonly FieldKey[];

const SHARED_DEFAULTS: Partial<Record<FieldKey, unknown>> = {
  enable_worker: false,
  auth_key_storage_backend: 'secret-manager',
  api_env: {},
  web_env: {},
  web_secrets: {},
};

export const TARGET_KEYS: Record<TargetId, TargetKeys> = {
  vps: {
    required: [...SHARED_REQUIRED, 'acme_email', 'local_postgres', 'local_redis', 'backup_retention_days', 'caddy_image', 'postgres_image', 'redis_image', 'minio_image'],
    defaults: {
      ...SHARED_DEFAULTS,
      local_postgres: true,
      local_redis: true,
      backup_retention_days: 14,
      caddy_image: 'caddy:2.8.4',
      postgres_image: 'postgres:16',
      redis_image: 'redis:7',
      minio_image: 'bigbeartechworld/big-bear-minio:RELEASE.2025-10-15T17-29-55Z',
    },
    storageProviders: ['s3', 'minio'],
  },
  other: {
    required: SHARED_REQUIRED,
    defaults: SHARED_DEFAULTS,
    storageProviders: ['s3', 'azure_blob', 'gcs', 'minio'],
  },
};

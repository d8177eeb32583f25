/**
 * Every key of the deployment contract, as data: its zod schema, what it means, which targets use it.
 * The answers-file JSON Schema, the contract docs and the wizard's questions are all derived from this.
 */
import { z } from 'zod';
import {
  ENVIRONMENTS,
  KEY_STORAGE_BACKENDS,
  SECRETS_PROVIDERS,
  STORAGE_PROVIDERS,
  type TargetId,
} from './literals.js';
import {
  bucketName,
  email,
  envName,
  envValue,
  httpUrl,
  imageRef,
  projectName,
  secretName,
  secretValue,
  siteUrl,
} from './formats.js';

export interface FieldSpec {
  schema: z.ZodType;
  description: string;
  /** Targets that read this key; `all` for the shared contract. */
  targets: 'all' | readonly TargetId[];
  /** Hidden in the wizard unless advanced questions are shown. */
  advanced?: boolean;
  /** Values of this map are secret values or references: redacted in the answers file, never printed. */
  secretValues?: boolean;
}

const envMap = z.record(envName, envValue);
const secretMap = z.record(envName, secretValue);

export const FIELDS = {
  preset: {
    schema: z.string().regex(/^[a-z0-9-]+$/, 'must be a preset name (see `starter-console presets list`)'),
    description: 'Preset (deployment target and its defaults), e.g. vps or other.',
    targets: 'all',
  },
  project_name: {
    schema: projectName,
    description: 'Short name of the deployment; names containers, volumes and resources.',
    targets: 'all',
  },
  environment: {
    schema: z.enum(ENVIRONMENTS),
    description: 'Deployment environment: dev, staging or prod.',
    targets: 'all',
  },
  api_image: {
    schema: imageRef,
    description: 'Image of the FastAPI service, e.g. ghcr.io/acme/api:1.4.2.',
    targets: 'all',
  },
  web_image: {
    schema: imageRef,
    description: 'Image of the Next.js web app (the BFF), e.g. ghcr.io/acme/web:1.4.2.',
    targets: 'all',
  },
  worker_image: {
    schema: imageRef,
    description: 'Image of the billing worker; defaults to api_image.',
    targets: 'all',
  },
  enable_worker: {
    schema: z.boolean(),
    description:
      'Run the billing retry worker as its own service (dedicated topology). The API then stops retrying and replaying billing events itself.',
    targets: 'all',
  },
  api_base_url: {
    schema: httpUrl,
    description: 'URL the web app uses to reach the API server-to-server (API_BASE_URL).',
    targets: 'all',
  },
  app_public_url: {
    schema: siteUrl,
    description: 'Public URL of the web app (APP_PUBLIC_URL); https in staging and prod.',
    targets: 'all',
  },
  secrets_provider: {
    schema: z.enum(SECRETS_PROVIDERS),
    description: 'Secrets provider the API reads its signing secret from (SECRETS_PROVIDER).',
    targets: 'all',
  },
  auth_key_storage_backend: {
    schema: z.enum(KEY_STORAGE_BACKENDS),
    description: 'Where auth signing keys are stored: secret-manager (required in staging and prod) or file (dev only).',
    targets: 'all',
  },
  auth_key_storage_provider: {
    schema: z.enum(SECRETS_PROVIDERS),
    description: 'Secrets provider that stores the auth keys; defaults to secrets_provider.',
    targets: 'all',
  },
  auth_key_secret_name: {
    schema: secretName,
    description: 'Name of the secret holding the auth keyset in the key storage provider (AUTH_KEY_SECRET_NAME).',
    targets: 'all',
  },
  api_env: {
    schema: envMap,
    description: 'Extra non-secret environment for the API (and the worker). Secrets belong in api_secrets.',
    targets: 'all',
  },
  web_env: {
    schema: envMap,
    description: 'Extra non-secret environment for the web app. Secrets belong in web_secrets.',
    targets: 'all',
  },
  api_secrets: {
    schema: secretMap,
    description:
      'Secret environment for the API (and the worker): env name to secret reference or value. Must provide DATABASE_URL and REDIS_URL.',
    targets: 'all',
    secretValues: true,
  },
  web_secrets: {
    schema: secretMap,
    description: 'Secret environment for the web app: env name to secret reference or value.',
    targets: 'all',
    secretValues: true,
  },
  storage_provider: {
    schema: z.enum(STORAGE_PROVIDERS),
    description: 'Object storage: s3, azure_blob, gcs or minio (must fit the target).',
    targets: 'all',
  },
  storage_bucket_name: {
    schema: bucketName,
    description: 'Bucket (or container) for object storage.',
    targets: 'all',
  },
  storage_region: {
    schema: z.string().regex(/^[a-z0-9-]{2,32}$/, 'must be a region name such as eu-west-1'),
    description: 'Region of the S3 bucket (S3_REGION); S3 only.',
    targets: 'all',
    advanced: true,
  },
  acme_email: {
    schema: email,
    description: 'Email for the ACME account Caddy uses to obtain TLS certificates.',
    targets: ['vps'],
  },
  api_public_url: {
    schema: siteUrl,
    description: 'Optional separate public host for the API, for server-to-server clients only (browsers use the web app).',
    targets: ['vps'],
  },
  local_postgres: {
    schema: z.boolean(),
    description: 'Run Postgres 16 on the server (otherwise DATABASE_URL points to a managed database).',
    targets: ['vps'],
  },
  local_redis: {
    schema: z.boolean(),
    description: 'Run Redis 7 on the server (otherwise REDIS_URL points to a managed Redis).',
    targets: ['vps'],
  },
  backup_retention_days: {
    schema: z.number().int().min(1).max(3650),
    description: 'Days the backup scripts keep local backups.',
    targets: ['vps'],
    advanced: true,
  },
  caddy_image: {
    schema: imageRef,
    description: 'Caddy image (a pinned 2.x tag).',
    targets: ['vps'],
    advanced: true,
  },
  postgres_image: {
    schema: imageRef,
    description: 'Postgres image used when local_postgres is on.',
    targets: ['vps'],
    advanced: true,
  },
  redis_image: {
    schema: imageRef,
    description: 'Redis image used when local_redis is on.',
    targets: ['vps'],
    advanced: true,
  },
  minio_image: {
    schema: imageRef,
    description: 'MinIO image used when storage_provider is minio.',
    targets: ['vps'],
    advanced: true,
  },
} as const satisfies Record<string, FieldSpec>;

export type FieldKey = keyof typeof FIELDS;
export const FIELD_KEYS = Object.keys(FIELDS) as FieldKey[];

export function isFieldKey(key: string): key is FieldKey {
  return Object.hasOwn(FIELDS, key);
}

export function fieldAppliesTo(key: FieldKey, target: TargetId): boolean {
  const targets: FieldSpec['targets'] = FIELDS[key].targets;
  return targets === 'all' || targets.includes(target);
}

/** Map-valued keys: merged key by key across sources, addressable with dotted `--var` keys. */
export const MAP_KEYS = ['api_env', 'web_env', 'api_secrets', 'web_secrets'] as const satisfies readonly FieldKey[];
export type MapKey = (typeof MAP_KEYS)[number];
export function isMapKey(key: string): key is MapKey {
  return (MAP_KEYS as readonly string[]).includes(key);
}

export const BOOLEAN_KEYS = ['enable_worker', 'local_postgres', 'local_redis'] as const satisfies readonly FieldKey[];
export const NUMBER_KEYS = ['backup_retention_days'] as const satisfies readonly FieldKey[];

/**
 * The keys of the deployment contract that every target reads, as data: its zod schema, what it
 * means. A key that only one target reads lives in that target's folder (src/targets/<target>/keys.ts);
 * src/targets/keys.ts joins both into the one contract that the answers-file JSON Schema, the contract
 * docs and the wizard's questions are derived from.
 */
import { z } from 'zod';
import { ENVIRONMENTS, KEY_STORAGE_BACKENDS, SECRETS_PROVIDERS, STORAGE_PROVIDERS, type TargetId } from './literals.js';
import { bucketName, envName, envValue, httpUrl, imageRef, projectName, secretName, secretValue, siteUrl } from './formats.js';
import { APP_FIELDS } from './fields-app.js';

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

export const SHARED_FIELDS = {
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
      'Secret environment for the API (and the worker): env name to secret value, or (k8s with External Secrets) to its key in the store (key or key#property). Must provide DATABASE_URL and REDIS_URL.',
    targets: 'all',
    secretValues: true,
  },
  web_secrets: {
    schema: secretMap,
    description: 'Secret environment for the web app: env name to secret value, or (k8s with External Secrets) to its key in the store.',
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
  ...APP_FIELDS,
  api_public_url: {
    schema: siteUrl,
    description: 'Optional separate public host for the API, for server-to-server clients only (browsers use the web app).',
    targets: ['vps', 'aws', 'azure', 'gcp'],
  },
} as const satisfies Record<string, FieldSpec>;

export type SharedFieldKey = keyof typeof SHARED_FIELDS;

/** Map-valued keys: merged key by key across sources, addressable with dotted `--var` keys. */
export const MAP_KEYS = ['api_env', 'web_env', 'api_secrets', 'web_secrets'] as const satisfies readonly SharedFieldKey[];
export type MapKey = (typeof MAP_KEYS)[number];
export function isMapKey(key: string): key is MapKey {
  return (MAP_KEYS as readonly string[]).includes(key);
}

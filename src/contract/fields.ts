/**
 * Every key of the deployment contract, as data: its zod schema, what it means, which targets use it.
 * The answers-file JSON Schema, the contract docs and the wizard's questions are all derived from this.
 */
import { z } from 'zod';
import {
  ENVIRONMENTS,
  KEY_STORAGE_BACKENDS,
  SECRET_STORE_KINDS,
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
  ingressHost,
  k8sName,
  namespaceName,
  projectName,
  resources,
  secretName,
  secretValue,
  siteUrl,
} from './formats.js';
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

const hostList = (what: string) =>
  z
    .array(ingressHost)
    .min(1, `list at least one ${what}`)
    .refine((hosts) => new Set(hosts).size === hosts.length, 'must not list a host twice');
const replicas = z.number().int().min(1).max(100);

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
  namespace: {
    schema: namespaceName,
    description: 'Kubernetes namespace of the release; defaults to project_name.',
    targets: ['k8s'],
  },
  ingress_enabled: {
    schema: z.boolean(),
    description: 'Create the Ingress for ingress_hosts (and api_hosts). Off: expose the web Service yourself.',
    targets: ['k8s'],
  },
  ingress_hosts: {
    schema: hostList('app host'),
    description:
      'App hosts the Ingress serves; every path, /api included, goes to the web app (the BFF). Defaults to the host of app_public_url, which must be one of them.',
    targets: ['k8s'],
  },
  ingress_class_name: {
    schema: k8sName,
    description: 'IngressClass of the Ingress (e.g. nginx); unset uses the cluster default class.',
    targets: ['k8s'],
  },
  tls_secret_name: {
    schema: k8sName,
    description: 'Secret holding the TLS certificate of ingress_hosts; defaults to <project_name>-tls when app_public_url is https.',
    targets: ['k8s'],
  },
  tls_cluster_issuer: {
    schema: k8sName,
    description: 'cert-manager ClusterIssuer that fills the TLS secrets (adds the cert-manager.io/cluster-issuer annotation); unset: you provide the secrets.',
    targets: ['k8s'],
  },
  api_hosts: {
    schema: hostList('API host'),
    description: 'Optional API hosts for server-to-server clients only (browsers use the web app); a second Ingress routes them to the API.',
    targets: ['k8s'],
  },
  external_secrets_enabled: {
    schema: z.boolean(),
    description:
      'Read api_secrets and web_secrets through the External Secrets Operator (their values are then keys in the store). Off: plain Kubernetes Secrets whose values are written only with --include-secrets.',
    targets: ['k8s'],
  },
  external_secrets_store: {
    schema: k8sName,
    description: 'Name of the External Secrets store (ClusterSecretStore or SecretStore) that holds the secrets.',
    targets: ['k8s'],
  },
  external_secrets_store_kind: {
    schema: z.enum(SECRET_STORE_KINDS),
    description: 'Kind of external_secrets_store: ClusterSecretStore (cluster-wide) or SecretStore (in the namespace).',
    targets: ['k8s'],
  },
  migrations_job: {
    schema: z.boolean(),
    description:
      'Run `alembic -c alembic.ini upgrade heads` as a pre-install/pre-upgrade Helm hook Job before the API rolls out. Off: run it yourself before each helm upgrade (see the runbook).',
    targets: ['k8s'],
    advanced: true,
  },
  api_replicas: {
    schema: replicas,
    description: 'Replicas of the API (the minimum is autoscaling_min_replicas when autoscaling is on).',
    targets: ['k8s'],
    advanced: true,
  },
  web_replicas: {
    schema: replicas,
    description: 'Replicas of the web app (the minimum is autoscaling_min_replicas when autoscaling is on).',
    targets: ['k8s'],
    advanced: true,
  },
  worker_replicas: {
    schema: replicas,
    description: 'Replicas of the billing worker. Every worker replica retries and replays billing events: keep 1 unless the app coordinates them.',
    targets: ['k8s'],
    advanced: true,
  },
  api_resources: {
    schema: resources,
    description: 'CPU and memory requests and limits of the API: {requests: {cpu, memory}, limits: {cpu, memory}}.',
    targets: ['k8s'],
    advanced: true,
  },
  web_resources: {
    schema: resources,
    description: 'CPU and memory requests and limits of the web app.',
    targets: ['k8s'],
    advanced: true,
  },
  worker_resources: {
    schema: resources,
    description: 'CPU and memory requests and limits of the billing worker.',
    targets: ['k8s'],
    advanced: true,
  },
  autoscaling_enabled: {
    schema: z.boolean(),
    description: 'Scale the API and the web app on CPU with HorizontalPodAutoscalers (autoscaling/v2).',
    targets: ['k8s'],
    advanced: true,
  },
  autoscaling_min_replicas: {
    schema: replicas,
    description: 'Minimum replicas of the API and of the web app when autoscaling is on.',
    targets: ['k8s'],
    advanced: true,
  },
  autoscaling_max_replicas: {
    schema: replicas,
    description: 'Maximum replicas of the API and of the web app when autoscaling is on.',
    targets: ['k8s'],
    advanced: true,
  },
  autoscaling_target_cpu: {
    schema: z.number().int().min(1).max(100),
    description: 'Average CPU utilisation (percent of requests) the autoscalers aim for.',
    targets: ['k8s'],
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

export const BOOLEAN_KEYS = ['enable_worker', 'local_postgres', 'local_redis', 'ingress_enabled', 'external_secrets_enabled', 'autoscaling_enabled', 'migrations_job'] as const satisfies readonly FieldKey[];
export const NUMBER_KEYS = [
  'backup_retention_days',
  'api_replicas',
  'web_replicas',
  'worker_replicas',
  'autoscaling_min_replicas',
  'autoscaling_max_replicas',
  'autoscaling_target_cpu',
] as const satisfies readonly FieldKey[];
/** List-valued keys: a later source replaces the whole list; a string is read as a comma-separated list. */
export const LIST_KEYS = ['ingress_hosts', 'api_hosts'] as const satisfies readonly FieldKey[];

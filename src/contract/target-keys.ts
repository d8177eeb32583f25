/** Which keys each target requires, and the defaults that hold for every preset of that target. */
import type { FieldKey } from './fields.js';
import type { StorageProvider, TargetId } from './literals.js';

type Answers = Record<string, unknown>;

export interface TargetKeys {
  required: readonly FieldKey[];
  defaults: Partial<Record<FieldKey, unknown>>;
  storageProviders: readonly StorageProvider[];
  /**
   * Defaults computed from other answers (after the merge, before validation); only keys the answers
   * leave unset. Reads the answers defensively: they may be invalid. A key it cannot derive (its source
   * is missing or invalid) is returned as undefined, so that only the source is reported.
   */
  derive?: (answers: Answers) => Partial<Record<FieldKey, unknown>>;
  /**
   * True when api_secrets/web_secrets hold references (keys in a secret store), not secret values.
   * Here, not only on the target, so the wizard knows it without loading the target; reads the
   * answers defensively (a wizard's may be partial). Default: values.
   */
  secretsAreReferences?: (answers: Answers) => boolean;
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
  // Missing secrets are reported entry by entry (api_secrets.DATABASE_URL ...), not as a missing map.
  api_secrets: {},
  web_secrets: {},
};

const K8S_RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1000m', memory: '1Gi' } };

function urlOf(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Kubernetes defaults that follow from other answers: the namespace and the in-cluster API URL from
 * the project name (the chart names the API Service <project_name>-api), the ingress host and the
 * TLS secret from app_public_url.
 */
function deriveK8s(answers: Answers): Partial<Record<FieldKey, unknown>> {
  const project = typeof answers.project_name === 'string' ? answers.project_name : undefined;
  const app = urlOf(answers.app_public_url);
  return {
    namespace: project,
    api_base_url: project && `http://${project}-api:8000`,
    ingress_hosts: app && [app.hostname],
    tls_secret_name: project && app?.protocol === 'https:' ? `${project}-tls` : undefined,
  };
}

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
  k8s: {
    required: [
      ...SHARED_REQUIRED,
      'namespace',
      'ingress_enabled',
      'ingress_hosts',
      'external_secrets_enabled',
      'external_secrets_store_kind',
      'migrations_job',
      'api_replicas',
      'web_replicas',
      'worker_replicas',
      'api_resources',
      'web_resources',
      'worker_resources',
      'autoscaling_enabled',
      'autoscaling_min_replicas',
      'autoscaling_max_replicas',
      'autoscaling_target_cpu',
    ],
    defaults: {
      ...SHARED_DEFAULTS,
      ingress_enabled: true,
      external_secrets_enabled: true,
      external_secrets_store_kind: 'ClusterSecretStore',
      migrations_job: true,
      api_replicas: 2,
      web_replicas: 2,
      worker_replicas: 1,
      api_resources: K8S_RESOURCES,
      web_resources: K8S_RESOURCES,
      worker_resources: K8S_RESOURCES,
      autoscaling_enabled: false,
      autoscaling_min_replicas: 2,
      autoscaling_max_replicas: 10,
      autoscaling_target_cpu: 80,
    },
    storageProviders: ['s3', 'azure_blob', 'gcs', 'minio'],
    derive: deriveK8s,
    secretsAreReferences: (answers) => answers.external_secrets_enabled === true,
  },
  other: {
    required: SHARED_REQUIRED,
    defaults: SHARED_DEFAULTS,
    storageProviders: ['s3', 'azure_blob', 'gcs', 'minio'],
  },
};

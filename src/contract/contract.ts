/** The validated deployment contract every target view reads. */
import type { AppFieldKey } from './fields-app.js';
import type { Resources } from './formats.js';
import type { Environment, KeyStorageBackend, SecretStoreKind, SecretsProvider, StorageProvider, TargetId } from './literals.js';

export interface Contract extends Partial<Record<AppFieldKey, string>> {
  preset: string;
  target: TargetId;
  project_name: string;
  environment: Environment;
  api_image: string;
  web_image: string;
  worker_image: string;
  enable_worker: boolean;
  api_base_url: string;
  app_public_url: string;
  secrets_provider: SecretsProvider;
  auth_key_storage_backend: KeyStorageBackend;
  auth_key_storage_provider?: SecretsProvider;
  auth_key_secret_name?: string;
  api_env: Record<string, string>;
  web_env: Record<string, string>;
  api_secrets: Record<string, string>;
  web_secrets: Record<string, string>;
  storage_provider: StorageProvider;
  storage_bucket_name: string;
  // vps
  acme_email?: string;
  api_public_url?: string;
  local_postgres?: boolean;
  local_redis?: boolean;
  backup_retention_days?: number;
  caddy_image?: string;
  postgres_image?: string;
  redis_image?: string;
  minio_image?: string;
  // k8s
  namespace?: string;
  ingress_enabled?: boolean;
  ingress_hosts?: string[];
  ingress_class_name?: string;
  tls_secret_name?: string;
  tls_cluster_issuer?: string;
  api_hosts?: string[];
  external_secrets_enabled?: boolean;
  external_secrets_store?: string;
  external_secrets_store_kind?: SecretStoreKind;
  migrations_job?: boolean;
  api_replicas?: number;
  web_replicas?: number;
  worker_replicas?: number;
  api_resources?: Resources;
  web_resources?: Resources;
  worker_resources?: Resources;
  autoscaling_enabled?: boolean;
  autoscaling_min_replicas?: number;
  autoscaling_max_replicas?: number;
  autoscaling_target_cpu?: number;
}

/** Narrow an optional contract field that the target's required keys guarantee. */
export function required<K extends keyof Contract>(contract: Contract, key: K): NonNullable<Contract[K]> {
  const value = contract[key];
  if (value === undefined || value === null) throw new Error(`internal: contract key ${String(key)} is missing`);
  return value as NonNullable<Contract[K]>;
}

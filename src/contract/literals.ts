/** Literal sets shared by the contract, the targets and the docs. Values are facts of the starter. */
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The value the applications read in `ENVIRONMENT`. */
export const APP_ENVIRONMENT: Record<Environment, string> = {
  dev: 'development',
  staging: 'staging',
  prod: 'production',
};

export const SECRETS_PROVIDERS = [
  'vault_dev',
  'vault_hcp',
  'infisical_cloud',
  'infisical_self_host',
  'aws_sm',
  'azure_kv',
  'gcp_sm',
] as const;
export type SecretsProvider = (typeof SECRETS_PROVIDERS)[number];

export const STORAGE_PROVIDERS = ['s3', 'azure_blob', 'gcs', 'minio'] as const;
export type StorageProvider = (typeof STORAGE_PROVIDERS)[number];

export const KEY_STORAGE_BACKENDS = ['file', 'secret-manager'] as const;
export type KeyStorageBackend = (typeof KEY_STORAGE_BACKENDS)[number];

export const TARGET_IDS = ['vps', 'k8s', 'other', 'aws', 'azure', 'gcp'] as const;
export type TargetId = (typeof TARGET_IDS)[number];

/** Env names the API reads its database and cache from; they may only ever be secrets. */
export const CONNECTION_SECRETS = ['DATABASE_URL', 'REDIS_URL'] as const;

/** Kinds of External Secrets Operator store an ExternalSecret can reference. */
export const SECRET_STORE_KINDS = ['ClusterSecretStore', 'SecretStore'] as const;
export type SecretStoreKind = (typeof SECRET_STORE_KINDS)[number];

/**
 * The validated deployment contract: the keys every target reads. A target's own keys are typed in
 * its folder (e.g. `VpsContract = Contract & VpsKeys` in src/targets/vps/keys.ts).
 */
import type { AppFieldKey } from './fields-app.js';
import type { Environment, KeyStorageBackend, SecretsProvider, StorageProvider, TargetId } from './literals.js';

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
  /** The API's own public host (vps, aws); unset keeps the API private. */
  api_public_url?: string;
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
}

/** Narrow an optional contract field that the target's required keys guarantee. */
export function required<C extends Contract, K extends keyof C>(contract: C, key: K): NonNullable<C[K]> {
  const value = contract[key];
  if (value === undefined || value === null) throw new Error(`internal: contract key ${String(key)} is missing`);
  return value as NonNullable<C[K]>;
}

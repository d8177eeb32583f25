/**
 * When a contract key matters, beyond "the target reads it": data the wizard uses to skip questions
 * that cannot change the bundle (and to order them after the keys they depend on). A key without an
 * entry matters whenever its target reads it. Keys that a cross-field rule requires (e.g.
 * auth_key_secret_name with secret-manager key storage) are found from the rules themselves.
 */
import { describe, holds } from './app-env/conditions.js';
import { appDerivedDefaults, plannedApiEnv, relevantWhen } from './app-env/planned.js';
import { appSetting } from './app-env/settings.js';
import { APP_FIELD_KEYS, type AppFieldKey } from './fields-app.js';
import type { FieldKey } from './fields.js';

type Answers = Record<string, unknown>;

export interface Relevance {
  /** Keys the condition reads: the wizard asks this key after them. */
  after: readonly FieldKey[];
  /** True when the key can change the bundle, given the (merged, possibly partial) answers. */
  when(answers: Answers): boolean;
  /** Why, for docs and the wizard's messages. */
  reason: string;
}

const secretManagerKeys: Relevance = {
  after: ['auth_key_storage_backend'],
  when: (a) => a.auth_key_storage_backend === 'secret-manager',
  reason: 'only with auth_key_storage_backend secret-manager',
};

const withWorker: Relevance = { after: ['enable_worker'], when: (a) => a.enable_worker === true, reason: 'only with enable_worker' };
const withIngress: Relevance = { after: ['ingress_enabled'], when: (a) => a.ingress_enabled !== false, reason: 'only with ingress_enabled' };
const withExternalSecrets: Relevance = { after: ['external_secrets_enabled'], when: (a) => a.external_secrets_enabled !== false, reason: 'only with external_secrets_enabled' };
const withAutoscaling: Relevance = { after: ['autoscaling_enabled'], when: (a) => a.autoscaling_enabled === true, reason: 'only with autoscaling_enabled' };

const PROVIDER_KEYS: readonly FieldKey[] = ['environment', 'secrets_provider', 'auth_key_storage_backend', 'auth_key_storage_provider', 'auth_key_secret_name', 'storage_provider'];
const ASK_AFTER: Partial<Record<AppFieldKey, readonly FieldKey[]>> = { gcp_sm_project_id: ['gcp_sm_signing_secret_name', 'gcp_project_id'] };

/** A provider or storage key matters when the app reads its setting: when it requires it, or (optional ones) when its provider is used. */
function appFieldRelevance(): Partial<Record<FieldKey, Relevance>> {
  return Object.fromEntries(
    APP_FIELD_KEYS.map((key) => {
      const setting = appSetting(key.toUpperCase());
      if (!setting) throw new Error(`internal: no app setting for ${key}`);
      const condition = relevantWhen(setting);
      const relevance: Relevance = { after: [...PROVIDER_KEYS, ...(ASK_AFTER[key] ?? [])], when: (a) => holds(condition, plannedApiEnv(a)), reason: `only when ${describe(condition)}` };
      return [key, relevance];
    }),
  );
}

export const RELEVANCE: Partial<Record<FieldKey, Relevance>> = {
  worker_image: withWorker,
  worker_replicas: withWorker,
  worker_resources: withWorker,
  auth_key_storage_provider: secretManagerKeys,
  auth_key_secret_name: secretManagerKeys,
  ...appFieldRelevance(),
  postgres_image: { after: ['local_postgres'], when: (a) => a.local_postgres !== false, reason: 'only with local_postgres' },
  redis_image: { after: ['local_redis'], when: (a) => a.local_redis !== false, reason: 'only with local_redis' },
  minio_image: { after: ['storage_provider'], when: (a) => a.storage_provider === 'minio', reason: 'only with storage_provider minio' },
  ingress_hosts: withIngress,
  ingress_class_name: withIngress,
  tls_secret_name: withIngress,
  tls_cluster_issuer: withIngress,
  api_hosts: withIngress,
  external_secrets_store: withExternalSecrets,
  external_secrets_store_kind: withExternalSecrets,
  autoscaling_min_replicas: withAutoscaling,
  autoscaling_max_replicas: withAutoscaling,
  autoscaling_target_cpu: withAutoscaling,
};

/**
 * Defaults computed from another answer. They mirror what resolveContract fills in (a unit test
 * holds the two together), so a prompt can offer the value the contract would get anyway.
 */
export const DERIVED_DEFAULTS: Partial<Record<FieldKey, (answers: Answers) => unknown>> = {
  worker_image: (a) => a.api_image,
  auth_key_storage_provider: (a) => (a.auth_key_storage_backend === 'secret-manager' ? a.secrets_provider : undefined),
  ...Object.fromEntries(['vault_transit_key', 'vault_namespace', 'infisical_base_url', 'infisical_environment', 'infisical_secret_path'].map((key) => [key, (a: Answers) => appDerivedDefaults(a)[key]])),
};

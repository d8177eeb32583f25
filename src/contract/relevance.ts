/**
 * When a contract key matters, beyond "the target reads it": data the wizard uses to skip questions
 * that cannot change the bundle (and to order them after the keys they depend on). A key without an
 * entry matters whenever its target reads it. Keys that a cross-field rule requires (e.g.
 * auth_key_secret_name with secret-manager key storage) are found from the rules themselves. The
 * entries of a target's own keys are in its key set (src/targets/<target>/keys.ts).
 */
import { describe, holds } from './app-env/conditions.js';
import { appDerivedDefaults, plannedApiEnv, relevantWhen } from './app-env/planned.js';
import { appSetting } from './app-env/settings.js';
import { APP_FIELD_KEYS, type AppFieldKey } from './fields-app.js';
import type { SharedFieldKey } from './fields.js';

type Answers = Record<string, unknown>;

export interface Relevance {
  /** Keys the condition reads: the wizard asks this key after them. */
  after: readonly string[];
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

export const withWorker: Relevance = { after: ['enable_worker'], when: (a) => a.enable_worker === true, reason: 'only with enable_worker' };

const PROVIDER_KEYS: readonly SharedFieldKey[] = ['environment', 'secrets_provider', 'auth_key_storage_backend', 'auth_key_storage_provider', 'auth_key_secret_name', 'storage_provider'];
const ASK_AFTER: Partial<Record<AppFieldKey, readonly SharedFieldKey[]>> = { gcp_sm_project_id: ['gcp_sm_signing_secret_name', 'gcp_project_id'] };

/** A provider or storage key matters when the app reads its setting: when it requires it, or (optional ones) when its provider is used. */
function appFieldRelevance(): Partial<Record<AppFieldKey, Relevance>> {
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

/** The shared keys' entries; each target's own are in its key set. */
export const SHARED_RELEVANCE: Readonly<Partial<Record<SharedFieldKey, Relevance>>> = {
  worker_image: withWorker,
  auth_key_storage_provider: secretManagerKeys,
  auth_key_secret_name: secretManagerKeys,
  ...appFieldRelevance(),
};

/**
 * Defaults computed from another answer. They mirror what resolveContract fills in (a unit test
 * holds the two together), so a prompt can offer the value the contract would get anyway.
 */
export const DERIVED_DEFAULTS: Partial<Record<SharedFieldKey, (answers: Answers) => unknown>> = {
  worker_image: (a) => a.api_image,
  auth_key_storage_provider: (a) => (a.auth_key_storage_backend === 'secret-manager' ? a.secrets_provider : undefined),
  ...Object.fromEntries(['vault_transit_key', 'vault_namespace', 'infisical_base_url', 'infisical_environment', 'infisical_secret_path'].map((key) => [key, (a: Answers) => appDerivedDefaults(a)[key]])),
};

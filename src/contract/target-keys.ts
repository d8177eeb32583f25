/**
 * The shape of a target's key set, and the keys and defaults every target shares. Each target
 * defines its own key set in src/targets/<target>/keys.ts (the keys only it reads, which of them it
 * requires, its defaults and rules); src/targets/keys.ts lists them, and contract-spec.ts joins them
 * with the shared keys into the one contract.
 */
import type { z } from 'zod';
import type { Problem } from '../errors.js';
import type { FieldSpec, SharedFieldKey } from './fields.js';
import type { StorageProvider, TargetId } from './literals.js';
import type { Relevance } from './relevance.js';

type Answers = Record<string, unknown>;

/** Everything one target adds to the contract. Pure data and pure functions: zod and src/contract only. */
export interface TargetKeySet<F extends Record<string, FieldSpec> = Record<string, FieldSpec>> {
  id: TargetId;
  /** Keys only this target reads; each names exactly this target in its `targets`. */
  fields: F;
  /** Keys this target requires besides the shared required ones (its own or shared optional ones). */
  required: readonly string[];
  /** Defaults for every preset of this target, over the shared defaults. */
  defaults: Readonly<Record<string, unknown>>;
  storageProviders: readonly StorageProvider[];
  /**
   * Defaults computed from other answers (after the merge, before validation); only keys the answers
   * leave unset. Reads the answers defensively: they may be invalid. A key it cannot derive (its source
   * is missing or invalid) is returned as undefined, so that only the source is reported.
   */
  derive?: (answers: Answers) => Readonly<Record<string, unknown>>;
  /**
   * True when api_secrets/web_secrets hold references (keys in a secret store), not secret values.
   * Here, not only on the target, so the wizard knows it without loading the target; reads the
   * answers defensively (a wizard's may be partial). Default: values.
   */
  secretsAreReferences?: (answers: Answers) => boolean;
  /** Cross-field rules of this target, run after the shared ones (read the answers defensively). */
  rules?: (answers: Answers) => Problem[];
  /** Env names this target sets on top of MANAGED_ENV (env.ts), each with where its value comes from. */
  managedEnv?: Readonly<Record<string, string>>;
  /** App settings the target itself sets for these answers (never asked of the user). */
  providedEnv?: (answers: Answers) => readonly string[];
  /** When this target's keys matter (see relevance.ts); a key without an entry matters whenever the target reads it. */
  relevance?: Readonly<Record<string, Relevance>>;
}

/** A target's key set joined with the shared keys: what the contract functions read per target. */
export interface TargetKeys extends Omit<TargetKeySet, 'fields' | 'relevance'> {
  /** The shared required keys, then the target's. */
  required: readonly string[];
  /** The shared defaults, then the target's. */
  defaults: Readonly<Record<string, unknown>>;
}

/** The contract type of a target's own keys, read from their schemas: every key optional (the target's required keys are narrowed with `required()`). */
export type KeysOf<F extends Record<string, FieldSpec>> = { -readonly [K in keyof F]?: z.output<F[K]['schema']> };

export const SHARED_REQUIRED = [
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
] as const satisfies readonly SharedFieldKey[];

export const SHARED_DEFAULTS: Readonly<Partial<Record<SharedFieldKey, unknown>>> = {
  enable_worker: false,
  auth_key_storage_backend: 'secret-manager',
  api_env: {},
  web_env: {},
  // Missing secrets are reported entry by entry (api_secrets.DATABASE_URL ...), not as a missing map.
  api_secrets: {},
  web_secrets: {},
};

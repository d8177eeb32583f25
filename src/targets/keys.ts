/**
 * The one deployment contract: the shared keys (src/contract/fields.ts) joined with every target's
 * key set (src/targets/<target>/keys.ts). The key sets are imported statically and stay light (zod
 * and src/contract only); the targets themselves are loaded on demand (registry.ts). A new target
 * with keys of its own adds one line to KEY_SETS.
 */
import type { Contract } from '../contract/contract.js';
import { buildContractSpec, fieldAppliesTo as appliesTo, isFieldKey as isKey } from '../contract/contract-spec.js';
import type { FieldSpec, SharedFieldKey } from '../contract/fields.js';
import type { TargetId } from '../contract/literals.js';
import type { Relevance } from '../contract/relevance.js';
import type { KeysOf, TargetKeys, TargetKeySet } from '../contract/target-keys.js';
import { AWS_KEYS } from './aws/keys.js';
import { AZURE_KEYS } from './azure/keys.js';
import { GCP_KEYS } from './gcp/keys.js';
import { K8S_KEYS } from './k8s/keys.js';
import { OTHER_KEYS } from './other/keys.js';
import { VPS_KEYS } from './vps/keys.js';

/** Every target's key set, by id, in the order their keys appear in the contract (docs, schema, wizard). */
export const KEY_SETS = {
  vps: VPS_KEYS,
  k8s: K8S_KEYS,
  other: OTHER_KEYS,
  aws: AWS_KEYS,
  azure: AZURE_KEYS,
  gcp: GCP_KEYS,
} satisfies Record<TargetId, TargetKeySet>;

type KeySet = (typeof KEY_SETS)[TargetId];
type FieldsOf<S> = S extends TargetKeySet<infer F> ? F : never;
type KeysOfEach<U> = U extends unknown ? keyof U : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every contract key: the shared ones and each target's own. */
export type FieldKey = SharedFieldKey | KeysOfEach<FieldsOf<KeySet>>;
/** A valid contract of any target: the shared keys plus every target's own keys (optional). */
export type AnyContract = Contract & Intersection<KeysOf<FieldsOf<KeySet>>>;

export const CONTRACT_SPEC = buildContractSpec(KEY_SETS);

export const FIELDS = CONTRACT_SPEC.fields as Readonly<Record<FieldKey, FieldSpec>>;
export const FIELD_KEYS = CONTRACT_SPEC.fieldKeys as readonly FieldKey[];
export const TARGET_KEYS: Readonly<Record<TargetId, TargetKeys>> = CONTRACT_SPEC.targets;
export const RELEVANCE = CONTRACT_SPEC.relevance as Readonly<Partial<Record<FieldKey, Relevance>>>;

export function isFieldKey(key: string): key is FieldKey {
  return isKey(CONTRACT_SPEC, key);
}

export function fieldAppliesTo(key: FieldKey, target: TargetId): boolean {
  return appliesTo(CONTRACT_SPEC, key, target);
}

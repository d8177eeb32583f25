/**
 * The one contract as data: the shared keys joined with every target's key set. Built once by
 * src/targets/keys.ts from the registered key sets; the contract functions (resolve.ts, rules.ts,
 * answers-schema.ts, docs.ts) receive it as a parameter, so src/contract never imports a target.
 */
import type { z } from 'zod';
import { SHARED_FIELDS, type FieldSpec } from './fields.js';
import type { TargetId } from './literals.js';
import { SHARED_RELEVANCE, type Relevance } from './relevance.js';
import { SHARED_DEFAULTS, SHARED_REQUIRED, type TargetKeys, type TargetKeySet } from './target-keys.js';

export interface ContractSpec {
  /** Every key: the shared ones first, then each target's in registry order. */
  fields: Readonly<Record<string, FieldSpec>>;
  fieldKeys: readonly string[];
  targets: Readonly<Record<TargetId, TargetKeys>>;
  /** When a key matters beyond "its target reads it" (relevance.ts), shared and target entries. */
  relevance: Readonly<Record<string, Relevance>>;
  /** Keys whose string answers (`--var`, other tools' files) are read as the schema's type. */
  booleanKeys: readonly string[];
  numberKeys: readonly string[];
  /** List-valued keys: a later source replaces the whole list; a string is read as a comma-separated list. */
  listKeys: readonly string[];
}

const typeOf = (schema: z.ZodType): string => (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type;

/** The shared keys plus these key sets, in this order. Pure; the key sets are not checked here (a unit test walks them). */
export function buildContractSpec(keySets: Readonly<Record<TargetId, TargetKeySet>>): ContractSpec {
  const sets = Object.values(keySets);
  const fields: Record<string, FieldSpec> = Object.assign({}, SHARED_FIELDS, ...sets.map((set) => set.fields));
  const fieldKeys = Object.keys(fields);
  const keysOfType = (type: string) => fieldKeys.filter((key) => typeOf((fields[key] as FieldSpec).schema) === type);
  const targets = Object.fromEntries(
    sets.map(({ fields: _own, relevance: _relevance, ...set }) => {
      const joined: TargetKeys = { ...set, required: [...SHARED_REQUIRED, ...set.required], defaults: { ...SHARED_DEFAULTS, ...set.defaults } };
      return [set.id, joined];
    }),
  ) as Record<TargetId, TargetKeys>;
  return {
    fields,
    fieldKeys,
    targets,
    relevance: Object.assign({}, SHARED_RELEVANCE, ...sets.map((set) => set.relevance ?? {})),
    booleanKeys: keysOfType('boolean'),
    numberKeys: keysOfType('number'),
    listKeys: keysOfType('array'),
  };
}

export function isFieldKey(spec: ContractSpec, key: string): boolean {
  return Object.hasOwn(spec.fields, key);
}

export function fieldAppliesTo(spec: ContractSpec, key: string, target: TargetId): boolean {
  if (!isFieldKey(spec, key)) return false;
  const targets = spec.fields[key]?.targets;
  return targets === 'all' || (targets?.includes(target) ?? false);
}

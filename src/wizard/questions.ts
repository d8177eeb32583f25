/**
 * The wizard's questions as data, derived from the contract: one per key the chosen target reads
 * (its field spec gives the help text, the prompt kind and the validation), in a fixed
 * order, each only when the earlier answers make it matter. Nothing here asks anything.
 */
import type { FieldSpec } from '../contract/fields.js';
import { PRESETS } from '../contract/presets.js';
import type { TargetId } from '../contract/literals.js';
import { crossFieldProblems, providedEnv } from '../targets/contract.js';
import { FIELD_KEYS, FIELDS, fieldAppliesTo, RELEVANCE, TARGET_KEYS, type FieldKey } from '../targets/keys.js';
import { kindOf, type Kind } from './schema-kind.js';
import { effectiveAnswers, hasRedacted, isSecretMap, presetOf, type Answers, type WizardContext, type WizardState } from './state.js';

/** The one question that is not a contract key: whether to show the advanced questions. */
export const ADVANCED = 'advanced';

export interface Question {
  /** The contract key (or ADVANCED). */
  key: string;
  /** Human label, e.g. `API base URL`. */
  label: string;
  /** One line of help: the key's description in the contract. */
  help: string;
  kind: Kind;
  /** May be left empty. */
  optional: boolean;
  advanced: boolean;
  /** Advanced, skippable, and the user did not ask for advanced questions: never asked. */
  hidden: boolean;
  /** A map of secret values: entries are masked, shown as set / not set. */
  secret: boolean;
}

const ACRONYMS: Record<string, string> = { api: 'API', url: 'URL', acme: 'ACME', s3: 'S3', id: 'ID', tls: 'TLS', cpu: 'CPU', aws: 'AWS', sm: 'SM', arn: 'ARN', gcp: 'GCP', kv: 'KV', addr: 'address', minio: 'MinIO' };

export function labelOf(key: string): string {
  const words = key.split('_').map((w) => ACRONYMS[w] ?? w);
  const first = words[0] ?? key;
  return [first === first.toUpperCase() ? first : first.charAt(0).toUpperCase() + first.slice(1), ...words.slice(1)].join(' ');
}

const KIND_RANK: Record<Kind['type'], number> = { select: 0, confirm: 0, number: 0, text: 0, json: 0, list: 1, map: 2 };

/**
 * Keys in asking order: environment first, then the contract's own order with maps last (rules
 * about their entries depend on the scalar answers), and every key after the keys its relevance
 * condition reads.
 */
export function orderedKeys(): FieldKey[] {
  const base = FIELD_KEYS.filter((k) => k !== 'preset' && k !== 'environment');
  const ranked = [...base].sort((a, b) => KIND_RANK[kindOf(FIELDS[a].schema).type] - KIND_RANK[kindOf(FIELDS[b].schema).type] || base.indexOf(a) - base.indexOf(b));
  const out: FieldKey[] = ['environment'];
  const place = (key: FieldKey, visiting: Set<FieldKey>) => {
    if (out.includes(key) || visiting.has(key)) return;
    visiting.add(key);
    for (const dep of RELEVANCE[key]?.after ?? []) place(dep as FieldKey, visiting);
    out.push(key);
  };
  for (const key of ranked) place(key, new Set());
  return out;
}

const ORDER = orderedKeys();

/** Problems the contract's cross-field rules report for one key (or its map entries). */
export function ruleProblemsFor(key: string, target: TargetId, answers: Answers) {
  return crossFieldProblems(answers, target).filter((p) => p.key === key || p.key.startsWith(`${key}.`));
}

/** A rule requires this key given the other answers (e.g. auth_key_secret_name with secret-manager). */
export function requiredByRules(key: string, target: TargetId, answers: Answers): boolean {
  const without = { ...answers };
  delete without[key];
  return ruleProblemsFor(key, target, without).some((p) => p.key === key && p.message.startsWith('is required'));
}

/** Map entries the rules require (api_secrets.DATABASE_URL, MinIO credentials with minio, ...). */
export function requiredEntries(key: string, target: TargetId, answers: Answers): string[] {
  const names = ruleProblemsFor(key, target, { ...answers, [key]: {} })
    .filter((p) => p.key.startsWith(`${key}.`) && p.message.startsWith('is required'))
    .map((p) => p.key.slice(key.length + 1));
  return [...new Set(names)];
}

/** The contract fills this key in when it is not answered (a target, preset or derived default). */
function hasDefault(key: FieldKey, ctx: WizardContext, state: WizardState): boolean {
  const without = { ...state.answers };
  delete without[key];
  return effectiveAnswers(ctx, state, without)[key] !== undefined;
}

/** A key the flags answered is never asked (a secret map with redacted values still needs them). */
export function isFixed(key: string, ctx: WizardContext): boolean {
  if (kindOf(FIELDS[key as FieldKey].schema).type === 'map') {
    return ctx.fixedWhole.has(key) && !(isSecretMap(key) && ctx.includeSecrets && hasRedacted(ctx.fixed[key]));
  }
  return Object.hasOwn(ctx.fixed, key);
}

export const PRESET_QUESTION: Question = {
  key: 'preset',
  label: 'Preset',
  help: FIELDS.preset.description,
  kind: { type: 'select', options: PRESETS.map((p) => p.name) },
  optional: false,
  advanced: false,
  hidden: false,
  secret: false,
};

/** Every question that applies now, in asking order (hidden ones included, flagged). */
export function questionsFor(ctx: WizardContext, state: WizardState): Question[] {
  const questions: Question[] = isFixed('preset', ctx) ? [] : [PRESET_QUESTION];
  const preset = presetOf(ctx, state);
  if (!preset) return questions;
  const target = preset.target;
  const answers = effectiveAnswers(ctx, state);
  const required = TARGET_KEYS[target].required;
  const provided = providedEnv(answers, target);
  const fields: Question[] = [];
  for (const key of ORDER) {
    if (!fieldAppliesTo(key, target) || isFixed(key, ctx)) continue;
    if (RELEVANCE[key] && !RELEVANCE[key].when(answers)) continue;
    // A setting the target sets itself (the local MinIO's endpoint on vps) is not the user's to answer.
    if (provided.includes(key.toUpperCase())) continue;
    const spec: FieldSpec = FIELDS[key];
    const optional = !required.includes(key) && !requiredByRules(key, target, answers);
    const advanced = spec.advanced === true;
    const skippable = optional || hasDefault(key, ctx, state);
    fields.push({
      key,
      label: labelOf(key),
      help: spec.description,
      kind: kindOf(FIELDS[key].schema),
      optional,
      advanced,
      hidden: advanced && skippable && state.advanced !== true,
      secret: isSecretMap(key),
    });
  }
  const offer = fields.some((q) => q.advanced && (q.optional || hasDefault(q.key as FieldKey, ctx, state)));
  if (offer) {
    const names = fields.filter((q) => q.advanced).map((q) => q.key);
    const advancedQuestion: Question = {
      key: ADVANCED,
      label: 'Ask the advanced questions too',
      help: `Advanced: ${names.join(', ')}. Not asked, they keep their defaults.`,
      kind: { type: 'confirm' },
      optional: false,
      advanced: false,
      hidden: false,
      secret: false,
    };
    const at = fields[0]?.key === 'environment' ? 1 : 0;
    fields.splice(at, 0, advancedQuestion);
  }
  return [...questions, ...fields];
}

/** The advanced offer defaults to yes where the defaults matter most. */
export function advancedDefault(ctx: WizardContext, state: WizardState): boolean {
  const environment = effectiveAnswers(ctx, state).environment;
  return environment === 'staging' || environment === 'prod';
}

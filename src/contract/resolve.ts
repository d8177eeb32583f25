/**
 * From answer sources to a validated contract: normalise keys (aliases, dotted map keys), merge with a
 * fixed precedence, coerce strings where the schema wants booleans or numbers, apply defaults, then
 * validate every key and every cross-field rule, collecting all problems at once.
 */
import { z } from 'zod';
import type { Problem } from '../errors.js';
import { findAlias, ALIASES } from './aliases.js';
import type { Contract } from './contract.js';
import { fieldAppliesTo, isFieldKey, type ContractSpec } from './contract-spec.js';
import { isMapKey } from './fields.js';
import type { TargetId } from './literals.js';
import { FORBIDDEN_KEYS } from './input-limits.js';
import { findPreset, PRESETS, type Preset } from './presets.js';
import { appEnvWarnings } from './app-env/rules.js';
import { appDerivedDefaults } from './app-env/planned.js';
import { crossFieldProblems } from './rules.js';
import { closest } from './suggest.js';

/** One source of answers, lowest precedence first when passed as a list. */
export interface AnswerLayer {
  /** Shown in messages, e.g. `answers.yaml` or `--var`. */
  source: string;
  values: Record<string, unknown>;
}

export type Answers = Record<string, unknown>;

export type ResolveResult<C extends Contract = Contract> =
  | { ok: true; contract: C; preset: Preset; answers: Answers; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

const MAP_HINT = 'to pass an env var to the API use api_env.NAME (or api_secrets.NAME for a secret)';

/** Turn one layer's keys into contract keys; unknown keys become problems with a suggestion. */
export function normalizeLayer(spec: ContractSpec, layer: AnswerLayer): { values: Answers; problems: Problem[] } {
  const values: Answers = {};
  const problems: Problem[] = [];
  const put = (key: string, value: unknown) => {
    // Readers refuse these already; a layer built in code must not reach a prototype either.
    const forbidden = [...key.split('.'), ...(value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [])].find((part) => FORBIDDEN_KEYS.has(part));
    if (forbidden) {
      problems.push({ key, message: `${forbidden} cannot be a key (it would reach the object's prototype)` });
      return;
    }
    const dot = key.indexOf('.');
    if (dot > 0) {
      const mapKey = key.slice(0, dot);
      const name = key.slice(dot + 1);
      if (!isMapKey(mapKey)) {
        const suggestion = closest(mapKey, spec.fieldKeys);
        problems.push({
          key,
          message: `unknown key in ${layer.source}: only api_env, web_env, api_secrets and web_secrets take NAME parts`,
          ...(suggestion ? { hint: `did you mean ${suggestion}?` } : {}),
        });
        return;
      }
      const existing = values[mapKey];
      const map = existing && typeof existing === 'object' && !Array.isArray(existing) ? (existing as Answers) : {};
      values[mapKey] = { ...map, [name]: value };
      return;
    }
    if (isMapKey(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      const existing = values[key];
      const map = existing && typeof existing === 'object' ? (existing as Answers) : {};
      values[key] = { ...map, ...(value as Answers) };
      return;
    }
    values[key] = value;
  };

  for (const [rawKey, value] of Object.entries(layer.values)) {
    const key = rawKey.trim();
    if (isFieldKey(spec, key) || key.includes('.')) {
      put(key, value);
      continue;
    }
    const alias = findAlias(key);
    if (alias) {
      const mapped = alias(value);
      if ('error' in mapped) problems.push({ key, message: `${key} (in ${layer.source}) ${mapped.error}` });
      else for (const [target, mappedValue] of Object.entries(mapped.set)) put(target, mappedValue);
      continue;
    }
    const suggestion = closest(key, [...spec.fieldKeys, ...Object.keys(ALIASES)]);
    const looksLikeEnv = /^[A-Z][A-Z0-9_]*$/.test(key);
    problems.push({
      key,
      message: `unknown key in ${layer.source}`,
      hint: suggestion ? `did you mean ${suggestion}?` : looksLikeEnv ? MAP_HINT : 'see `starter-console schema answers` for every key',
    });
  }
  return { values, problems };
}

/** Merge layers, later wins; map keys merge entry by entry and a null entry removes it. */
export function mergeLayers(layers: readonly Answers[]): Answers {
  const merged: Answers = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (isMapKey(key) && value && typeof value === 'object' && !Array.isArray(value)) {
        const existing = merged[key];
        const map: Answers = existing && typeof existing === 'object' ? { ...(existing as Answers) } : {};
        for (const [name, entry] of Object.entries(value as Answers)) {
          if (entry === null) delete map[name];
          else map[name] = entry;
        }
        merged[key] = map;
      } else if (value === null) {
        delete merged[key];
      } else {
        merged[key] = value;
      }
    }
  }
  return merged;
}

/** Answers files written by other tools and `--var` give strings; read them as the schema's type. */
export function coerceScalars(spec: ContractSpec, answers: Answers): Answers {
  const out: Answers = { ...answers };
  for (const key of spec.booleanKeys) {
    const value = out[key];
    if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) out[key] = value.trim().toLowerCase() === 'true';
  }
  for (const key of spec.numberKeys) {
    const value = out[key];
    if (typeof value === 'string' && /^\d+$/.test(value.trim())) out[key] = Number(value.trim());
  }
  for (const key of spec.listKeys) {
    const value = out[key];
    if (typeof value === 'string') out[key] = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  }
  return out;
}

function applyDerivedDefaults(spec: ContractSpec, answers: Answers, target: TargetId): Answers {
  const out = { ...answers };
  for (const [key, value] of Object.entries(spec.targets[target].derive?.(answers) ?? {})) {
    if (out[key] === undefined && value !== undefined) out[key] = value;
  }
  if (out.worker_image === undefined && out.api_image !== undefined) out.worker_image = out.api_image;
  if (out.auth_key_storage_provider === undefined && out.auth_key_storage_backend === 'secret-manager' && out.secrets_provider !== undefined) {
    out.auth_key_storage_provider = out.secrets_provider;
  }
  for (const [key, value] of Object.entries(appDerivedDefaults(out))) {
    if (out[key] === undefined) out[key] = value;
  }
  return out;
}

function zodProblems(spec: ContractSpec, error: z.ZodError, answers: Answers, target: TargetId): Problem[] {
  // worker_image defaults to api_image: when both are missing, only api_image is worth reporting.
  // Likewise a derived key whose source is missing or invalid: its source is reported.
  const underivable = new Set(Object.entries(spec.targets[target].derive?.(answers) ?? {}).filter(([, v]) => v === undefined).map(([k]) => k));
  const issues = error.issues.filter((i) => {
    const top = i.path[0];
    if (i.path.length !== 1 || typeof top !== 'string' || answers[top] !== undefined) return true;
    if (top === 'worker_image') return answers.api_image !== undefined;
    return !underivable.has(top);
  });
  return issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    const top = issue.path[0];
    const missing = issue.path.length === 1 && typeof top === 'string' && answers[top] === undefined;
    const field = missing && isFieldKey(spec, top) ? spec.fields[top] : undefined;
    if (field) {
      return { key, message: 'is required', hint: field.description };
    }
    if (issue.code === 'invalid_value' && 'values' in issue) {
      return { key, message: `must be one of: ${(issue.values as unknown[]).join(', ')}` };
    }
    return { key, message: issue.message };
  });
}

export function contractSchemaFor(spec: ContractSpec, preset: Preset) {
  const keys = spec.targets[preset.target];
  const shape: Record<string, z.ZodType> = {};
  for (const key of spec.fieldKeys) {
    const field = spec.fields[key];
    if (!field || !fieldAppliesTo(spec, key, preset.target)) continue;
    const schema: z.ZodType = field.schema;
    shape[key] = keys.required.includes(key) ? schema : schema.optional();
  }
  return z.object(shape).strict();
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.key.localeCompare(b.key) || a.message.localeCompare(b.message));
}

/** The whole resolution, pure: layers lowest precedence first (answers files in order, then --var). */
export function resolveContract(spec: ContractSpec, layers: readonly AnswerLayer[]): ResolveResult {
  const problems: Problem[] = [];
  const normalized = layers.map((layer) => {
    const result = normalizeLayer(spec, layer);
    problems.push(...result.problems);
    return result.values;
  });
  const userAnswers = mergeLayers(normalized);
  const presetName = userAnswers.preset;
  if (typeof presetName !== 'string') {
    problems.push({ key: 'preset', message: 'is required', hint: `choose one of: ${PRESETS.map((p) => p.name).join(', ')} (--preset NAME)` });
    return { ok: false, problems: sortProblems(problems) };
  }
  const preset = findPreset(presetName);
  if (!preset) {
    const suggestion = closest(presetName, PRESETS.map((p) => p.name));
    problems.push({
      key: 'preset',
      message: `unknown preset ${JSON.stringify(presetName)}`,
      hint: suggestion ? `did you mean ${suggestion}?` : `choose one of: ${PRESETS.map((p) => p.name).join(', ')}`,
    });
    return { ok: false, problems: sortProblems(problems) };
  }
  for (const key of Object.keys(userAnswers)) {
    if (isFieldKey(spec, key) && !fieldAppliesTo(spec, key, preset.target)) {
      problems.push({ key, message: `is not used by the ${preset.target} target (preset ${preset.name})`, hint: 'remove it or pick a preset that uses it' });
      delete userAnswers[key];
    }
  }
  const answers = applyDerivedDefaults(
    spec,
    coerceScalars(spec, mergeLayers([spec.targets[preset.target].defaults, preset.defaults, userAnswers])),
    preset.target,
  );
  const parsed = contractSchemaFor(spec, preset).safeParse(answers);
  if (!parsed.success) problems.push(...zodProblems(spec, parsed.error, answers, preset.target));
  problems.push(...crossFieldProblems(spec, answers, preset.target));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(dedupeProblems(problems)) };
  const contract = { ...(parsed.data as Omit<Contract, 'target'>), target: preset.target } as Contract;
  return { ok: true, contract, preset, answers: userAnswers, warnings: sortProblems(appEnvWarnings(answers)) };
}

/** The same problem reported by two rules appears once. */
export function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.key}\u0000${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

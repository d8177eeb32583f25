/**
 * Collecting a flow's values: each field from the answers when given, else (interactive) through the
 * wizard's prompt adapter, else its default; a required field left empty is a problem. Every problem
 * is reported at once (a ContractError, exit 2). Secret values are never echoed.
 */
import { ContractError, type Problem } from '../errors.js';
import type { Prompter } from '../wizard/prompter.js';
import type { Supplied } from './answers.js';
import type { OnboardField, ProviderFlow, Values } from './types.js';

export interface CollectOptions {
  supplied: ReadonlyMap<string, Supplied>;
  /** Absent: non-interactive. */
  prompter?: Prompter;
  /** Where secrets not given in the answers are taken from (so they need not be on the command line). */
  env: Readonly<Record<string, string | undefined>>;
  say?: (line: string) => void;
}

const BOOL_TRUE = /^(1|true|yes|y|on)$/i;
const BOOL_FALSE = /^(0|false|no|n|off)$/i;

function problemOf(field: OnboardField, value: string, values: Values): string | undefined {
  if (field.kind === 'confirm') return BOOL_TRUE.test(value.trim()) || BOOL_FALSE.test(value.trim()) ? undefined : 'must be true or false';
  return value.trim() === '' ? undefined : field.check?.(value.trim(), values);
}

const normalized = (field: OnboardField, value: string) => (field.kind === 'confirm' ? String(BOOL_TRUE.test(value.trim())) : value.trim());

async function ask(field: OnboardField, prompter: Prompter, fallback: string | undefined, values: Values): Promise<string> {
  const required = field.required(values);
  const validate = (raw: string) => {
    const value = raw.trim() === '' ? (fallback ?? '') : raw;
    if (value.trim() === '') return required ? `${field.name} is required` : undefined;
    return problemOf(field, value, values);
  };
  if (field.kind === 'confirm') return String(await prompter.confirm({ id: field.name, message: field.message, default: BOOL_TRUE.test(fallback ?? 'false') }));
  if (field.kind === 'secret') {
    const message = fallback !== undefined ? `${field.message} (Enter keeps the default)` : required ? field.message : `${field.message} (optional)`;
    const typed = await prompter.password({ id: field.name, message, validate });
    return typed.trim() === '' ? (fallback ?? '') : typed;
  }
  const typed = await prompter.input({ id: field.name, message: required ? field.message : `${field.message} (optional)`, ...(fallback !== undefined ? { default: fallback } : {}), validate });
  return typed.trim() === '' ? (fallback ?? '') : typed;
}

/** The flow's values by env name (fields that do not apply are absent; optional empty ones too). */
export async function collectValues(flow: ProviderFlow, options: CollectOptions): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  const problems: Problem[] = [];
  const raw = Object.fromEntries([...options.supplied].map(([name, s]) => [name, s.value]));
  for (const field of flow.fields) {
    if (field.when && !field.when(values)) continue;
    const supplied = options.supplied.get(field.name);
    const fromEnv = field.kind === 'secret' && !supplied ? options.env[field.name] : undefined;
    let value: string | undefined;
    if (supplied) {
      value = supplied.value;
      options.say?.(`${field.name} supplied via ${supplied.source}.`);
    } else if (fromEnv !== undefined && fromEnv !== '') {
      value = fromEnv;
      options.say?.(`${field.name} taken from the environment.`);
    } else {
      const fallback = field.default?.({ ...raw, ...values });
      value = options.prompter ? await ask(field, options.prompter, fallback, values) : fallback;
    }
    if (value === undefined || value.trim() === '') {
      if (field.required(values)) {
        problems.push({
          key: field.name,
          message: 'is required',
          hint: field.kind === 'secret' ? `set it in the environment (${field.name}=...) or pass --var ${field.name}=<secret> (or put it in an --answers-file)` : `pass --var ${field.name}=<value> (or put it in an --answers-file)`,
        });
      }
      continue;
    }
    const problem = problemOf(field, value, values);
    if (problem) {
      problems.push({ key: field.name, message: problem });
      continue;
    }
    values[field.name] = normalized(field, value);
  }
  // A rule says why better than the field's plain "is required" (e.g. the project of a short GCP name).
  const ruled = flow.rules?.(values) ?? [];
  const all = [...problems.filter((p) => !ruled.some((r) => r.key === p.key)), ...ruled];
  if (all.length > 0) throw new ContractError(all);
  return values;
}

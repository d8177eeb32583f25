/**
 * Asking one question through the Prompter: turn its kind into a prompt, the typed text into a
 * value of the key's type, and validate it (schema and cross-field rules) before it is accepted.
 * Maps are a loop of NAME=value entries, with the entries the rules require asked by name; secret
 * values go through a masked prompt, and only when --include-secrets will write them.
 */
import { REDACTED } from '../bundle/answers-file.js';
import { envName } from '../contract/formats.js';
import type { Choice, WizardIO } from './prompter.js';
import { ADVANCED, advancedDefault, requiredEntries, type Question } from './questions.js';
import { findPreset } from '../contract/presets.js';
import { defaultFor, derivedDefault, effectiveAnswers, isRecord, presetOf, secretsAreReferences, type Answers, type WizardContext, type WizardState } from './state.js';
import { firstProblem, problemsFor, problemText } from './validation.js';

/** Text typed for a scalar, list or JSON question, as a value of the key's type; '' is "no answer". */
export function parseTyped(question: Question, raw: string): { value: unknown } | { error: string } {
  const text = raw.trim();
  if (text === '') return { value: undefined };
  switch (question.kind.type) {
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? { value: Number(text) } : { error: 'must be a number' };
    case 'list':
      return { value: text.split(',').map((item) => item.trim()).filter((item) => item !== '') };
    case 'json':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: 'must be JSON, e.g. {"name": "value"} or ["a", "b"]' };
      }
    default:
      return { value: text };
  }
}

/** A value as the text a prompt offers as its default. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function listProblem(question: Question, value: unknown): string | undefined {
  if (question.kind.type !== 'list' || !Array.isArray(value)) return undefined;
  for (const [index, item] of value.entries()) {
    const parsed = question.kind.item.safeParse(item);
    if (!parsed.success) return `item ${index + 1} (${String(item)}): ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
  }
  return undefined;
}

/** Ask one question and store the answer in the state. */
export async function ask(io: WizardIO, ctx: WizardContext, state: WizardState, question: Question): Promise<void> {
  const { prompter } = io;
  const key = question.key;
  if (key === ADVANCED) {
    state.advanced = await prompter.confirm({ id: key, message: `${question.label}?`, default: state.advanced ?? advancedDefault(ctx, state) });
    return;
  }
  const current = defaultFor(key, ctx, state);
  switch (question.kind.type) {
    case 'select': {
      const choices: Choice[] = question.kind.options.map((option) => {
        const problem = firstProblem(key, option, ctx, state);
        const preset = key === 'preset' ? findPreset(option) : undefined;
        return {
          value: option,
          name: preset ? `${option}: ${preset.title}` : option,
          ...(preset ? { description: preset.description } : {}),
          ...(problem ? { disabled: problem } : {}),
        };
      });
      if (choices.every((c) => c.disabled)) for (const c of choices) delete c.disabled;
      for (;;) {
        // A default the rules refuse (e.g. vault_dev in prod) would put the cursor on a disabled choice.
        const usable = typeof current === 'string' && choices.some((c) => c.value === current && !c.disabled);
        const value = await prompter.select({ id: key, message: question.label, choices, ...(usable ? { default: current } : {}) });
        if (accept(io, ctx, state, question, value)) return;
      }
    }
    case 'confirm':
      for (;;) {
        const value = await prompter.confirm({ id: key, message: `${question.label}?`, default: typeof current === 'boolean' ? current : false });
        if (accept(io, ctx, state, question, value)) return;
      }
    case 'map':
      setAnswer(state, key, await askMap(io, ctx, state, question));
      return;
    default: {
      const check = (raw: string): string | undefined => {
        const parsed = parseTyped(question, raw);
        if ('error' in parsed) return parsed.error;
        return listProblem(question, parsed.value) ?? firstProblem(key, parsed.value, ctx, state);
      };
      for (;;) {
        const raw = await prompter.input({ id: key, message: question.label, default: displayValue(current), validate: check });
        const parsed = parseTyped(question, raw);
        if ('value' in parsed && !check(raw)) {
          record(ctx, state, key, parsed.value);
          return;
        }
        io.say(io.style.red(`  ${'error' in parsed ? parsed.error : check(raw)}`));
      }
    }
  }
}

function accept(io: WizardIO, ctx: WizardContext, state: WizardState, question: Question, value: unknown): boolean {
  const problem = firstProblem(question.key, value, ctx, state);
  if (problem) {
    io.say(io.style.red(`  ${problem}`));
    return false;
  }
  record(ctx, state, question.key, value);
  return true;
}

/** Record a valid answer; an accepted derived default stays derived, so it follows its source if that changes. */
function record(ctx: WizardContext, state: WizardState, key: string, value: unknown): void {
  const derived = derivedDefault(key, ctx, state);
  if (derived !== undefined && JSON.stringify(derived) === JSON.stringify(value)) {
    setAnswer(state, key, undefined);
    state.skipped = state.skipped.filter((k) => k !== key);
    state.followed.push(key);
    return;
  }
  setAnswer(state, key, value);
}

export function setAnswer(state: WizardState, key: string, value: unknown): void {
  state.skipped = state.skipped.filter((k) => k !== key);
  state.followed = state.followed.filter((k) => k !== key);
  delete state.remembered[key];
  if (value === undefined) {
    delete state.answers[key];
    state.skipped.push(key);
  } else {
    state.answers[key] = value;
  }
}

const ENTRY = /^([^=\s]+)\s*=(.*)$/;

async function askMap(io: WizardIO, ctx: WizardContext, state: WizardState, question: Question): Promise<Record<string, string>> {
  const { prompter, say, style } = io;
  const key = question.key;
  const fixed: Record<string, unknown> = isRecord(ctx.fixed[key]) ? ctx.fixed[key] : {};
  const entries: Record<string, string> = {};
  const withEntries = (): Answers => ({ ...state.answers, [key]: { ...entries } });
  const entryProblem = (name: string, value: string): string | undefined => {
    const problem = problemsFor(key, { ...entries, [name]: value }, ctx, { ...state, answers: withEntries() }).find((p) => p.key === `${key}.${name}`);
    return problem ? problemText(problem, key) : undefined;
  };
  // Secret values are asked when the bundle will hold them (--include-secrets), or when the
  // contract refuses the redaction marker (e.g. store keys with External Secrets on k8s).
  const references = question.secret && secretsAreReferences(ctx, state);
  const masked = question.secret && !references;
  const valuesAsked = !question.secret || references || ctx.includeSecrets || entryProblem('STARTER_PROBE', REDACTED) !== undefined;
  const needsValue = (value: unknown) => value === undefined || (question.secret && valuesAsked && value === REDACTED);
  const start = state.answers[key] ?? state.remembered[key] ?? ctx.previous[key];
  for (const [name, value] of Object.entries(isRecord(start) ? start : {})) if (!Object.hasOwn(fixed, name) || needsValue(fixed[name])) entries[name] = String(value);
  const askValue = async (name: string): Promise<string> => {
    if (!valuesAsked) return REDACTED;
    const request = { id: `${key}.${name}`, message: masked ? `${name} (hidden)` : `${name}=`, validate: (value: string) => entryProblem(name, value) };
    return masked ? prompter.password(request) : prompter.input(request);
  };

  const names = Object.keys({ ...fixed, ...entries }).sort();
  if (names.length > 0) {
    const shown = names.map((name) => {
      const value = Object.hasOwn(entries, name) ? entries[name] : fixed[name];
      return masked ? `${name} (${needsValue(value) || value === REDACTED ? 'not set' : 'set'})` : `${name}=${String(value)}`;
    });
    say(style.dim(`  now: ${shown.join(', ')}${Object.keys(fixed).length > 0 ? ' (some from the flags)' : ''}`));
  }
  if (!valuesAsked) {
    say(style.dim('  Secret values are not asked: without --include-secrets the bundle lists the names and the values are set on the server.'));
  }
  const target = presetOf(ctx, state)?.target;
  const required = target ? requiredEntries(key, target, effectiveAnswers(ctx, state, withEntries())) : [];
  for (const name of [...new Set([...required, ...names])]) {
    const value = Object.hasOwn(entries, name) ? entries[name] : fixed[name];
    if (!needsValue(value)) continue;
    if (required.includes(name)) say(style.dim(`  ${key}.${name} is required.`));
    entries[name] = await askValue(name);
  }

  const addMessage = question.secret ? 'Add a secret: NAME (empty to finish, -NAME removes one)' : 'Add NAME=value (empty to finish, -NAME removes one)';
  const check = (raw: string): string | undefined => {
    const text = raw.trim();
    if (text === '') {
      const problem = problemsFor(key, { ...entries }, ctx, { ...state, answers: withEntries() })[0];
      return problem ? problemText(problem, key) : undefined;
    }
    if (text.startsWith('-')) {
      const name = text.slice(1);
      if (!Object.hasOwn(entries, name)) return Object.hasOwn(fixed, name) ? `${name} comes from the flags and cannot be removed here` : `there is no ${name} to remove`;
      return required.includes(name) ? `${name} is required and cannot be removed` : undefined;
    }
    const match = question.secret ? /^(\S+)$/.exec(text) : ENTRY.exec(text);
    if (!match) return question.secret ? 'type the NAME of the secret (its value is asked next)' : 'write NAME=value, e.g. LOG_LEVEL=info';
    const name = match[1] ?? '';
    const nameCheck = envName.safeParse(name);
    if (!nameCheck.success) return nameCheck.error.issues[0]?.message;
    if (Object.hasOwn(fixed, name) && !needsValue(fixed[name])) return `${name} comes from the flags`;
    return entryProblem(name, question.secret ? (entries[name] ?? 'placeholder') : (match[2] ?? '').trim());
  };
  for (;;) {
    const raw = await prompter.input({ id: `${key}.add`, message: addMessage, validate: check });
    const problem = check(raw);
    if (problem) {
      say(style.red(`  ${problem}`));
      continue;
    }
    const text = raw.trim();
    if (text === '') return entries;
    if (text.startsWith('-')) {
      delete entries[text.slice(1)];
    } else if (question.secret) {
      entries[text] = await askValue(text);
    } else {
      const match = ENTRY.exec(text);
      if (match?.[1]) entries[match[1]] = (match[2] ?? '').trim();
    }
  }
}

/**
 * The wizard's flow: walk the questions in order and ask the first one that is not settled, until
 * none is left; then review every answer, and go back to any of them. One rule drives the first
 * run, --resume and a change from the review: an answer stays while its question still applies and
 * it is still valid; anything else is asked. So after a change, only the answers that the change
 * made irrelevant, newly relevant, or invalid are touched.
 */
import { REDACTED } from '../bundle/answers-file.js';
import { ask } from './ask.js';
import type { WizardIO } from './prompter.js';
import { ADVANCED, questionsFor, type Question } from './questions.js';
import { effectiveAnswers, isRecord, isSecretMap, presetOf, secretsAreReferences, wizardAnswers, type WizardContext, type WizardState } from './state.js';
import { isValid, problemsFor, problemText } from './validation.js';

export interface WalkHooks {
  /** Called after every answer (the session saves the resume file here). */
  answered?: (state: WizardState) => void | Promise<void>;
}

const MAX_STEPS = 500;

function isSettled(question: Question, ctx: WizardContext, state: WizardState): boolean {
  if (question.hidden) return true;
  if (question.key === ADVANCED) return state.advanced !== undefined;
  if (state.followed.includes(question.key)) return isValid(question.key, effectiveAnswers(ctx, state)[question.key], ctx, state);
  const answered = Object.hasOwn(state.answers, question.key) || state.skipped.includes(question.key);
  return answered && isValid(question.key, state.answers[question.key], ctx, state);
}

/** Answers of questions that no longer apply are set aside (and offered again if they come back). */
function setAsideIrrelevant(questions: readonly Question[], state: WizardState): void {
  const keys = new Set(questions.map((q) => q.key));
  for (const key of Object.keys(state.answers)) {
    if (!keys.has(key)) {
      state.remembered[key] = state.answers[key];
      delete state.answers[key];
    }
  }
  state.skipped = state.skipped.filter((key) => keys.has(key));
  state.followed = state.followed.filter((key) => keys.has(key));
}

/** Ask every question that is not settled; `force` is asked once even if it is. */
export async function walk(io: WizardIO, ctx: WizardContext, state: WizardState, hooks: WalkHooks = {}, force?: string): Promise<void> {
  let pending = force;
  for (let step = 0; step < MAX_STEPS; step++) {
    const questions = questionsFor(ctx, state);
    setAsideIrrelevant(questions, state);
    const visible = questions.filter((q) => !q.hidden);
    const next = visible.find((q) => q.key === pending || !isSettled(q, ctx, state));
    if (!next) return;
    if (next.key === pending) pending = undefined;
    else if (Object.hasOwn(state.answers, next.key) || state.skipped.includes(next.key)) {
      // Answered before, invalid now (another answer changed): say why it is asked again.
      const [problem] = problemsFor(next.key, state.answers[next.key], ctx, state);
      if (problem) io.say(io.style.yellow(`${next.key} needs a new answer: ${problemText(problem, next.key)}`));
    }
    const typed = ['text', 'number', 'list', 'json'].includes(next.kind.type);
    const notes = [
      ...(presetOf(ctx, state) ? [`${visible.indexOf(next) + 1} of ${visible.length}`] : []),
      ...(next.optional && typed ? ['optional: Enter skips, Backspace first clears a default'] : []),
    ];
    io.say('');
    io.say(`${io.style.bold(next.key)}${notes.length > 0 ? io.style.dim(` (${notes.join(', ')})`) : ''}`);
    io.say(io.style.dim(next.help));
    await ask(io, ctx, state, next);
    await hooks.answered?.(state);
  }
  throw new Error('internal: the wizard kept asking (a rule and an answer disagree); please report it');
}

/** One value as the summary shows it; secret values only as set / not set. */
export function summaryValue(question: Pick<Question, 'secret'>, value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(String).join(', ');
  if (isRecord(value)) {
    const names = Object.keys(value).sort();
    if (names.length === 0) return '(none)';
    if (question.secret) return names.map((n) => `${n} (${value[n] === REDACTED ? 'not set' : 'set'})`).join(', ');
    if (names.some((n) => typeof value[n] === 'object' && value[n] !== null)) return JSON.stringify(value);
    return names.map((n) => `${n}=${String(value[n])}`).join(', ');
  }
  return String(value);
}

export interface SummaryRow {
  key: string;
  value: string;
  /** Where it comes from when it was not answered here. */
  note?: string;
}

export function summaryRows(ctx: WizardContext, state: WizardState): SummaryRow[] {
  const questions = questionsFor(ctx, state);
  const hidden = questions.filter((q) => q.hidden).map((q) => q.key);
  // Exactly what the contract will get: the flags, the answers, and what hidden questions keep.
  const effective = effectiveAnswers(ctx, state, wizardAnswers(ctx, state, hidden));
  const rows: SummaryRow[] = [];
  const references = secretsAreReferences(ctx, state);
  for (const key of Object.keys(ctx.fixed).sort()) {
    if (questions.some((q) => q.key === key)) continue;
    rows.push({ key, value: summaryValue({ secret: isSecretMap(key) && !references }, effective[key]), note: `from ${ctx.fixedSource[key] ?? 'the flags'}` });
  }
  for (const q of questions) {
    if (q.key === ADVANCED) {
      rows.push({ key: ADVANCED, value: state.advanced ? 'shown' : 'hidden (defaults kept)' });
      continue;
    }
    const masked = q.secret && !references;
    const unwritten = masked && !ctx.includeSecrets && isRecord(effective[q.key]) && Object.keys(effective[q.key] as object).length > 0;
    const note = q.hidden
      ? 'advanced, not asked'
      : Object.hasOwn(ctx.fixed, q.key)
        ? 'partly from the flags'
        : unwritten
          ? 'values are not written without --include-secrets'
          : undefined;
    rows.push({ key: q.key, value: summaryValue({ secret: masked }, effective[q.key]), ...(note ? { note } : {}) });
  }
  return rows;
}

export function summaryText(io: Pick<WizardIO, 'style'>, ctx: WizardContext, state: WizardState): string[] {
  const rows = summaryRows(ctx, state);
  const width = Math.max(...rows.map((r) => r.key.length));
  const preset = presetOf(ctx, state);
  return [
    io.style.bold(`Your answers${preset ? ` (preset ${preset.name}, target ${preset.target})` : ''}:`),
    ...rows.map((r) => `  ${r.key.padEnd(width)}  ${r.value}${r.note ? io.style.dim(`  (${r.note})`) : ''}`),
  ];
}

export const WRITE = '__write__';

/** Summary, then confirm or change any answer (dependent answers are re-asked only if they must be). */
export async function review(io: WizardIO, ctx: WizardContext, state: WizardState, hooks: WalkHooks = {}): Promise<void> {
  for (;;) {
    io.say('');
    for (const line of summaryText(io, ctx, state)) io.say(line);
    const changeable = questionsFor(ctx, state).filter((q) => !q.hidden);
    const choice = await io.prompter.select({
      id: 'review',
      message: 'Write the bundle with these answers?',
      choices: [{ value: WRITE, name: 'Yes, write the bundle' }, ...changeable.map((q) => ({ value: q.key, name: `Change ${q.key}` }))],
      default: WRITE,
    });
    if (choice === WRITE) return;
    await walk(io, ctx, state, hooks, choice);
  }
}

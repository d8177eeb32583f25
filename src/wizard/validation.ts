/**
 * Is this answer acceptable, given the others? The key's zod schema, then the contract's
 * cross-field rules that concern the key: the same checks the final contract runs, applied at the
 * question so a wrong answer is explained and asked again right away.
 */
import type { z } from 'zod';
import { REDACTED } from '../bundle/answers-file.js';
import { findPreset, PRESETS } from '../contract/presets.js';
import { dedupeProblems } from '../contract/resolve.js';
import { FIELDS, isFieldKey, TARGET_KEYS } from '../targets/keys.js';
import type { Problem } from '../errors.js';
import { ruleProblemsFor } from './questions.js';
import { effectiveAnswers, isRecord, isSecretMap, presetOf, type WizardContext, type WizardState } from './state.js';

function zodProblems(key: string, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const path = [key, ...issue.path.map(String)].join('.');
    if (issue.code === 'invalid_value' && 'values' in issue) return { key: path, message: `must be one of: ${(issue.values as unknown[]).join(', ')}` };
    if (issue.code === 'invalid_type') return { key: path, message: `must be a ${issue.expected}` };
    return { key: path, message: issue.message };
  });
}

/** Every problem with answering `key` with `value` (undefined: left empty), given the other answers. */
export function problemsFor(key: string, value: unknown, ctx: WizardContext, state: WizardState): Problem[] {
  if (key === 'preset') {
    return typeof value === 'string' && findPreset(value) ? [] : [{ key, message: `must be one of: ${PRESETS.map((p) => p.name).join(', ')}` }];
  }
  if (!isFieldKey(key)) return [];
  const answers = { ...state.answers };
  if (value === undefined) delete answers[key];
  else answers[key] = value;
  const preset = presetOf(ctx, { ...state, answers });
  if (!preset) return [];
  const effective = effectiveAnswers(ctx, state, answers);
  const current = effective[key];
  if (current === undefined) {
    const required = TARGET_KEYS[preset.target].required.includes(key);
    const rules = ruleProblemsFor(key, preset.target, effective);
    return required ? [{ key, message: 'is required' }, ...rules] : rules;
  }
  const parsed = FIELDS[key].schema.safeParse(current);
  const problems = parsed.success ? [] : zodProblems(key, parsed.error);
  if (ctx.includeSecrets && isSecretMap(key) && isRecord(current)) {
    for (const [name, entry] of Object.entries(current)) {
      if (entry === REDACTED) problems.push({ key: `${key}.${name}`, message: 'needs its value: --include-secrets writes it into the bundle' });
    }
  }
  return dedupeProblems([...problems, ...ruleProblemsFor(key, preset.target, effective)]);
}

export function isValid(key: string, value: unknown, ctx: WizardContext, state: WizardState): boolean {
  return problemsFor(key, value, ctx, state).length === 0;
}

/** One problem as a line under the question: the key path only when it is not the question's own key. */
export function problemText(problem: Problem, questionKey: string): string {
  const where = problem.key === questionKey ? '' : `${problem.key}: `;
  return `${where}${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`;
}

/** The first problem as the message a prompt shows, or undefined when the answer is fine. */
export function firstProblem(key: string, value: unknown, ctx: WizardContext, state: WizardState): string | undefined {
  const [problem] = problemsFor(key, value, ctx, state);
  return problem ? problemText(problem, key) : undefined;
}


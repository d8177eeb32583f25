/**
 * The interactive `setup wizard` use case: what the flags fixed is never asked, the bundle already
 * in --out pre-fills the defaults, --resume restores an interrupted run, every answer is saved to
 * the resume file (without secret values), and the run ends in exactly the non-interactive path:
 * the answers become one more answer layer for `generate` (plan, checks, atomic commit).
 */
import type { GenerateResult } from '../bundle/generate.js';
import { readBundleFile } from '../bundle/fs.js';
import { ANSWERS_PATH } from '../bundle/manifest.js';
import { isMapKey } from '../contract/fields.js';
import { mergeLayers, type AnswerLayer } from '../contract/resolve.js';
import { coerceScalars, normalizeLayer } from '../targets/contract.js';
import { FIELDS, isFieldKey } from '../targets/keys.js';
import { findPreset, PRESETS } from '../contract/presets.js';
import { readAnswersText } from '../contract/read-answers.js';
import { CancelledError, ContractError, UsageError, type Problem } from '../errors.js';
import { PromptCancelled, type WizardIO } from './prompter.js';
import { questionsFor } from './questions.js';
import { replayCommand, replaySecretKeys, shellQuote } from './replay.js';
import { loadResume, removeResume, resumeExists, resumePath, saveResume } from './resume-file.js';
import { emptyState, wizardAnswers, type Answers, type WizardContext, type WizardState } from './state.js';
import { review, walk } from './walk.js';

export interface WizardRunOptions {
  /** The flags' answer layers (answers files, --preset, --var), lowest precedence first. */
  layers: readonly AnswerLayer[];
  out: string;
  resume: boolean;
  includeSecrets: boolean;
  validate: boolean;
  io: WizardIO;
  /** The non-interactive use case, with the wizard's layer added last. */
  generate(layers: readonly AnswerLayer[]): Promise<GenerateResult>;
}

export interface WizardRunResult {
  result: GenerateResult;
  /** The command that reproduces the bundle, when one was written (or is up to date). */
  replay?: string;
  resumeFile: string;
}

/** What the flags answer, checked key by key before anything is asked (a bad flag fails at once). */
export function contextFromLayers(layers: readonly AnswerLayer[], previous: Answers, includeSecrets: boolean): WizardContext {
  const problems: Problem[] = [];
  const fixedSource: Record<string, string> = {};
  const fixedWhole = new Set<string>();
  const normalized = layers.map((layer) => {
    const result = normalizeLayer(layer);
    problems.push(...result.problems);
    for (const key of Object.keys(result.values)) fixedSource[key] = layer.source;
    for (const raw of Object.keys(layer.values)) if (isMapKey(raw.trim())) fixedWhole.add(raw.trim());
    return result.values;
  });
  const fixed = coerceScalars(mergeLayers(normalized));
  for (const [key, value] of Object.entries(fixed)) {
    if (key === 'preset') {
      if (typeof value !== 'string' || !findPreset(value)) problems.push({ key, message: `unknown preset ${JSON.stringify(value)}`, hint: `choose one of: ${PRESETS.map((p) => p.name).join(', ')}` });
    } else if (isFieldKey(key)) {
      const parsed = FIELDS[key].schema.safeParse(value);
      if (!parsed.success) for (const issue of parsed.error.issues) problems.push({ key: [key, ...issue.path.map(String)].join('.'), message: issue.message });
    }
  }
  if (problems.length > 0) throw new ContractError(problems);
  return { fixed, fixedSource, fixedWhole, previous, includeSecrets };
}

/** The answers of the bundle already in --out (secret values are redacted there): defaults only. */
export async function previousAnswers(out: string): Promise<Answers> {
  // Never blocks on a FIFO and never reads a huge file: only a regular file up to the read limit.
  const text = await readBundleFile(out, ANSWERS_PATH).catch(() => undefined);
  if (text === undefined) return {};
  // The same reader as --answers-file (silent, exact); a file it refuses offers no defaults.
  const read = readAnswersText(text, ANSWERS_PATH, 'yaml');
  if (!read.ok) return {};
  // Keys this version does not know are left out (the bundle may be older or newer).
  return normalizeLayer(read.layer).values;
}

export async function runWizard(options: WizardRunOptions): Promise<WizardRunResult> {
  const { io } = options;
  const resumeFile = resumePath(options.out);
  const previous = await previousAnswers(options.out);
  const ctx = contextFromLayers(options.layers, previous, options.includeSecrets);
  io.say(io.style.bold('starter-console setup wizard'));
  io.say(io.style.dim('A few questions, then a summary to review before anything is written. Enter takes the default shown;'));
  io.say(io.style.dim('Ctrl-C stops (the answers so far are saved, without secret values, and --resume continues).'));
  let state: WizardState = emptyState();
  if (options.resume) {
    const saved = await loadResume(resumeFile);
    if (!saved) throw new UsageError(`nothing to resume: ${resumeFile} does not exist`, 'run the wizard without --resume (use the same --out as the interrupted run)');
    state = saved;
    io.say(io.style.dim(`Continuing from ${resumeFile}.`));
  } else if (await resumeExists(resumeFile)) {
    io.say(io.style.yellow(`note: ${resumeFile} holds the answers of an interrupted run; this run starts over and replaces them (use --resume to continue them instead).`));
  }
  if (Object.keys(previous).length > 0) io.say(io.style.dim(`Defaults come from the bundle in ${options.out} (${ANSWERS_PATH}).`));
  const save = async (s: WizardState) => saveResume(resumeFile, s, options.out);

  try {
    await walk(io, ctx, state, { answered: save });
    await review(io, ctx, state, { answered: save });
  } catch (error) {
    if (!(error instanceof PromptCancelled)) throw error;
    const anything = Object.keys(state.answers).length > 0 || state.skipped.length > 0;
    if (anything) await save(state);
    throw new CancelledError(
      'cancelled: nothing was written',
      anything ? `the answers so far (no secret values) are in ${resumeFile}; continue with: starter-console setup wizard --resume --out ${shellQuote(options.out)}` : undefined,
    );
  }

  const hidden = questionsFor(ctx, state).filter((q) => q.hidden).map((q) => q.key);
  const layers = [...options.layers, { source: 'the wizard', values: wizardAnswers(ctx, state, hidden) }];
  await save(state);
  io.say('');
  io.say(io.style.bold('Planning and checking the bundle:'));
  const kept = () => io.say(io.style.yellow(`Your answers (no secret values) are kept in ${resumeFile}: fix the problem, then run again with --resume.`));
  let result: GenerateResult;
  try {
    result = await options.generate(layers);
  } catch (error) {
    kept();
    throw error;
  }
  if (result.outcome !== 0) {
    kept();
    return { result, resumeFile };
  }
  if (result.mode !== 'write') {
    io.say(io.style.dim(`Your answers are kept in ${resumeFile}: run again with --resume (without --${result.mode}) to write the bundle.`));
    return { result, resumeFile };
  }
  await removeResume(resumeFile);
  const recorded = await previousAnswers(options.out); // the answers file just written
  const replay = replayCommand({ out: options.out, includeSecrets: options.includeSecrets, validate: options.validate, secretKeys: replaySecretKeys(recorded, options.includeSecrets) });
  return { result, replay, resumeFile };
}

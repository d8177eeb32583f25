/**
 * What the wizard knows at any moment, as plain data: the answers fixed by flags, the answers of an
 * earlier bundle (defaults only), and the answers given so far. Everything else (which questions
 * apply, their defaults, whether an answer is still valid) is computed from this, so changing one
 * answer re-evaluates the rest without any bookkeeping.
 */
import { REDACTED } from '../bundle/answers-file.js';
import type { FieldSpec, SharedFieldKey } from '../contract/fields.js';
import { findPreset, type Preset } from '../contract/presets.js';
import { DERIVED_DEFAULTS } from '../contract/relevance.js';
import { mergeLayers } from '../contract/resolve.js';
import type { TargetKeys } from '../contract/target-keys.js';
import { coerceScalars } from '../targets/contract.js';
import { FIELDS, isFieldKey, TARGET_KEYS } from '../targets/keys.js';

export type Answers = Record<string, unknown>;

export interface WizardContext {
  /** Answers given by --answers-file, --preset and --var (normalised and merged): never asked. */
  fixed: Answers;
  /** Where each fixed key came from, e.g. `--var` or a file name. */
  fixedSource: Record<string, string>;
  /** Map keys a flag layer gave as a whole map (not only some NAME entries). */
  fixedWhole: ReadonlySet<string>;
  /** Answers of the bundle already in --out: offered as defaults, still asked. */
  previous: Answers;
  /** Secret values are asked (masked) only when they will be written. */
  includeSecrets: boolean;
}

export interface WizardState {
  /** Answers given in the wizard (or restored by --resume): not asked again while they stay valid. */
  answers: Answers;
  /** Optional questions asked and left empty. */
  skipped: string[];
  /** Whether the advanced questions are shown; undefined until asked. */
  advanced?: boolean;
  /** Answers of questions that stopped applying (after a change): the default if they apply again. */
  remembered: Answers;
  /**
   * Keys whose derived default was accepted (worker_image = api_image, ...): not recorded as answers,
   * so they keep following their source when it changes, here and in the written answers file.
   */
  followed: string[];
}

export function emptyState(): WizardState {
  return { answers: {}, skipped: [], remembered: {}, followed: [] };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

export function isSecretMap(key: string): boolean {
  if (!isFieldKey(key)) return false;
  const spec: FieldSpec = FIELDS[key];
  return spec.secretValues === true;
}

export function presetOf(ctx: WizardContext, state: WizardState): Preset | undefined {
  const name = ctx.fixed.preset ?? state.answers.preset;
  return typeof name === 'string' ? findPreset(name) : undefined;
}

/** Target and preset defaults, lowest precedence first. */
export function defaultLayers(preset: Preset | undefined): Answers[] {
  return preset ? [TARGET_KEYS[preset.target].defaults, preset.defaults] : [];
}

/**
 * The answers as the contract would see them now: defaults, then flags, then the wizard's answers,
 * with the derived defaults (worker_image from api_image, ...) filled in.
 */
export function effectiveAnswers(ctx: WizardContext, state: WizardState, answers: Answers = state.answers): Answers {
  const preset = presetOf(ctx, { ...state, answers });
  const merged = coerceScalars(mergeLayers([...defaultLayers(preset), ctx.fixed, answers]));
  const targetKeys: TargetKeys | undefined = preset ? TARGET_KEYS[preset.target] : undefined;
  for (const [key, value] of Object.entries(targetKeys?.derive?.(merged) ?? {})) {
    if (merged[key] === undefined && value !== undefined) merged[key] = value;
  }
  for (const [key, derive] of Object.entries(DERIVED_DEFAULTS)) {
    if (merged[key] === undefined) {
      const value = derive(merged);
      if (value !== undefined) merged[key] = value;
    }
  }
  return merged;
}

/** The default a question offers: its earlier answer, a remembered one, the previous bundle's, or the contract's. */
export function defaultFor(key: string, ctx: WizardContext, state: WizardState): unknown {
  if (Object.hasOwn(state.answers, key)) return state.answers[key];
  if (state.skipped.includes(key)) return undefined;
  if (state.followed.includes(key)) return effectiveAnswers(ctx, state)[key];
  if (state.remembered[key] !== undefined) return state.remembered[key];
  if (ctx.previous[key] !== undefined) return ctx.previous[key];
  return effectiveAnswers(ctx, state)[key];
}

/**
 * The value a key derives from other answers (worker_image from api_image, k8s defaults from the
 * project name, ...), or undefined for a key without such a default.
 */
export function derivedDefault(key: string, ctx: WizardContext, state: WizardState): unknown {
  const { [key]: _own, ...others } = state.answers;
  const preset = presetOf(ctx, state);
  const merged = coerceScalars(mergeLayers([...defaultLayers(preset), ctx.fixed, others]));
  const fromTarget = preset ? TARGET_KEYS[preset.target].derive?.(merged)[key] : undefined;
  if (fromTarget !== undefined) return merged[key] === undefined ? fromTarget : undefined;
  const derive = DERIVED_DEFAULTS[key as SharedFieldKey];
  return derive && merged[key] === undefined ? derive(merged) : undefined;
}

/**
 * The target keeps api_secrets/web_secrets as references (keys in a secret store, e.g. k8s with
 * External Secrets): they are then asked and shown like any value. The target reads the answers
 * defensively, so the partial answers of a wizard run are enough.
 */
export function secretsAreReferences(ctx: WizardContext, state: WizardState): boolean {
  const preset = presetOf(ctx, state);
  return preset ? (TARGET_KEYS[preset.target].secretsAreReferences?.(effectiveAnswers(ctx, state)) ?? false) : false;
}

export function hasRedacted(map: unknown): boolean {
  return isRecord(map) && Object.values(map).includes(REDACTED);
}

/** The wizard's answers as one answer layer for the contract (flags stay in their own layers). */
export function wizardAnswers(ctx: WizardContext, state: WizardState, hiddenKeys: readonly string[]): Answers {
  const out: Answers = { ...state.answers };
  // Advanced questions the user chose not to see keep the value the previous bundle had.
  for (const key of hiddenKeys) if (out[key] === undefined && ctx.previous[key] !== undefined && !Object.hasOwn(ctx.fixed, key)) out[key] = ctx.previous[key];
  return out;
}

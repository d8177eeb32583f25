/**
 * The contract functions of src/contract bound to the one contract (keys.ts): what the CLI, the
 * bundle use cases, the wizard and the env inventory call.
 */
import { answersJsonSchema as answersSchemaOf, generatedAnswersSchemaText as answersSchemaTextOf } from '../contract/answers-schema.js';
import { contractReference as referenceOf } from '../contract/docs.js';
import type { TargetId } from '../contract/literals.js';
import { coerceScalars as coerce, normalizeLayer as normalize, resolveContract as resolve, type AnswerLayer, type Answers, type ResolveResult } from '../contract/resolve.js';
import { crossFieldProblems as problemsOf, providedEnv as providedOf } from '../contract/rules.js';
import type { Problem } from '../errors.js';
import { CONTRACT_SPEC, type AnyContract } from './keys.js';

/** The whole resolution, pure: layers lowest precedence first (answers files in order, then --var). */
export function resolveContract(layers: readonly AnswerLayer[]): ResolveResult<AnyContract> {
  return resolve(CONTRACT_SPEC, layers) as ResolveResult<AnyContract>;
}

/** Turn one layer's keys into contract keys; unknown keys become problems with a suggestion. */
export function normalizeLayer(layer: AnswerLayer): { values: Answers; problems: Problem[] } {
  return normalize(CONTRACT_SPEC, layer);
}

/** Answers files written by other tools and `--var` give strings; read them as the schema's type. */
export function coerceScalars(answers: Answers): Answers {
  return coerce(CONTRACT_SPEC, answers);
}

export function crossFieldProblems(answers: Answers, target: TargetId): Problem[] {
  return problemsOf(CONTRACT_SPEC, answers, target);
}

/** App settings the target itself sets for these answers (never asked of the user). */
export function providedEnv(answers: Answers, target: TargetId): readonly string[] {
  return providedOf(CONTRACT_SPEC, answers, target);
}

export function answersJsonSchema(): Record<string, unknown> {
  return answersSchemaOf(CONTRACT_SPEC);
}

export function generatedAnswersSchemaText(): string {
  return answersSchemaTextOf(CONTRACT_SPEC);
}

export function contractReference(): string {
  return referenceOf(CONTRACT_SPEC);
}

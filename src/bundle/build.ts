/** The whole bundle as a plan in memory: the target's files plus the answers file and its schema. */
import type { Contract } from '../contract/contract.js';
import { answersJsonSchemaText } from '../contract/json-schema.js';
import type { Preset } from '../contract/presets.js';
import type { Target } from '../targets/types.js';
import { redactAnswers, renderAnswersFile } from './answers-file.js';
import { ANSWERS_PATH, ANSWERS_SCHEMA_PATH, buildManifest, type Manifest } from './manifest.js';
import { file, sortPlan, type PlannedFile } from './plan.js';

export interface BuildInput {
  contract: Contract;
  /** The contract's target, loaded by the caller (targets load on demand: see the registry). */
  target: Target;
  preset: Preset;
  /** The user's answers (no preset defaults), as they should be recorded. */
  answers: Record<string, unknown>;
  version: string;
  includeSecrets: boolean;
}

export interface BuiltBundle {
  files: PlannedFile[];
  manifest: Manifest;
}

export function buildBundle(input: BuildInput): BuiltBundle {
  const { target } = input;
  if (target.id !== input.contract.target) throw new Error(`internal: a ${input.contract.target} contract built with the ${target.id} target`);
  const recorded = { ...input.answers, preset: input.preset.name };
  const redaction = { secretsAreReferences: target.secretsAreReferences?.(input.contract) ?? false };
  const files = sortPlan([
    ...target.plan(input.contract, { includeSecrets: input.includeSecrets }),
    file(ANSWERS_PATH, renderAnswersFile(recorded, input.version, redaction)),
    file(ANSWERS_SCHEMA_PATH, answersJsonSchemaText()),
  ]);
  const manifest = buildManifest({
    version: input.version,
    preset: input.preset.name,
    target: target.id,
    redactedContract: redactAnswers(input.contract as unknown as Record<string, unknown>, redaction),
    files,
  });
  return { files, manifest };
}

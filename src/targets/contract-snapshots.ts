/**
 * The contract's snapshots (checked in under docs/contracts/, seed R2): the literal sets users and
 * other tools rely on, and the answers-file JSON Schema, generated from the contract's own data. Pure:
 * `contracts export` writes them, `contracts check` compares them with what is checked in.
 */
import { ENVIRONMENTS, KEY_STORAGE_BACKENDS, SECRETS_PROVIDERS, STORAGE_PROVIDERS, TARGET_IDS } from '../contract/literals.js';
import { PRESETS } from '../contract/presets.js';
import { generatedAnswersSchemaText } from './contract.js';

export const SNAPSHOT_DIR = 'docs/contracts';

export interface Snapshot {
  path: string;
  content: string;
}

const sorted = (values: readonly string[]) => [...values].sort();

export function providerLiterals(): Record<string, string[]> {
  return {
    environments: sorted(ENVIRONMENTS),
    key_storage_backends: sorted(KEY_STORAGE_BACKENDS),
    presets: sorted(PRESETS.map((p) => p.name)),
    secrets_providers: sorted(SECRETS_PROVIDERS),
    storage_providers: sorted(STORAGE_PROVIDERS),
    targets: sorted(TARGET_IDS),
  };
}

export function contractSnapshots(): Snapshot[] {
  return [
    { path: `${SNAPSHOT_DIR}/provider_literals.json`, content: `${JSON.stringify(providerLiterals(), null, 2)}\n` },
    { path: `${SNAPSHOT_DIR}/answers.schema.json`, content: generatedAnswersSchemaText() },
  ];
}

/**
 * The redacted answers file written into every bundle: it reproduces the bundle (secret values
 * replaced by a marker) and points editors at the answers JSON Schema shipped beside it.
 */
import { parse, stringify } from 'yaml';
import { FIELDS, isFieldKey } from '../contract/fields.js';
import { ANSWERS_SCHEMA_PATH } from './manifest.js';

export const REDACTED = '<redacted>';

export interface RedactOptions {
  /** The secret maps hold references (keys in a secret store), not values: keep them (a target decides). */
  secretsAreReferences?: boolean;
}

export function redactAnswers(answers: Record<string, unknown>, options: RedactOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(answers).sort()) {
    const value = answers[key];
    const spec = isFieldKey(key) ? FIELDS[key] : undefined;
    if (!options.secretsAreReferences && spec && 'secretValues' in spec && spec.secretValues && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.keys(value).sort().map((name) => [name, REDACTED]));
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function renderAnswersFile(answers: Record<string, unknown>, version: string, options: RedactOptions = {}): string {
  const redacted = redactAnswers(answers, options);
  const body = stringify(redacted, { lineWidth: 0, sortMapEntries: true });
  const content = [
    `# yaml-language-server: $schema=./${ANSWERS_SCHEMA_PATH}`,
    ...(options.secretsAreReferences
      ? [`# Answers that reproduce this bundle (starter-console ${version}). api_secrets and web_secrets name keys`, `# in the secret store (references, not values).`]
      : [
          `# Answers that reproduce this bundle (starter-console ${version}). Secret values are redacted: the`,
          `# bundle never needs them unless you pass --include-secrets together with the real values.`,
        ]),
    `# Reproduce: starter-console setup wizard --non-interactive --answers-file ${'starter-answers.yaml'} --out <dir>`,
    body,
  ].join('\n');
  const parsed: unknown = parse(content);
  if (JSON.stringify(parsed) !== JSON.stringify(redacted)) throw new Error('internal: the answers file does not parse back to the answers');
  return content;
}

/** Secret entries still carrying the marker: they cannot be written with --include-secrets. */
export function redactedSecretKeys(answers: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const spec = isFieldKey(key) ? FIELDS[key] : undefined;
    if (!spec || !('secretValues' in spec) || !value || typeof value !== 'object') continue;
    for (const [name, entry] of Object.entries(value)) if (entry === REDACTED) keys.push(`${key}.${name}`);
  }
  return keys.sort();
}

/**
 * The redacted answers file written into every bundle: it reproduces the bundle (secret values
 * replaced by a marker) and points editors at the answers JSON Schema shipped beside it.
 */
import { isScalar, parseDocument, stringify, visit } from 'yaml';
import { FIELDS, isFieldKey } from '../targets/keys.js';
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
  if (JSON.stringify(parseBack(content)) !== JSON.stringify(redacted)) throw new Error('internal: the answers file does not parse back to the answers');
  return content;
}

/**
 * The answers file as YAML reads it, refusing a repeated key as yaml's `parse` does, but with one set
 * per map: yaml's own check compares every pair of keys, ~0.1 s for a thousand env entries.
 */
function parseBack(content: string): unknown {
  const doc = parseDocument(content, { uniqueKeys: false });
  const [error] = doc.errors;
  if (error) throw error;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        const value = isScalar(key) ? key.value : key;
        if (seen.has(value)) throw new Error(`internal: the answers file repeats the key ${String(value)}`);
        seen.add(value);
      }
    },
  });
  return doc.toJS();
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

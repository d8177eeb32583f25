/**
 * The command that reproduces a wizard's bundle without questions: the bundle's own answers file,
 * plus a `--var` placeholder for each secret value the bundle needs and the answers file does not
 * carry (all of them with --include-secrets). Never a value.
 */
import { REDACTED } from '../bundle/answers-file.js';
import { resolveContract } from '../targets/contract.js';
import { FIELD_KEYS, FIELDS } from '../targets/keys.js';
import { ANSWERS_PATH } from '../bundle/manifest.js';
import { isRecord } from './state.js';

const SECRET_MAPS = FIELD_KEYS.filter((key) => FIELDS[key].secretValues === true);

/** Quote for a POSIX shell only when needed. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * `api_secrets.NAME` keys a replay must be given again: entries the bundle's answers file (its
 * parsed content, `recorded`) holds only redacted, when the bundle needs them: all of them with
 * --include-secrets, otherwise those the contract refuses to see redacted.
 */
export function replaySecretKeys(recorded: Record<string, unknown>, includeSecrets: boolean): string[] {
  const redacted = SECRET_MAPS.flatMap((mapKey) => {
    const map = recorded[mapKey];
    return isRecord(map) ? Object.keys(map).sort().filter((name) => map[name] === REDACTED).map((name) => `${mapKey}.${name}`) : [];
  });
  if (includeSecrets || redacted.length === 0) return redacted;
  const check = resolveContract([{ source: ANSWERS_PATH, values: recorded }]);
  return check.ok ? [] : redacted.filter((entry) => check.problems.some((p) => p.key === entry));
}

export function replayCommand(input: { out: string; includeSecrets: boolean; validate: boolean; secretKeys: readonly string[] }): string {
  const answers = `${input.out.replace(/\/+$/, '')}/${ANSWERS_PATH}`;
  const words = ['starter-console', 'setup', 'wizard', '--non-interactive', '--answers-file', shellQuote(answers), '--out', shellQuote(input.out)];
  if (!input.validate) words.push('--no-validate');
  if (input.includeSecrets) words.push('--include-secrets');
  for (const key of input.secretKeys) words.push('--var', shellQuote(`${key}=...`));
  return words.join(' ');
}

/**
 * `--var key=value` flags as an answer layer: JSON for maps and lists, dotted keys for map entries,
 * `null` to unset. JSON values go through the same reader as JSON answers files (duplicate keys,
 * limits, numbers as written); a map entry (`api_env.NAME=...`) is always the text after `=`, so an
 * env value may itself be JSON text. No problem quotes the value.
 */
import type { Problem } from '../errors.js';
import { FORBIDDEN_KEYS, INPUT_LIMITS, LIMITS_TEXT, textProblem } from './input-limits.js';
import { readJsonVar } from './read-answers.js';
import type { AnswerLayer } from './resolve.js';

const MAP_ENTRY = /^(api_env|web_env|api_secrets|web_secrets)\./;

export function parseVarFlags(flags: readonly string[]): { layer: AnswerLayer; problems: Problem[] } {
  const values: Record<string, unknown> = {};
  const problems: Problem[] = [];
  if (flags.length > INPUT_LIMITS.varFlags) {
    return { layer: { source: '--var', values }, problems: [{ key: '--var', message: `${flags.length} --var flags, more than the limit of ${INPUT_LIMITS.varFlags}`, hint: 'put the answers in an --answers-file' }] };
  }
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const key = eq > 0 ? flag.slice(0, eq).trim() : '';
    if (!key || textProblem(key, 'key')) {
      // The flag may be a value given without its key: never echo it.
      problems.push({ key: '--var', message: 'is not KEY=VALUE with a plain-text key', hint: 'write --var key=value, e.g. --var environment=prod' });
      continue;
    }
    const forbidden = key.split('.').find((part) => FORBIDDEN_KEYS.has(part.trim()));
    if (forbidden) {
      problems.push({ key, message: `${forbidden.trim()} cannot be a key (it would reach the object's prototype)` });
      continue;
    }
    const raw = flag.slice(eq + 1);
    if (raw.length > INPUT_LIMITS.fileBytes) {
      problems.push({ key, message: `the --var value is longer than the limit of ${LIMITS_TEXT.fileBytes}`, hint: 'put large answers in an --answers-file' });
      continue;
    }
    if (raw === 'null') {
      // `--var key=null` unsets a key that a file or the preset set (a map entry: removes it).
      values[key] = null;
    } else if (!MAP_ENTRY.test(key) && /^\s*[[{]/.test(raw)) {
      const read = readJsonVar(key, raw);
      if (read.ok) values[key] = read.value;
      else problems.push(...read.problems.map((p) => ({ ...p, hint: p.hint ?? `quote it for the shell, e.g. --var '${key}={"NAME":"value"}'` })));
    } else {
      const reason = textProblem(raw, 'value');
      if (reason) problems.push({ key, message: `${reason} (--var)` });
      else values[key] = raw;
    }
  }
  return { layer: { source: '--var', values }, problems };
}

/** `--var key=value` flags as an answer layer: JSON for maps and lists, dotted keys for map entries, `null` to unset. */
import type { Problem } from '../errors.js';
import type { AnswerLayer } from './resolve.js';

export function parseVarFlags(flags: readonly string[]): { layer: AnswerLayer; problems: Problem[] } {
  const values: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const key = eq > 0 ? flag.slice(0, eq).trim() : '';
    if (!key) {
      problems.push({ key: flag, message: 'is not KEY=VALUE', hint: 'write --var key=value, e.g. --var environment=prod' });
      continue;
    }
    const raw = flag.slice(eq + 1);
    let value: unknown = raw;
    if (raw === 'null') {
      // `--var key=null` unsets a key that a file or the preset set (a map entry: removes it).
      value = null;
    } else if (/^\s*[[{]/.test(raw)) {
      try {
        value = JSON.parse(raw);
      } catch (error) {
        problems.push({ key, message: `--var value is not valid JSON: ${(error as Error).message}`, hint: `quote it for the shell, e.g. --var '${key}={"NAME":"value"}'` });
        continue;
      }
    }
    values[key] = value;
  }
  return { layer: { source: '--var', values }, problems };
}

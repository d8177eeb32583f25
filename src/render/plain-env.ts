/**
 * Plain env files: `NAME=value` lines with no quoting at all, as `docker run --env-file` and
 * `kubectl create configmap|secret --from-env-file` read them (docker/cli pkg/kvfile, formerly
 * opts/envfile.go):
 *   - the file is split into lines at LF; a CR before the LF is dropped (Go's bufio.ScanLines);
 *   - a UTF-8 byte order mark at the start of the first line is removed;
 *   - leading whitespace of a line (Go's unicode.IsSpace) is trimmed;
 *   - empty lines and lines starting with `#` are skipped;
 *   - the line is split at the first `=`; an empty name is an error, and so is a name holding a
 *     space or a tab;
 *   - the value is everything after that `=`, literally: no quote removal, no interpolation, no
 *     escapes, no inline comments, trailing whitespace kept;
 *   - a line without `=` names a variable taken from the caller's environment (reported as such here;
 *     the generator never writes one);
 *   - a line longer than Go's bufio.MaxScanTokenSize (64 KiB) fails the whole file.
 * Pure: the reader takes text, the writer returns text.
 */
import { UnsafeValueError } from './serializers.js';

export class PlainEnvSyntaxError extends Error {}

export type PlainEnvEntry =
  | { line: number; name: string; value: string }
  /** `NAME` alone: docker takes the value from the environment of the `docker` command (or drops it). */
  | { line: number; name: string; fromEnvironment: true };

/** Go's unicode.IsSpace: what docker trims from the start of a line. */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const NAME_WHITESPACE = /[ \t]/;
const LONE_SURROGATE = /\p{Cs}/u;
/** bufio.MaxScanTokenSize: the scanner's buffer must hold a line and its LF. */
const MAX_LINE_BYTES = 64 * 1024 - 1;
const BOM = '\ufeff';

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Read a plain env file exactly as the docker CLI does. Entries keep file order; a repeated name is kept (docker: the last wins). */
export function parsePlainEnv(content: string): PlainEnvEntry[] {
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop(); // the LF that ends the last line starts no new one
  const entries: PlainEnvEntry[] = [];
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    if (LONE_SURROGATE.test(raw)) throw new PlainEnvSyntaxError(`line ${lineNumber}: invalid UTF-8`);
    if (utf8Length(raw) > MAX_LINE_BYTES) throw new PlainEnvSyntaxError(`line ${lineNumber}: longer than 64 KiB`);
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (index === 0 && text.startsWith(BOM)) text = text.slice(BOM.length);
    text = text.replace(GO_SPACE, '');
    if (text === '' || text.startsWith('#')) return;
    const equals = text.indexOf('=');
    const name = equals < 0 ? text : text.slice(0, equals);
    if (name === '') throw new PlainEnvSyntaxError(`line ${lineNumber}: no variable name`);
    if (NAME_WHITESPACE.test(name)) throw new PlainEnvSyntaxError(`line ${lineNumber}: the variable name contains whitespace`);
    entries.push(equals < 0 ? { line: lineNumber, name, fromEnvironment: true } : { line: lineNumber, name, value: text.slice(equals + 1) });
  });
  return entries;
}

/**
 * The values of a file the generator wrote: every line `NAME=value`, each name once. A line without
 * `=` or a repeated name is an error here, since the generator writes neither.
 */
export function plainEnvValues(content: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const entry of parsePlainEnv(content)) {
    if (!('value' in entry)) throw new PlainEnvSyntaxError(`line ${entry.line}: ${entry.name} has no value (it would be taken from the environment)`);
    if (values.has(entry.name)) throw new PlainEnvSyntaxError(`line ${entry.line}: ${entry.name} is set twice`);
    values.set(entry.name, entry.value);
  }
  return values;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LINE_BREAK = /[\n\r]/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Write a plain env file: the comment lines (each gets `# `), then one `NAME=value` line per variable
 * in the order given, LF line endings. A value is written as is, so the caller must only pass values
 * the readers carry unchanged (the contract's plain-env rule for the `other` target); what no env
 * file can hold (line breaks, control characters, unpaired surrogates) throws.
 */
export function writePlainEnv(comments: readonly string[], vars: readonly { name: string; value: string }[]): string {
  const lines: string[] = [];
  for (const comment of comments) {
    if (LINE_BREAK.test(comment)) throw new UnsafeValueError('internal: a plain env comment with a line break');
    lines.push(comment === '' ? '#' : `# ${comment}`);
  }
  for (const { name, value } of vars) {
    if (!PLAIN_NAME.test(name)) throw new UnsafeValueError(`internal: ${JSON.stringify(name)} is not a plain env name`);
    if (CONTROL.test(value) || LONE_SURROGATE.test(value)) throw new UnsafeValueError(`internal: the plain env value of ${name} has a control character or an unpaired surrogate`);
    lines.push(`${name}=${value}`);
  }
  return `${lines.join('\n')}\n`;
}

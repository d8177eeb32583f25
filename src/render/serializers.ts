/**
 * One serializer per output language. Every value reaches a generated file through one of these;
 * each either encodes the value so that the format's real parser gives it back unchanged, or throws
 * (the contract should have rejected such a value earlier, so a throw here is an internal error).
 */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** An unpaired UTF-16 surrogate: no UTF-8 file can hold it (it would be written as U+FFFD). */
const LONE_SURROGATE = /\p{Cs}/u;

export class UnsafeValueError extends Error {}

function assertOneLine(value: string, format: string): void {
  if (CONTROL.test(value)) throw new UnsafeValueError(`internal: a ${format} value with control characters reached the renderer`);
  if (LONE_SURROGATE.test(value)) throw new UnsafeValueError(`internal: a ${format} value with an unpaired UTF-16 surrogate reached the renderer`);
}

/** A YAML double-quoted scalar (JSON strings are valid YAML 1.2). */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** A string inside a docker compose file: `$` is doubled so compose does not interpolate it. */
export function composeString(value: string): string {
  return JSON.stringify(value.replaceAll('$', '$$$$'));
}

/**
 * A dotenv value as docker compose reads env_file: single quotes keep everything literal
 * (no interpolation, no escapes) except that compose reads `\'` as an escaped quote, so a value
 * ending in a backslash would lose its closing quote. A value holding a single quote or ending in a
 * backslash is therefore double-quoted with `\\`, `\"` and `$` escaped.
 */
export function dotenvValue(value: string): string {
  assertOneLine(value, 'dotenv');
  if (!value.includes("'") && !value.endsWith('\\')) return `'${value}'`;
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('$', '\\$')}"`;
}

// `%` is plain text in a Caddyfile and valid in the local part of an ACME email the contract accepts.
const CADDY_TOKEN = /^[A-Za-z0-9._%@:/+*-]+$/;

/** A bare Caddyfile token (host, email, upstream). Braces, quotes and spaces never reach the file. */
export function caddyToken(value: string): string {
  if (!CADDY_TOKEN.test(value)) throw new UnsafeValueError(`internal: ${JSON.stringify(value)} is not a safe Caddyfile token`);
  return value;
}

/** A POSIX shell word, single-quoted. */
export function shellWord(value: string): string {
  assertOneLine(value, 'shell');
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** Markdown inline code that survives backticks in the value. */
export function markdownCode(value: string): string {
  assertOneLine(value, 'markdown');
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/**
 * Terraform variable files and backend blocks, written exactly as `terraform fmt` leaves them, so a
 * generated file never shows up as a fmt diff:
 * - consecutive single-line attributes align their `=`; a multi-line attribute stands alone;
 * - a non-empty map is a `{` … `}` block, one attribute per line, keys sorted, quoted only when they
 *   are not plain identifiers; a list of scalars stays on one line, any other list has one element
 *   per line with a trailing comma;
 * - strings are HCL quoted strings: `\`, `"` and control characters escaped, `${` → `$${`, `%{` → `%%{`.
 * HCL reads string literals in Unicode NFC, so a string that is not NFC (or holds an unpaired
 * surrogate) cannot come back unchanged: it is refused, naming its key.
 */
import { UnsafeValueError } from './serializers.js';

export type TfValue = string | number | boolean | null | TfValue[] | { [key: string]: TfValue };
export type TfvarsFormat = 'hcl' | 'json';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Words the HCL expression parser reads as something else when they open an object key. */
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);
const LONE_SURROGATE = /\p{Cs}/u;
const INDENT = '  ';

const isMap = (value: TfValue): value is { [key: string]: TfValue } => value !== null && typeof value === 'object' && !Array.isArray(value);
const sortedKeys = (map: { [key: string]: TfValue }) => Object.keys(map).sort();

function refuse(path: string, why: string, fix: string): never {
  throw new UnsafeValueError(`${path}: ${why}; ${fix}`);
}

/** An HCL quoted string (template escapes included). */
export function hclString(value: string, path = 'value'): string {
  if (LONE_SURROGATE.test(value)) refuse(path, 'holds an unpaired UTF-16 surrogate', 'remove it');
  if (value.normalize('NFC') !== value) refuse(path, 'is not in Unicode NFC (HCL would change it)', 'write it in its NFC form');
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{')}"`;
}

function hclNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) refuse(path, `${value} is not a finite number`, 'give a finite number');
  return String(value);
}

function hclKey(key: string, path: string): string {
  return IDENTIFIER.test(key) && !KEYWORDS.has(key) ? key : hclString(key, path);
}

/** The value on one line, or undefined when fmt style puts it on several. */
function inline(value: TfValue, path: string): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return hclString(value, path);
  if (typeof value === 'number') return hclNumber(value, path);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((item, i) => inline(item, `${path}[${i}]`));
    return parts.every((p): p is string => p !== undefined) ? `[${parts.join(', ')}]` : undefined;
  }
  return Object.keys(value).length === 0 ? '{}' : undefined;
}

/** A value that spans lines: its first line continues the line it starts on. */
function multiline(value: TfValue, path: string, depth: number): string[] {
  const pad = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    const items = value.flatMap((item, i) => {
      const itemPath = `${path}[${i}]`;
      const one = inline(item, itemPath);
      if (one !== undefined) return [`${pad}${INDENT}${one},`];
      const lines = multiline(item, itemPath, depth + 1);
      lines[lines.length - 1] += ',';
      return [`${pad}${INDENT}${lines[0]}`, ...lines.slice(1)];
    });
    return ['[', ...items, `${pad}]`];
  }
  if (!isMap(value)) throw new Error('internal: only lists and maps span lines');
  const entries = sortedKeys(value).map((key) => [hclKey(key, `${path}.${key}`), value[key] as TfValue, `${path}.${key}`] as const);
  return ['{', ...body(entries, depth + 1), `${pad}}`];
}

/**
 * Attribute lines at a depth: runs of single-line attributes align their `=` on the longest key
 * (as fmt does); a multi-line attribute ends a run and is not aligned with anything.
 */
function body(entries: readonly (readonly [key: string, value: TfValue, path: string])[], depth: number): string[] {
  const pad = INDENT.repeat(depth);
  const lines: string[] = [];
  let run: [string, string][] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([key]) => [...key].length));
    for (const [key, text] of run) lines.push(`${pad}${key}${' '.repeat(width - [...key].length)} = ${text}`);
    run = [];
  };
  for (const [key, value, path] of entries) {
    const one = inline(value, path);
    if (one !== undefined) {
      run.push([key, one]);
      continue;
    }
    flush();
    const [first, ...rest] = multiline(value, path, depth);
    lines.push(`${pad}${key} = ${first}`, ...rest);
  }
  flush();
  return lines;
}

function sortedJson(value: TfValue, path: string): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) refuse(path, `${value} is not a finite number`, 'give a finite number');
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) refuse(path, 'holds an unpaired UTF-16 surrogate', 'remove it');
  if (Array.isArray(value)) return value.map((item, i) => sortedJson(item, `${path}[${i}]`));
  if (isMap(value)) return Object.fromEntries(sortedKeys(value).map((key) => [key, sortedJson(value[key] as TfValue, `${path}.${key}`)]));
  return value;
}

/**
 * A `terraform.tfvars` (hcl) or `terraform.tfvars.json` (json) file: top-level variables in the order
 * given, map keys sorted, a newline at the end. Throws UnsafeValueError naming the key when a value
 * cannot be carried (the contract should refuse it first).
 */
export function renderTfvars(values: Readonly<Record<string, TfValue>>, format: TfvarsFormat): string {
  for (const name of Object.keys(values)) {
    if (!IDENTIFIER.test(name)) refuse(name, 'is not a Terraform variable name', 'use letters, digits, _ and -, starting with a letter or _');
  }
  if (format === 'json') {
    const ordered = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, sortedJson(value, name)]));
    return `${JSON.stringify(ordered, null, 2)}\n`;
  }
  const lines = body(
    Object.entries(values).map(([name, value]) => [name, value, name] as const),
    0,
  );
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export interface BackendS3 {
  bucket: string;
  key: string;
  region: string;
  /** State locking with a DynamoDB table (older setups). */
  dynamodb_table?: string;
  /** State locking with an S3 lock file (Terraform 1.10+). */
  use_lockfile?: boolean;
  encrypt?: boolean;
}

/** `backend.tf`: a `terraform { backend "s3" { … } }` block, fmt-clean. */
export function renderBackendS3(backend: BackendS3): string {
  const settings: [string, TfValue][] = [
    ['bucket', backend.bucket],
    ['key', backend.key],
    ['region', backend.region],
  ];
  if (backend.encrypt !== undefined) settings.push(['encrypt', backend.encrypt]);
  if (backend.dynamodb_table !== undefined) settings.push(['dynamodb_table', backend.dynamodb_table]);
  if (backend.use_lockfile !== undefined) settings.push(['use_lockfile', backend.use_lockfile]);
  const lines = body(
    settings.map(([key, value]) => [key, value, `backend.${key}`] as const),
    2,
  );
  return ['terraform {', '  backend "s3" {', ...lines, '  }', '}', ''].join('\n');
}

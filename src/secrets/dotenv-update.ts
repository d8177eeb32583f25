/**
 * Updating a dotenv file in place: each given name's value is replaced where it already stands
 * (every occurrence, keeping an `export ` prefix and a trailing comment), names not yet in the file
 * are appended, and every other line (comments, blank lines, unrelated keys, multi-line quoted
 * values) is kept byte for byte in its order. Values are written as the bundle's env files write
 * them (src/render/serializers.ts).
 */
import { dotenvValue } from '../render/serializers.js';

export interface DotenvUpdate {
  name: string;
  value: string;
}

const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\s*=\s*)(.*)$/s;

/** Where a quoted value that starts on this line ends: this line, or a later one (a multi-line value). */
function quotedEnd(lines: readonly string[], start: number, rest: string): number {
  const quote = rest[0];
  if (quote !== '"' && quote !== "'") return start;
  const closes = (text: string, from: number) => {
    for (let i = from; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === quote) return true;
    }
    return false;
  };
  if (closes(rest, 1)) return start;
  for (let j = start + 1; j < lines.length; j++) if (closes(lines[j] ?? '', 0)) return j;
  return start; // unterminated: leave the rest of the file alone
}

/** The comment after an unquoted value (` # ...`), kept when the value is replaced. */
function trailingComment(rest: string): string {
  if (rest.startsWith('"') || rest.startsWith("'")) {
    const close = rest.lastIndexOf(rest[0] as string);
    const after = close > 0 ? rest.slice(close + 1) : '';
    return /^\s+#/.test(after) ? after : '';
  }
  const at = rest.search(/\s#/);
  return at >= 0 ? rest.slice(at) : '';
}

export function updateDotenv(content: string, updates: readonly DotenvUpdate[]): string {
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const lines = content === '' ? [] : content.split('\n');
  const finalNewline = content === '' || content.endsWith('\n');
  if (finalNewline && lines.length > 0) lines.pop();
  const wanted = new Map(updates.map((u) => [u.name, u.value]));
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const cr = line.endsWith('\r') ? '\r' : '';
    const body = cr ? line.slice(0, -1) : line;
    const match = body.trimStart().startsWith('#') ? null : ASSIGNMENT.exec(body);
    if (!match) {
      out.push(line);
      continue;
    }
    const [, prefix = '', name = '', equals = '=', rest = ''] = match;
    const end = quotedEnd(lines, i, rest);
    const value = wanted.get(name);
    if (value === undefined) {
      for (let j = i; j <= end; j++) out.push(lines[j] ?? '');
    } else {
      const comment = end === i ? trailingComment(rest.replace(/\r$/, '')) : '';
      out.push(`${prefix}${name}${equals.includes(' ') ? '=' : equals}${dotenvValue(value)}${comment}${cr}`);
      seen.add(name);
    }
    i = end;
  }
  for (const { name, value } of updates) {
    if (!seen.has(name)) {
      out.push(`${name}=${dotenvValue(value)}`);
      seen.add(name);
    }
  }
  const joined = out.map((l) => (eol === '\r\n' && !l.endsWith('\r') ? `${l}\r` : l)).join('\n');
  // Every line already ends with \r in a CRLF file: the final \n completes its line ending.
  return out.length === 0 ? '' : `${joined}${finalNewline || out.length > lines.length ? '\n' : ''}`;
}

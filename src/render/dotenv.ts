/**
 * A reader for the dotenv subset the generator writes, with the semantics docker compose gives
 * env_file values: single quotes are literal (but `\'` is an escaped quote); double quotes take
 * \\ \" \$ escapes. Used to parse every env file back before it is planned (and by checks on a
 * bundle on disk).
 */
// `s`: a value may hold U+2028/U+2029, which `.` would not match (compose splits lines on \n only).
const LINE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

export class DotenvSyntaxError extends Error {}

function unquote(raw: string, lineNumber: number): string {
  if (raw.startsWith("'")) {
    // As compose reads it: literal, except that `\'` is an escaped quote (not the closing one).
    let value = '';
    for (let i = 1; i < raw.length; i++) {
      const ch = raw[i];
      const next = raw[i + 1];
      if (ch === '\\' && next !== undefined) {
        value += next === "'" ? next : ch + next;
        i++;
      } else if (ch === "'") {
        if (raw.slice(i + 1).trim() !== '') throw new DotenvSyntaxError(`line ${lineNumber}: text after closing quote`);
        return value;
      } else {
        value += ch;
      }
    }
    throw new DotenvSyntaxError(`line ${lineNumber}: unterminated single quote`);
  }
  if (raw.startsWith('"')) {
    let value = '';
    for (let i = 1; i < raw.length; i++) {
      const ch = raw[i];
      if (ch === '\\') {
        const next = raw[i + 1];
        if (next === undefined) break;
        value += next === 'n' ? '\n' : next;
        i++;
      } else if (ch === '"') {
        if (raw.slice(i + 1).trim() !== '') throw new DotenvSyntaxError(`line ${lineNumber}: text after closing quote`);
        return value;
      } else {
        value += ch;
      }
    }
    throw new DotenvSyntaxError(`line ${lineNumber}: unterminated double quote`);
  }
  const comment = raw.search(/\s#/);
  return (comment >= 0 ? raw.slice(0, comment) : raw).trim();
}

/** Parse; duplicate keys are an error (the generator never writes one). */
export function parseDotenv(content: string): Map<string, string> {
  const values = new Map<string, string>();
  content.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = LINE.exec(trimmed);
    if (!match) throw new DotenvSyntaxError(`line ${index + 1}: expected NAME=value`);
    const [, name = '', raw = ''] = match;
    if (values.has(name)) throw new DotenvSyntaxError(`line ${index + 1}: ${name} is set twice`);
    values.set(name, unquote(raw, index + 1));
  });
  return values;
}

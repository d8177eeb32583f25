/**
 * Tool output reaches a terminal (and the bundle's report) only as plain text: control characters
 * (ANSI escapes, carriage returns, backspaces, C1 controls, bidi overrides) are shown escaped, so a
 * tool, or a file it echoes, cannot move the cursor, recolour, hide lines or rewrite the screen.
 * Newlines and tabs stay (details are multi-line).
 */
// C0 except \t and \n, DEL, C1, and the Unicode bidi/line controls a terminal or viewer honours.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\r': '\\r', '\u001b': '\\e', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0' };

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** At most `max` characters, cut at a line end where possible, saying how much was left out. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max);
  const end = cut > max / 2 ? cut : max;
  return `${text.slice(0, end)}\n… (${text.length - end} more characters)`;
}

/**
 * The limits and text rules of every answer source (answers files and --var flags), as data. Each
 * limit is far above anything a real deployment needs and low enough that parsing stays linear,
 * fast and small in memory; a source over a limit is refused naming the limit, never the value.
 */

export const INPUT_LIMITS = {
  /** An answers file, in bytes (also the longest --var flag). */
  fileBytes: 4 * 1024 * 1024,
  /** One string value (an env value, a secret, a URL), in UTF-8 bytes. */
  valueBytes: 64 * 1024,
  /** One key (a contract key or an env name), in characters. */
  keyChars: 256,
  /** Entries of one mapping (e.g. api_env). */
  mapEntries: 10_000,
  /** Items of one list (e.g. ingress_hosts). */
  listItems: 100,
  /** Nesting of mappings and lists (the contract itself needs 3: api_resources.requests.cpu). */
  depth: 16,
  /** YAML aliases (`*name`) in one file: a few are handy, thousands are an alias bomb. */
  aliases: 100,
  /** Values all the aliases of one file stand for, together (an alias bomb expands to billions). */
  aliasValues: 10_000,
  /** Values and keys read from one source, aliases expanded. */
  nodes: 200_000,
  /** --var flags in one run. */
  varFlags: 10_000,
} as const;

export const LIMITS_TEXT = {
  fileBytes: '4 MiB',
  valueBytes: '64 KiB',
} as const;

/** Keys that would reach an object's prototype instead of the object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** C1 control characters (U+0080-U+009F, U+0085 NEL included): YAML and Helm treat some as line breaks. */
const C1_CONTROL = /[\u0080-\u009f]/;
/** Unicode non-characters: U+FDD0-U+FDEF and the last two code points of every plane. */
const NON_CHARACTER = /[\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/;
/** An unpaired UTF-16 surrogate (from a `"\ud800"` escape): no UTF-8 file can hold it. */
const LONE_SURROGATE = /\p{Cs}/u;

const encoder = new TextEncoder();

export function utf8Bytes(value: string): number {
  return encoder.encode(value).length;
}

/** Why a text (a key or a string value) cannot be an answer, or undefined when it can. */
export function textProblem(value: string, what: 'key' | 'value'): string | undefined {
  if (what === 'key' && value.length > INPUT_LIMITS.keyChars) return `the key is longer than the limit of ${INPUT_LIMITS.keyChars} characters`;
  // A UTF-16 unit is at most 3 UTF-8 bytes: shorter strings need no encoding.
  if (what === 'value' && value.length * 3 > INPUT_LIMITS.valueBytes && utf8Bytes(value) > INPUT_LIMITS.valueBytes) {
    return `the value is longer than the limit of ${LIMITS_TEXT.valueBytes} (${utf8Bytes(value)} bytes of UTF-8)`;
  }
  if (C1_CONTROL.test(value)) return `the ${what} contains a C1 control character (U+0080-U+009F, e.g. U+0085), which YAML and Helm read as a line break or drop`;
  if (NON_CHARACTER.test(value)) return `the ${what} contains a Unicode non-character (U+FDD0-U+FDEF, U+FFFE, U+FFFF, ...), which tools replace or drop`;
  if (LONE_SURROGATE.test(value)) return `the ${what} has an unpaired UTF-16 surrogate (e.g. from a "\\ud800" escape), which a file cannot hold`;
  return undefined;
}

/** Line and column (both 1-based) of each offset in a text, computed once per text. */
export function lineColumns(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
}

/**
 * A small JSON reader (RFC 8259) that builds the answer tree with positions, so that JSON inputs
 * follow the same rules as YAML: duplicate keys are refused (JSON.parse keeps the last), numbers
 * keep their source text (JSON.parse turns `1.10` into 1.1), and a syntax error names its position
 * and key path instead of quoting the input, as JSON.parse's messages do. Linear in the input;
 * nesting is bounded, so a deep input cannot overflow the stack.
 */
import type { TreeEntry, TreeNode } from './answer-tree.js';
import { INPUT_LIMITS } from './input-limits.js';

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly path: readonly string[],
  ) {
    super(reason);
  }
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function readJsonTree(text: string): TreeNode {
  let pos = 0;
  const path: string[] = [];
  const fail = (reason: string, at = pos): never => {
    throw new JsonSyntaxError(reason, at, [...path]);
  };
  const skip = () => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.test(text);
    pos = WHITESPACE.lastIndex;
  };
  const string = (): string => {
    const start = pos;
    pos++; // the opening quote
    let out = '';
    for (;;) {
      STRING_RUN.lastIndex = pos;
      STRING_RUN.test(text);
      out += text.slice(pos, STRING_RUN.lastIndex);
      pos = STRING_RUN.lastIndex;
      const char = text[pos];
      if (char === '"') {
        pos++;
        return out;
      }
      if (char === undefined) fail('a string is not closed', start);
      if (char !== '\\') fail('a string contains a control character (write it as an escape such as \\n)');
      const escape = text[pos + 1] ?? '';
      if (escape === 'u') {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('a \\u escape needs four hex digits');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        pos += 6;
      } else if (Object.hasOwn(ESCAPES, escape)) {
        out += ESCAPES[escape];
        pos += 2;
      } else {
        fail('a string has an invalid escape (only \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
      }
    }
  };
  const value = (depth: number): TreeNode => {
    skip();
    const start = pos;
    const char = text[pos];
    if (depth > INPUT_LIMITS.depth) fail(`nests deeper than the limit of ${INPUT_LIMITS.depth} levels`);
    if (char === '{') {
      pos++;
      const entries: TreeEntry[] = [];
      skip();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'map', offset: start, end: pos, entries };
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail('expected a key in double quotes');
        const keyOffset = pos;
        const key = string();
        skip();
        if (text[pos] !== ':') fail('expected : after a key');
        pos++;
        path.push(key);
        entries.push({ key, offset: keyOffset, value: value(depth + 1) });
        path.pop();
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return { kind: 'map', offset: start, end: pos, entries };
        }
        fail('expected , or } after a value in an object');
      }
    }
    if (char === '[') {
      pos++;
      const items: TreeNode[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return { kind: 'list', offset: start, end: pos, items };
      }
      for (;;) {
        path.push(String(items.length));
        items.push(value(depth + 1));
        path.pop();
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return { kind: 'list', offset: start, end: pos, items };
        }
        fail('expected , or ] after a value in a list');
      }
    }
    if (char === '"') {
      const parsed = string();
      return { kind: 'scalar', offset: start, end: pos, value: parsed, text: parsed };
    }
    for (const [word, meaning] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return { kind: 'scalar', offset: start, end: pos, value: meaning, text: word };
      }
    }
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(text)?.[0];
    if (number) {
      pos += number.length;
      return { kind: 'scalar', offset: start, end: pos, value: Number(number), text: number };
    }
    return fail(char === undefined ? 'the input ends where a value was expected' : 'unexpected character where a value was expected (strings need double quotes)');
  };
  const root = value(0);
  skip();
  if (pos < text.length) fail('unexpected text after the end of the JSON value');
  return root;
}

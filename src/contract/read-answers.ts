/**
 * Answers files and JSON --var values, from bytes to an answer layer, pure. The bytes must be
 * UTF-8 (decoded with a fatal decoder: nothing silently becomes U+FFFD); YAML and JSON build the
 * same tree, and one walk applies the rules (answer-tree.ts). A problem names the source, the line
 * and column and the key path; no message quotes the input, so no secret reaches the terminal.
 */
import type { Problem } from '../errors.js';
import { pathAtOffset, showablePath, treeValues, type SourcePosition, type TreeNode } from './answer-tree.js';
import { INPUT_LIMITS, LIMITS_TEXT, lineColumns } from './input-limits.js';
import { JsonSyntaxError, readJsonTree } from './json-reader.js';
import type { AnswerLayer } from './resolve.js';
import { readYamlTree } from './yaml-reader.js';

export type AnswersFormat = 'yaml' | 'json';

export type ReadResult = { ok: true; layer: AnswerLayer } | { ok: false; problems: Problem[] };

/** More problems than this from one source are summarised: the first ones show what is wrong. */
const SHOWN_PROBLEMS = 50;

export function answersFormat(path: string): AnswersFormat {
  return /\.json$/i.test(path) ? 'json' : 'yaml';
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [length, min, max] = b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

function positions(source: string, text: string): SourcePosition {
  const lc = lineColumns(text);
  return {
    source,
    at: (offset) => {
      const { line, column } = lc(offset);
      return `line ${line}, column ${column}`;
    },
  };
}

function capped(problems: Problem[], source: string): Problem[] {
  if (problems.length <= SHOWN_PROBLEMS) return problems;
  return [...problems.slice(0, SHOWN_PROBLEMS), { key: source, message: `and ${problems.length - SHOWN_PROBLEMS} more problems in ${source}` }];
}

/** The tree of a text in either format, or its syntax problems (with the key path where they are). */
function parseTree(text: string, format: AnswersFormat, where: SourcePosition, basePath: readonly string[]): { tree?: TreeNode; problems: Problem[] } {
  const problem = (path: readonly string[], reason: string, offset: number): Problem => {
    const { key, note } = showablePath([...basePath, ...path], where.source);
    return { key, message: `${reason} (${where.source}, ${where.at(offset)}${note})` };
  };
  if (format === 'json') {
    try {
      return { tree: readJsonTree(text), problems: [] };
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      return { problems: [problem(error.path, `is not valid JSON: ${error.reason}`, error.offset)] };
    }
  }
  const { tree, syntax } = readYamlTree(text);
  if (syntax.length === 0) return tree ? { tree, problems: [] } : { problems: [] };
  return { problems: syntax.map((s) => problem(pathAtOffset(tree, s.offset), s.reason, s.offset)) };
}

/** An answers file's bytes as an answer layer: a mapping of keys to values. */
export function readAnswersBytes(bytes: Uint8Array, source: string, format: AnswersFormat = answersFormat(source)): ReadResult {
  if (bytes.length > INPUT_LIMITS.fileBytes) {
    return { ok: false, problems: [{ key: source, message: `is ${bytes.length.toLocaleString('en')} bytes, more than the limit of ${LIMITS_TEXT.fileBytes} for an answers file` }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Where: decode the text before the bad byte, then find the key whose entry spans that point.
    const bad = Math.max(0, invalidUtf8Offset(bytes));
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const offset = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).length; // both decodes drop a BOM
    const where = positions(source, lossy);
    const { tree } = parseTree(lossy, format, where, []);
    const { key, note } = showablePath(pathAtOffset(tree, offset), source);
    return { ok: false, problems: [{ key, message: `is not valid UTF-8 text: save the file as UTF-8 (${source}, ${where.at(offset)}${note})` }] };
  }
  return readAnswersText(text, source, format);
}

export function readAnswersText(text: string, source: string, format: AnswersFormat): ReadResult {
  const where = positions(source, text);
  const parsed = parseTree(text, format, where, []);
  if (parsed.problems.length > 0) return { ok: false, problems: capped(parsed.problems, source) };
  if (!parsed.tree) return { ok: true, layer: { source, values: {} } };
  const { value, problems } = treeValues(parsed.tree, where);
  if (problems.length > 0) return { ok: false, problems: capped(problems, source) };
  if (value === null || value === undefined) return { ok: true, layer: { source, values: {} } };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [{ key: source, message: `must hold a mapping of keys to values (${source}, ${where.at(parsed.tree.offset)})`, hint: 'e.g. preset: vps' }] };
  }
  return { ok: true, layer: { source, values: value as Record<string, unknown> } };
}

/** A JSON --var value (`--var 'api_env={"VERSION":"1.10"}'`), read with the same rules; keys are under `key`. */
export function readJsonVar(key: string, raw: string): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  const source = `--var ${key}`;
  const where: SourcePosition = { source, at: (offset) => `column ${offset + key.length + 2}` };
  const parsed = parseTree(raw, 'json', where, [key]);
  if (parsed.problems.length > 0 || !parsed.tree) return { ok: false, problems: parsed.problems };
  const { value, problems } = treeValues(parsed.tree, where, [key]);
  return problems.length > 0 ? { ok: false, problems: capped(problems, source) } : { ok: true, value };
}

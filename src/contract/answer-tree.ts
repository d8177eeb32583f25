/**
 * The answers as a syntax tree, the same for YAML and JSON, and the one walk that turns it into
 * plain values. The walk enforces the input rules in a single linear pass: no key twice in a
 * mapping (a Set per mapping), no prototype keys, the size limits, text that files and tools carry
 * unchanged, and env values that keep their source text (`1.10` stays `1.10`). Every problem names
 * the key path and the position, never the value.
 */
import type { Problem } from '../errors.js';
import { FORBIDDEN_KEYS, INPUT_LIMITS, textProblem } from './input-limits.js';
import { secretShape } from './secret-shapes.js';

export type TreeNode =
  | { kind: 'map'; offset: number; end: number; entries: TreeEntry[] }
  | { kind: 'list'; offset: number; end: number; items: TreeNode[] }
  /** `text` is the scalar as written (a number's digits), `value` what it means. */
  | { kind: 'scalar'; offset: number; end: number; value: string | number | boolean | null; text: string }
  /** A node the reader refuses (an unknown tag, a set, an alias to nothing): `reason` says why. */
  | { kind: 'refused'; offset: number; end: number; reason: string };

export interface TreeEntry {
  /** The key's text, or undefined when the key is not plain text (a mapping as a key, an empty key). */
  key: string | undefined;
  offset: number;
  value: TreeNode;
}

/** Where a source's positions point: `line` for files, columns only for a one-line --var. */
export interface SourcePosition {
  source: string;
  at(offset: number): string;
}

/** Keys whose values are env values: their scalars are read as the text they were written as. */
const ENV_MAPS = new Set(['api_env', 'web_env', 'api_secrets', 'web_secrets']);
const UPPER_ENV = /^\s*[A-Z_][A-Z0-9_]*\s*$/;

function isEnvEntry(path: readonly string[]): boolean {
  const top = (path[0] ?? '').trim();
  if (path.length === 2) return ENV_MAPS.has(top);
  // A dotted map entry (`api_env.VERSION: 1.10`) or an upper-case alias key (`S3_BUCKET: 0123`).
  return path.length === 1 && (ENV_MAPS.has(top.split('.')[0] ?? '') || UPPER_ENV.test(top));
}

class Budget extends Error {}

/** A key as it may be shown: a contract key (lower_snake), an env name (UPPER_SNAKE) or a list index. */
const SHOWABLE = /^([a-z_][a-z0-9_]{0,63}|[A-Z_][A-Z0-9_]{0,63}|[0-9]{1,6})$/;

/**
 * The key path of a problem as it may be shown. Keys come from the input too: in a broken file a
 * secret value can end up in key position (a lost `:` or indentation). So a path is shown only up to
 * the first segment that is not a plain name (or looks like a secret), and says that it stops there.
 */
export function showablePath(path: readonly string[], source: string): { key: string; note: string } {
  const shown: string[] = [];
  for (const segment of path.flatMap((part, index) => (index === 0 ? part.trim().split('.') : [part]))) {
    if (!SHOWABLE.test(segment) || secretShape(segment)) return { key: shown.join('.') || source, note: ', under a key that is not a plain name' };
    shown.push(segment);
  }
  return { key: shown.join('.') || source, note: '' };
}

/** The tree's values, or every problem found (each with its key path and position). */
export function treeValues(root: TreeNode, where: SourcePosition, basePath: readonly string[] = []): { value: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  let nodes = 0;
  const problem = (path: readonly string[], offset: number, message: string) => {
    const { key, note } = showablePath(path, where.source);
    problems.push({ key, message: `${message} (${where.source}, ${where.at(offset)}${note})` });
  };

  const walk = (node: TreeNode, path: readonly string[], depth: number): unknown => {
    if (++nodes > INPUT_LIMITS.nodes) {
      problem(path, node.offset, `has more than ${INPUT_LIMITS.nodes.toLocaleString('en')} values and keys (aliases expanded), the limit of one source`);
      throw new Budget();
    }
    switch (node.kind) {
      case 'refused':
        problem(path, node.offset, node.reason);
        return undefined;
      case 'scalar': {
        const value = isEnvEntry(path) && node.value !== null && typeof node.value !== 'string' ? node.text : node.value;
        if (typeof value === 'string') {
          const reason = textProblem(value, 'value');
          if (reason) {
            problem(path, node.offset, reason);
            return undefined;
          }
        }
        return value;
      }
      case 'list': {
        if (depth >= INPUT_LIMITS.depth) return void problem(path, node.offset, `nests deeper than the limit of ${INPUT_LIMITS.depth} levels`);
        if (node.items.length > INPUT_LIMITS.listItems) return void problem(path, node.offset, `has ${node.items.length} items, more than the limit of ${INPUT_LIMITS.listItems} per list`);
        return node.items.map((item, index) => walk(item, [...path, String(index)], depth + 1));
      }
      case 'map': {
        if (depth >= INPUT_LIMITS.depth) return void problem(path, node.offset, `nests deeper than the limit of ${INPUT_LIMITS.depth} levels`);
        if (node.entries.length > INPUT_LIMITS.mapEntries) {
          return void problem(path, node.offset, `has ${node.entries.length.toLocaleString('en')} entries, more than the limit of ${INPUT_LIMITS.mapEntries.toLocaleString('en')} per mapping`);
        }
        const out: Record<string, unknown> = {};
        const seen = new Map<string, number>();
        for (const entry of node.entries) {
          if (entry.key === undefined) {
            problem(path, entry.offset, 'has a key that is not plain text (empty, or a list or mapping used as a key)');
            continue;
          }
          const keyPath = [...path, entry.key];
          const keyReason = textProblem(entry.key, 'key');
          if (keyReason) {
            problem(path, entry.offset, keyReason);
            continue;
          }
          if (FORBIDDEN_KEYS.has(entry.key.trim())) {
            problem(keyPath, entry.offset, `${entry.key.trim()} cannot be a key (it would reach the object's prototype)`);
            continue;
          }
          const first = seen.get(entry.key);
          if (first !== undefined) {
            problem(keyPath, entry.offset, `is given twice in the same mapping (first at ${where.at(first)})`);
            continue;
          }
          seen.set(entry.key, entry.offset);
          const value = walk(entry.value, keyPath, depth + 1);
          if (value !== undefined) out[entry.key] = value;
        }
        return out;
      }
    }
  };
  try {
    return { value: walk(root, basePath, 0), problems };
  } catch (error) {
    if (error instanceof Budget) return { value: undefined, problems };
    throw error;
  }
}

/** The key path of the innermost entry whose key or value spans an offset (for syntax errors). */
export function pathAtOffset(root: TreeNode | undefined, offset: number): string[] {
  const path: string[] = [];
  let node = root;
  for (let guard = 0; node && guard < INPUT_LIMITS.depth * 2; guard++) {
    let next: TreeNode | undefined;
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        if (offset >= entry.offset && offset <= Math.max(entry.value.end, entry.offset)) {
          if (entry.key !== undefined) path.push(entry.key);
          next = entry.value;
          break;
        }
      }
    } else if (node.kind === 'list') {
      const index = node.items.findIndex((item) => offset >= item.offset && offset <= item.end);
      if (index >= 0) {
        path.push(String(index));
        next = node.items[index];
      }
    }
    node = next;
  }
  return path;
}

/**
 * YAML answers through the yaml library's Document API into the answer tree. The library never
 * prints (logLevel silent) and its warnings are errors here; its own duplicate-key check is off
 * (it is quadratic in the keys of a mapping: 20,000 env entries took 23 s), the tree walk checks
 * duplicates with a Set instead. Tags other than the core schema's are refused (an unknown
 * `!secret` would otherwise be dropped with a warning quoting the line), and so are `!!set`,
 * `!!omap`, `!!pairs`, `!!binary` and `!!timestamp`; aliases are resolved here, a limited number.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import type { TreeNode } from './answer-tree.js';
import { INPUT_LIMITS } from './input-limits.js';

const CORE = 'tag:yaml.org,2002:';
const SCALAR_TAGS = new Set(['!', `${CORE}str`, `${CORE}int`, `${CORE}float`, `${CORE}bool`, `${CORE}null`]);

/** What each of the library's error codes means, in words that never quote the input. */
const YAML_CODES: Record<string, string> = {
  BAD_INDENT: 'bad indentation',
  TAB_AS_INDENT: 'a tab used as indentation (use spaces)',
  BLOCK_AS_IMPLICIT_KEY: 'a key and value on one line where a nested mapping needs its own line (or quote the value)',
  MULTILINE_IMPLICIT_KEY: 'a key that spans lines (or a missing : after a key)',
  DUPLICATE_KEY: 'a key given twice',
  BAD_DQ_ESCAPE: 'an invalid escape in a double-quoted string',
  MISSING_CHAR: 'a missing closing quote or bracket',
  UNEXPECTED_TOKEN: 'unexpected text',
  BAD_SCALAR_START: 'a value that cannot start with this character (quote it)',
  TAG_RESOLVE_FAILED: 'an unknown YAML tag',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters',
  MULTIPLE_ANCHORS: 'two anchors on one node',
  MULTIPLE_TAGS: 'two tags on one node',
  BAD_ALIAS: 'an alias that cannot be used here',
  ALIAS_PROPS: 'an alias with an anchor or tag',
  BAD_DIRECTIVE: 'an invalid % directive',
  BLOCK_IN_FLOW: 'a block value inside a flow collection ({...} or [...])',
};

export interface YamlSyntaxProblem {
  reason: string;
  offset: number;
}

const range = (node: { range?: readonly number[] | null } | null | undefined, fallback: number) => ({
  offset: node?.range?.[0] ?? fallback,
  end: node?.range?.[1] ?? node?.range?.[0] ?? fallback,
});

/** The tree of a YAML text, or the syntax problems (errors and warnings alike) with their offsets. */
export function readYamlTree(text: string): { tree: TreeNode | undefined; syntax: YamlSyntaxProblem[] } {
  const docs = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'silent', prettyErrors: false, strict: true, version: '1.2' });
  if (!Array.isArray(docs)) return { tree: undefined, syntax: [] };
  const syntax: YamlSyntaxProblem[] = [];
  const describe = (error: YAMLError) => ({ reason: `is not valid YAML: ${YAML_CODES[error.code] ?? `error ${error.code}`}`, offset: error.pos[0] });
  // Warnings are problems too; an unresolved tag is left to the tree, which refuses every tag but the core ones.
  for (const doc of docs) syntax.push(...doc.errors.map(describe), ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED').map(describe));
  if (docs.length > 1) syntax.push({ reason: 'holds more than one YAML document (--- separators): put the answers in one', offset: docs[1]?.range[0] ?? 0 });
  const doc = docs[0];
  return { tree: doc ? documentTree(doc) : undefined, syntax };
}

function documentTree(doc: Document): TreeNode {
  const converted = new Map<YamlNode, TreeNode | 'in progress'>();
  let aliases = 0;
  // Values an alias stands for count as often as it is used: an alias bomb (each level nine aliases of
  // the one before) is refused here, by the size of what it would expand to, before anything expands.
  let expanded = 0;
  const sizes = new Map<TreeNode, number>();
  const size = (tree: TreeNode): number => {
    const known = sizes.get(tree);
    if (known !== undefined) return known;
    const total = Math.min(Number.MAX_SAFE_INTEGER, 1 + (tree.kind === 'map' ? tree.entries.reduce((n, e) => n + 1 + size(e.value), 0) : tree.kind === 'list' ? tree.items.reduce((n, i) => n + size(i), 0) : 0));
    sizes.set(tree, total);
    return total;
  };
  const convert = (node: unknown, fallback: number): TreeNode => {
    if (node === null || node === undefined) return { kind: 'scalar', offset: fallback, end: fallback, value: null, text: '' };
    const at = range(node as { range?: number[] }, fallback);
    if (isAlias(node)) {
      if (++aliases > INPUT_LIMITS.aliases) return { kind: 'refused', ...at, reason: `uses more than ${INPUT_LIMITS.aliases} YAML aliases (*name), the limit of one file` };
      const target = node.resolve(doc);
      if (!target) return { kind: 'refused', ...at, reason: 'is an alias (*name) to an anchor that is not defined before it' };
      const done = converted.get(target);
      if (done === 'in progress') return { kind: 'refused', ...at, reason: 'is an alias (*name) to a node that contains it' };
      const tree = done ?? convert(target, at.offset);
      expanded += size(tree);
      if (expanded > INPUT_LIMITS.aliasValues) return { kind: 'refused', ...at, reason: `makes the aliases (*name) of this file stand for more than ${INPUT_LIMITS.aliasValues.toLocaleString('en')} values, the limit (an alias bomb expands to billions)` };
      return tree;
    }
    const tag = (node as { tag?: string }).tag;
    if (isScalar(node)) {
      if (tag !== undefined && !SCALAR_TAGS.has(tag)) return { kind: 'refused', ...at, reason: 'has a YAML tag that answers do not take (only !!str, !!int, !!float, !!bool, !!null)' };
      const value = node.value;
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) return { kind: 'refused', ...at, reason: 'is not text, a number, a boolean or null' };
      const text = typeof value === 'string' ? value : (node.source ?? String(value));
      return { kind: 'scalar', ...at, value: value as string | number | boolean | null, text };
    }
    const collection = isMap(node) ? 'map' : isSeq(node) ? 'list' : undefined;
    if (!collection) return { kind: 'refused', ...at, reason: 'is not a value answers take' };
    if (tag !== undefined && tag !== `${CORE}${collection === 'map' ? 'map' : 'seq'}`) {
      return { kind: 'refused', ...at, reason: 'has a YAML tag that answers do not take (!!set, !!omap, !!pairs and custom tags are refused; write a plain mapping or list)' };
    }
    converted.set(node as YamlNode, 'in progress');
    let tree: TreeNode;
    if (isMap(node)) {
      tree = {
        kind: 'map',
        ...at,
        entries: node.items.map((pair) => {
          const keyAt = range(pair.key as { range?: number[] }, at.offset);
          const key = isScalar(pair.key) && pair.key.value !== null && (!pair.key.tag || SCALAR_TAGS.has(pair.key.tag)) ? (typeof pair.key.value === 'string' ? pair.key.value : (pair.key.source ?? String(pair.key.value))) : undefined;
          return { key, offset: keyAt.offset, value: convert(pair.value, keyAt.end) };
        }),
      };
    } else {
      const seq = node as { items: unknown[] };
      tree = { kind: 'list', ...at, items: seq.items.map((item) => convert(item, at.offset)) };
    }
    converted.set(node as YamlNode, tree);
    return tree;
  };
  return convert(doc.contents, 0);
}

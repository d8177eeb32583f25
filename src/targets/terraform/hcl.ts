/**
 * Parsing Terraform files (`.tf`, `.tfvars`, `.tftest.hcl`) with HashiCorp's own HCL parser, built to
 * WebAssembly (@cdktf/hcl2json). It is loaded on the first parse only: its start-up (~100–200 ms)
 * is paid by Terraform bundles alone, never by the CLI's start or by other targets.
 *
 * The JSON it gives follows Terraform's JSON syntax: blocks are lists of bodies, expressions are
 * `${…}` templates, and a literal `${` in a string shows as `$${`.
 */
export type HclJson = Record<string, unknown>;

export type ParsedHcl = { ok: true; json: HclJson } | { ok: false; problem: string };

/** A file parsed at build time (a blueprint's static file): its exact text and the parser's JSON for it. */
export interface KnownParse {
  text: string;
  json: HclJson;
}

/** A file's exact text → the parser's JSON for it (the parse does not depend on the file's name or place). */
export type KnownParses = ReadonlyMap<string, HclJson>;

export function knownParses(parses: Iterable<KnownParse>): KnownParses {
  return new Map([...parses].map((p) => [p.text, p.json]));
}

type Parse = (fileName: string, content: string) => Promise<HclJson>;
let parser: Promise<Parse> | undefined;

function loadParser(): Promise<Parse> {
  parser ??= import('@cdktf/hcl2json').then((module) => module.parse as Parse);
  return parser;
}

/** Start loading the parser (its WebAssembly start) without parsing anything yet. */
export function preloadHclParser(): Promise<unknown> {
  return loadParser();
}

/**
 * `parse config: [a.tf:2,7-3,1: Invalid expression; Expected …., b.tf:…]` → one line per diagnostic,
 * `a.tf:2:7: Invalid expression; Expected …`.
 */
export function syntaxProblems(path: string, message: string): string[] {
  const inner = /^parse config: \[([\s\S]*)\]$/.exec(message.trim())?.[1] ?? message.trim();
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const starts = [...inner.matchAll(new RegExp(`(?:^|\\s)${escaped}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `, 'g'))];
  if (starts.length === 0) return [`${path}: ${inner}`];
  return starts.map((match, i) => {
    const end = starts[i + 1]?.index ?? inner.length;
    const text = inner.slice((match.index ?? 0) + match[0].length, end).trim();
    return `${path}:${match[1]}:${match[2]}: ${text}`;
  });
}

/** One parse: the JSON, or the syntax problem as `path:line:col: message`. */
export async function parseHcl(path: string, content: string): Promise<ParsedHcl> {
  const parse = await loadParser();
  try {
    return { ok: true, json: await parse(path, content) };
  } catch (error) {
    return { ok: false, problem: syntaxProblems(path, (error as Error).message).join('\n') };
  }
}

/**
 * Every file parsed (in parallel; the parser serialises them itself), keyed by path. A file whose text
 * is exactly that of a build-time parse (`known`) takes that parse: the same parser gave it for the
 * same bytes. Any other text (a hand edit, a generated file) is parsed here.
 */
export async function parseHclFiles(files: ReadonlyMap<string, string>, known: KnownParses = new Map()): Promise<Map<string, ParsedHcl>> {
  const entries = [...files];
  const parsed = await Promise.all(
    entries.map(([path, content]) => {
      const prior = known.get(content);
      return prior ? ({ ok: true, json: prior } as const) : parseHcl(path, content);
    }),
  );
  return new Map(entries.map(([path], i) => [path, parsed[i] as ParsedHcl]));
}

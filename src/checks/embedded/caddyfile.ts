/**
 * A small reader for the Caddyfile structure the generator writes: global options, snippets and
 * site blocks with their directives. Enough to check routing invariants on a generated (or
 * hand-edited) file; the real `caddy validate` is the full parser.
 */
export interface CaddyBlock {
  /** The header tokens, e.g. ['app.example.com'] or ['(common)'] or [] for global options. */
  header: string[];
  /** Every line inside the block (nested blocks flattened), trimmed, without comments. */
  lines: string[];
}

export class CaddyfileSyntaxError extends Error {}

export function readCaddyfile(content: string): CaddyBlock[] {
  const blocks: CaddyBlock[] = [];
  let current: CaddyBlock | undefined;
  let depth = 0;
  content.split('\n').forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const opens = (line.match(/\{(?![$\w])/g) ?? []).length;
    const closes = (line.match(/(?<![$\w:])\}/g) ?? []).length;
    if (depth === 0) {
      if (!line.endsWith('{')) throw new CaddyfileSyntaxError(`line ${index + 1}: expected a block opening with {`);
      current = { header: line.slice(0, -1).trim().split(/\s+/).filter(Boolean), lines: [] };
      blocks.push(current);
    } else if (!(depth === 1 && line === '}')) {
      current?.lines.push(line);
    }
    depth += opens - closes;
    if (depth < 0) throw new CaddyfileSyntaxError(`line ${index + 1}: unbalanced }`);
  });
  if (depth !== 0) throw new CaddyfileSyntaxError('unbalanced braces: a block is not closed');
  return blocks;
}

/** Upstreams of every reverse_proxy directive in a block. */
export function upstreams(block: CaddyBlock): string[] {
  return block.lines.filter((l) => l.startsWith('reverse_proxy ')).flatMap((l) => l.split(/\s+/).slice(1).filter((t) => t !== '{'));
}

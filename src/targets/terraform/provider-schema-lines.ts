/**
 * Line numbers for the schema check. The HCL parser's JSON carries none, so they are found in the
 * file's text: the block's header line (`resource "aws_s3_bucket" "assets" {`), then each nested
 * block of the path in turn (the n-th `name {` or `dynamic "name" {` after its parent's line), then
 * the argument (`name =`). The search stops at the next top-level block (a line starting with a
 * block keyword at column 0, as `terraform fmt` writes it). A good approximation, not a parser:
 * when a step is not found (an unusual layout), the line of the last step found is given.
 */

/** A step of a path inside a block: a nested block (the index-th of its name), or a key (an argument or a block, the first one). */
export type PathStep = { block: string; index: number } | { argument: string };

const TOP_LEVEL = /^(resource|data|module|provider|locals|variable|output|terraform|check|import|moved|removed)\b/;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class LineFinder {
  private readonly lines: string[];
  constructor(text: string) {
    this.lines = text.split('\n');
  }

  /** The 0-based index of a top-level block's header line and the end (exclusive) of its span. */
  private header(keyword: string, labels: readonly string[]): { start: number; end: number } | undefined {
    const pattern = new RegExp(`^${keyword}${labels.map((l) => `\\s+"?${escape(l)}"?`).join('')}\\s*\\{`);
    const start = this.lines.findIndex((line) => pattern.test(line));
    if (start < 0) return undefined;
    let end = start + 1;
    while (end < this.lines.length && !TOP_LEVEL.test(this.lines[end] ?? '')) end++;
    return { start, end };
  }

  /** The index of the `wanted`-th (0-based) line in [from, to) matching `pattern`, at `indent` when given. */
  private nth(pattern: RegExp, from: number, to: number, wanted: number, indent?: number): number | undefined {
    let seen = -1;
    for (let i = from; i < to; i++) {
      const match = pattern.exec(this.lines[i] ?? '');
      if (!match || (indent !== undefined && (match[1] ?? '').length !== indent)) continue;
      if (++seen === wanted) return i;
    }
    return undefined;
  }

  /** The 1-based line of `path` inside the block `keyword "label"…`, or of its closest found ancestor (1 when none). */
  lineOf(keyword: string, labels: readonly string[], path: readonly PathStep[] = []): number {
    const span = this.header(keyword, labels);
    if (!span) return 1;
    let at = span.start;
    for (const [depth, step] of path.entries()) {
      const name = 'block' in step ? step.block : step.argument;
      const head = 'block' in step ? `${escape(name)}\\s*\\{` : `${escape(name)}\\s*[={]`;
      const pattern = new RegExp(`^(\\s*)(${head}|dynamic\\s+"${escape(name)}"\\s*\\{)`);
      const wanted = 'block' in step ? step.index : 0;
      // terraform fmt indents two spaces a level: prefer lines at the step's own depth.
      const found = this.nth(pattern, at + 1, span.end, wanted, 2 * (depth + 1)) ?? this.nth(pattern, at + 1, span.end, wanted);
      if (found === undefined) break;
      at = found;
    }
    return at + 1;
  }
}

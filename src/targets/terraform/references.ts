/**
 * The references in one Terraform expression, as hcl2json gives it: a JSON string in Terraform's
 * template form (`"${var.a}-${local.b}"`, `$${` for a literal `${`). A small lexer, not a full
 * expression parser: it finds every traversal (`root.attr…`, with `[…]` indexes and splats), and
 * leaves out function calls (`upper(…)`, `provider::aws::arn_parse(…)`), attributes of other values
 * (`f(x).attr`), object keys, string contents, and the iterators a `for` expression binds.
 */

/** A traversal with at least one attribute after its root: `var.x`, `aws_s3_bucket.b.arn`. */
export interface Traversal {
  /** The root and the attribute names that follow it (indexes and splats left out), e.g. ['module', 'env', 'name']. */
  parts: string[];
  /** The traversal as written, up to its third part (for messages). */
  text: string;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

class Lexer {
  pos = 0;
  readonly found: Traversal[] = [];
  /** Names bound by `for` expressions anywhere in this expression (a scope approximation). */
  readonly bound = new Set<string>();
  constructor(readonly src: string) {}

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private skipSpace(): void {
    for (;;) {
      const ch = this.peek();
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') this.pos++;
      else if (ch === '#' || (ch === '/' && this.peek(1) === '/')) {
        while (this.pos < this.src.length && this.peek() !== '\n') this.pos++;
      } else if (ch === '/' && this.peek(1) === '*') {
        const end = this.src.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.src.length : end + 2;
      } else return;
    }
  }

  private ident(): string {
    const start = this.pos;
    while (IDENT_PART.test(this.peek())) this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** A template's text up to `end` (a closing quote inside an expression, or the end of the input). */
  template(quoted: boolean): void {
    while (this.pos < this.src.length) {
      const ch = this.peek();
      if (quoted && ch === '"') {
        this.pos++;
        return;
      }
      if (quoted && ch === '\\') {
        this.pos += 2;
        continue;
      }
      if ((ch === '$' || ch === '%') && this.peek(1) === ch && this.peek(2) === '{') {
        this.pos += 3;
        continue;
      }
      if ((ch === '$' || ch === '%') && this.peek(1) === '{') {
        this.pos += 2;
        this.expression('}');
        this.pos++;
        continue;
      }
      this.pos++;
    }
  }

  private heredoc(): void {
    const match = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.src.slice(this.pos));
    if (!match) {
      this.pos += 2;
      return;
    }
    const marker = match[1] ?? '';
    const bodyStart = this.pos + match[0].length;
    const close = new RegExp(`^[ \\t]*${marker}[ \\t]*$`, 'm');
    const rest = this.src.slice(bodyStart);
    const end = close.exec(rest);
    const body = end ? rest.slice(0, end.index) : rest;
    const inner = new Lexer(body);
    inner.template(false);
    this.found.push(...inner.found);
    this.pos = bodyStart + (end ? end.index + end[0].length : rest.length);
  }

  /** An expression up to the closer at depth 0 (not consumed), or the end of the input. */
  expression(closer: string): void {
    const stack: string[] = [];
    let afterDot = false;
    while (this.pos < this.src.length) {
      this.skipSpace();
      const ch = this.peek();
      if (ch === '') return;
      if (stack.length === 0 && ch === closer) return;
      if (ch === '"') {
        this.pos++;
        this.template(true);
        afterDot = false;
      } else if (ch === '<' && this.peek(1) === '<') {
        this.heredoc();
      } else if (ch === '(' || ch === '[' || ch === '{') {
        stack.push(ch === '(' ? ')' : ch === '[' ? ']' : '}');
        this.pos++;
        afterDot = false;
      } else if ((ch === ')' || ch === ']' || ch === '}') && stack.length > 0) {
        stack.pop();
        this.pos++;
        afterDot = false;
      } else if (ch === '.') {
        this.pos++;
        afterDot = true;
      } else if (/[0-9]/.test(ch)) {
        while (/[0-9.eE]/.test(this.peek()) || ((this.peek() === '+' || this.peek() === '-') && /[eE]/.test(this.src[this.pos - 1] ?? ''))) this.pos++;
        afterDot = false;
      } else if (IDENT_START.test(ch)) {
        const name = this.ident();
        if (afterDot) afterDot = false;
        else this.word(name);
      } else {
        this.pos++;
        afterDot = false;
      }
    }
  }

  /** After a root identifier: a function call, a `for` binding, or a traversal. */
  private word(name: string): void {
    const save = this.pos;
    this.skipSpace();
    if (this.peek() === ':' && this.peek(1) === ':') {
      while (this.peek() === ':' && this.peek(1) === ':') {
        this.pos += 2;
        this.ident();
      }
      return; // a provider-defined function: its arguments are lexed as they come
    }
    if (this.peek() === '(') {
      this.pos = save;
      return;
    }
    this.pos = save;
    if (name === 'for') {
      this.forBinding();
      return;
    }
    this.traversal(name);
  }

  private forBinding(): void {
    for (;;) {
      this.skipSpace();
      if (!IDENT_START.test(this.peek())) return;
      const name = this.ident();
      if (name === 'in') return;
      this.bound.add(name);
      this.skipSpace();
      if (this.peek() === ',') this.pos++;
    }
  }

  private traversal(root: string): void {
    const parts = [root];
    const start = this.pos - root.length;
    let textEnd = this.pos;
    for (;;) {
      if (this.peek() === '.' && IDENT_START.test(this.peek(1))) {
        this.pos++;
        parts.push(this.ident());
        if (parts.length <= 3) textEnd = this.pos;
      } else if (this.peek() === '.' && (this.peek(1) === '*' || /[0-9]/.test(this.peek(1)))) {
        this.pos += 2;
        while (/[0-9]/.test(this.peek())) this.pos++;
      } else if (this.peek() === '[') {
        this.pos++;
        this.expression(']');
        this.pos++;
      } else break;
    }
    if (parts.length >= 2) this.found.push({ parts, text: this.src.slice(start, textEnd) });
  }
}

/**
 * The traversals in an expression string (template form), with the names its `for` expressions bind
 * (those traversals are left out).
 */
export function traversalsIn(value: string): Traversal[] {
  const lexer = new Lexer(value);
  lexer.template(false);
  return lexer.found.filter((t) => !lexer.bound.has(t.parts[0] ?? ''));
}

/** A type or other bare expression, without the `${…}` wrapper hcl2json puts around it. */
export function unwrapExpression(value: string): string {
  const match = /^\$\{([\s\S]*)\}$/.exec(value);
  return match ? (match[1] ?? '').trim() : value;
}

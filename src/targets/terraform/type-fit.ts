/**
 * Terraform type constraints (`string`, `map(string)`, `object({ a = optional(number, 1) })`, …) read
 * from their source text, and whether a literal tfvars value fits one, with the conversions
 * Terraform itself makes (a number or bool is a valid string, `"1"` a valid number, `"true"` a bool).
 * An object attribute the type does not name is reported too: Terraform would drop it silently,
 * which hides a misspelt key.
 */
export type TfType =
  | { kind: 'string' | 'number' | 'bool' | 'any' }
  | { kind: 'list' | 'set' | 'map'; of: TfType }
  | { kind: 'tuple'; items: TfType[] }
  | { kind: 'object'; attributes: Map<string, { type: TfType; optional: boolean }> };

export class TypeSyntaxError extends Error {}

class TypeReader {
  private pos = 0;
  constructor(private readonly src: string) {}

  private space(): void {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }

  private expect(text: string): void {
    this.space();
    if (!this.src.startsWith(text, this.pos)) throw new TypeSyntaxError(`expected "${text}" at offset ${this.pos} of \`${this.src}\``);
    this.pos += text.length;
  }

  private peek(text: string): boolean {
    this.space();
    return this.src.startsWith(text, this.pos);
  }

  private name(): string {
    this.space();
    const match = /^"([^"]*)"|^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos));
    if (!match) throw new TypeSyntaxError(`expected a name at offset ${this.pos} of \`${this.src}\``);
    this.pos += match[0].length;
    return match[1] ?? match[0];
  }

  /** Skips an optional() default: any expression up to the closing parenthesis at depth 0. */
  private skipDefault(): void {
    let depth = 0;
    let quoted = false;
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (quoted) {
        if (ch === '\\') this.pos++;
        else if (ch === '"') quoted = false;
      } else if (ch === '"') quoted = true;
      else if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') {
        if (depth === 0) return;
        depth--;
      }
      this.pos++;
    }
  }

  type(): TfType {
    const word = this.name();
    if (word === 'string' || word === 'number' || word === 'bool' || word === 'any') return { kind: word };
    if (word === 'list' || word === 'set' || word === 'map') {
      this.expect('(');
      const of = this.type();
      this.expect(')');
      return { kind: word, of };
    }
    if (word === 'tuple') {
      this.expect('(');
      this.expect('[');
      const items: TfType[] = [];
      while (!this.peek(']')) {
        items.push(this.type());
        if (this.peek(',')) this.expect(',');
      }
      this.expect(']');
      this.expect(')');
      return { kind: 'tuple', items };
    }
    if (word === 'object') {
      this.expect('(');
      this.expect('{');
      const attributes = new Map<string, { type: TfType; optional: boolean }>();
      while (!this.peek('}')) {
        const key = this.name();
        this.peek(':') ? this.expect(':') : this.expect('=');
        let optional = false;
        let type: TfType;
        if (this.peek('optional(')) {
          this.expect('optional(');
          optional = true;
          type = this.type();
          if (this.peek(',')) {
            this.expect(',');
            this.skipDefault();
          }
          this.expect(')');
        } else type = this.type();
        attributes.set(key, { type, optional });
        if (this.peek(',')) this.expect(',');
      }
      this.expect('}');
      this.expect(')');
      return { kind: 'object', attributes };
    }
    throw new TypeSyntaxError(`unknown type "${word}" in \`${this.src}\``);
  }

  done(): void {
    this.space();
    if (this.pos !== this.src.length) throw new TypeSyntaxError(`unexpected text after the type in \`${this.src}\``);
  }
}

export function parseType(text: string): TfType {
  const reader = new TypeReader(text);
  const type = reader.type();
  reader.done();
  return type;
}

const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `a ${typeof value}`);

export function describeType(type: TfType): string {
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind}(${describeType(type.of)})`;
    case 'tuple':
      return `tuple([${type.items.map(describeType).join(', ')}])`;
    case 'object':
      return `object({${[...type.attributes].map(([k, a]) => `${k} = ${a.optional ? `optional(${describeType(a.type)})` : describeType(a.type)}`).join(', ')}})`;
    default:
      return type.kind;
  }
}

/**
 * Why `value` does not fit `type`, one line per misfit, each starting with the path of the part that
 * misfits (`name`, `name.key`, `name[0]`); empty when it fits. Null fits anywhere (a nullable
 * variable's null; nullability is the caller's concern), as it does inside collections.
 */
export function typeMisfits(type: TfType, value: unknown, path: string): string[] {
  if (value === null || value === undefined || type.kind === 'any') return [];
  const want = (what: string) => [`${path} is ${kindOf(value)}, expected ${what}`];
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [] : want('a string');
    case 'number':
      if (typeof value === 'number') return [];
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? [] : want('a number');
    case 'bool':
      return typeof value === 'boolean' || value === 'true' || value === 'false' ? [] : want('a bool (true or false)');
    case 'list':
    case 'set':
      if (!Array.isArray(value)) return want(`a list, ${describeType(type)}`);
      return value.flatMap((item, i) => typeMisfits(type.of, item, `${path}[${i}]`));
    case 'tuple':
      if (!Array.isArray(value)) return want(describeType(type));
      if (value.length !== type.items.length) return [`${path} has ${value.length} elements, expected ${type.items.length} (${describeType(type)})`];
      return value.flatMap((item, i) => typeMisfits(type.items[i] as TfType, item, `${path}[${i}]`));
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) return want(`a map, ${describeType(type)}`);
      return Object.entries(value).flatMap(([key, item]) => typeMisfits(type.of, item, `${path}.${key}`));
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return want(describeType(type));
      const record = value as Record<string, unknown>;
      const problems: string[] = [];
      for (const [key, attribute] of type.attributes) {
        if (!Object.hasOwn(record, key)) {
          if (!attribute.optional) problems.push(`${path}.${key} is missing (required by ${describeType(type)})`);
          continue;
        }
        problems.push(...typeMisfits(attribute.type, record[key], `${path}.${key}`));
      }
      for (const key of Object.keys(record)) if (!type.attributes.has(key)) problems.push(`${path}.${key} is not an attribute of ${describeType(type)}`);
      return problems;
    }
  }
}

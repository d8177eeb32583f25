/**
 * Resource, data source and provider blocks against their provider's schema: every argument and
 * block is one the schema knows (else "did you mean", or where it belongs when it is known at another
 * level of the same resource), every required argument and block is set, no read-only (computed-only)
 * attribute is set, and a block allowed at most once is not repeated. Pure: parsed files in, problems
 * out, each as `file:line: address: what; fix`. References (undeclared resources, variables, locals)
 * are the reference check's.
 */
import { closest } from '../../contract/suggest.js';
import type { HclJson } from './hcl.js';
import { LineFinder, type PathStep } from './provider-schema-lines.js';
import { providerOf, type BlockSchema, type ProviderSchema } from './provider-schema.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const bodies = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : []);
/** Written as a block (`name { … }`): hcl2json gives a list of bodies. */
const isBlockValue = (value: unknown): boolean => Array.isArray(value) && value.every(isObject);

const META = {
  resource: new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']),
  data: new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle']),
  provider: new Set(['alias']),
};

type Kind = keyof typeof META;

/** One block to check, and how its problems are located and named. */
interface Subject {
  kind: Kind;
  file: string;
  /** resource: [type, name]; data: [type, name]; provider: [name]. */
  labels: string[];
  /** aws_s3_bucket.assets, data.aws_caller_identity.current, provider "aws". */
  address: string;
  schema: BlockSchema;
  /** e.g. `hashicorp/aws 5.100.0`. */
  provider: string;
}

const pathText = (path: readonly PathStep[]): string => path.map((s) => ('block' in s ? s.block : s.argument)).join('.');

/** Every path of the schema where `name` is a settable argument or a block. */
function placesOf(name: string, schema: BlockSchema, prefix: string[] = [], out: string[] = []): string[] {
  if (schema.blocks[name] || (schema.attributes[name] && schema.attributes[name] !== 'computed')) out.push(prefix.join('.'));
  for (const [block, nested] of Object.entries(schema.blocks)) placesOf(name, nested, [...prefix, block], out);
  return out;
}

class BlockChecker {
  readonly problems: string[] = [];
  constructor(
    private readonly subject: Subject,
    private readonly lines: LineFinder,
  ) {}

  /** A problem at `path` (its line), inside the blocks of `within` (by default the blocks of `path`). */
  private report(path: readonly PathStep[], what: string, within: readonly PathStep[] = path): void {
    const keyword = this.subject.kind;
    const line = this.lines.lineOf(keyword, this.subject.labels, path);
    const inside = within.filter((s) => 'block' in s);
    const where = inside.length > 0 ? ` block ${pathText(inside)}:` : '';
    this.problems.push(`${this.subject.file}:${line}: ${this.subject.address}:${where} ${what}`);
  }

  private unknown(key: string, schema: BlockSchema, path: readonly PathStep[]): void {
    const at = [...path, { argument: key }];
    const here = pathText(path);
    const places = placesOf(key, this.subject.schema).filter((p) => p !== here);
    if (places.length > 0) {
      const place = places.map((p) => (p === '' ? 'the top level of the block' : `the ${p} block`)).join(' or ');
      this.report(at, `"${key}" is not an argument or block here; it belongs in ${place} (${this.subject.provider}); move it there`);
      return;
    }
    const settable = [...Object.keys(schema.attributes).filter((n) => schema.attributes[n] !== 'computed'), ...Object.keys(schema.blocks)];
    const near = closest(key, settable);
    const suggestion = near ? ` (did you mean ${near}?)` : '';
    this.report(at, `unknown argument or block "${key}"${suggestion} in ${this.subject.provider}; fix the name or remove it`);
  }

  /** One body of a block (the subject's own, or a nested block's). */
  check(body: Json, schema: BlockSchema, path: readonly PathStep[], meta: ReadonlySet<string>): void {
    const dynamic = new Map<string, Json[]>();
    for (const entry of bodies(body.dynamic)) for (const [label, value] of Object.entries(entry)) dynamic.set(label, [...(dynamic.get(label) ?? []), ...bodies(value)]);
    for (const [key, value] of Object.entries(body)) {
      if (key === 'dynamic' || meta.has(key)) continue;
      const kind = schema.attributes[key];
      const nested = schema.blocks[key];
      if (kind === 'computed') this.report([...path, { argument: key }], `"${key}" is read-only (computed by ${this.subject.provider}); remove it`);
      else if (nested) {
        if (isObject(value)) {
          this.report([...path, { argument: key }], `"${key}" is a block; write ${key} { … } instead of ${key} = { … }`);
          continue;
        }
        const given = isBlockValue(value) ? bodies(value) : [];
        if (nested.nesting === 'single' && given.length > 1) this.report([...path, { block: key, index: 1 }], `block "${key}" is given ${given.length} times, but ${this.subject.provider} allows at most one; merge them into one block`, path);
        if (!nested.open) given.forEach((inner, index) => this.check(inner, nested, [...path, { block: key, index }], new Set()));
      } else if (kind === undefined) this.unknown(key, schema, path);
    }
    for (const [label, contents] of dynamic) {
      const nested = schema.blocks[label];
      if (!nested) {
        this.unknown(label, schema, path);
        continue;
      }
      if (nested.open) continue;
      for (const entry of contents) for (const content of bodies(entry.content)) this.check(content, nested, [...path, { block: label, index: 0 }], new Set());
    }
    for (const [name, kind] of Object.entries(schema.attributes)) {
      if (kind === 'required' && !Object.hasOwn(body, name)) this.report(path, `missing required argument "${name}" (${this.subject.provider}); set ${name} = …`);
    }
    for (const [name, nested] of Object.entries(schema.blocks)) {
      if (nested.required && !Object.hasOwn(body, name) && !dynamic.has(name)) this.report(path, `missing required block "${name}" (${this.subject.provider}); add ${name} { … }`);
    }
  }
}

export interface SchemaFile {
  path: string;
  json: HclJson;
  text: string;
}

const label = (schema: ProviderSchema) => `${schema.source} ${schema.version}`;

/** A type the provider does not describe here: unknown to it, or known but not extracted. */
function typeProblem(kind: 'resource' | 'data', type: string, schema: ProviderSchema): string {
  const names = kind === 'resource' ? schema.resourceTypes : schema.dataSourceTypes;
  if (names.includes(type)) return `the schema of ${kind === 'data' ? 'data source' : 'resource'} type ${type} was not extracted; run npm run provider-schemas (it reads the blueprints' types) and commit schemas/terraform`;
  const near = closest(type, names);
  return `unknown ${kind === 'data' ? 'data source' : 'resource'} type "${type}" in ${label(schema)}${near ? ` (did you mean ${near}?)` : ''}; fix the type`;
}

/** The problems of one file's resource, data source and provider blocks. */
function fileProblems(file: SchemaFile, schemas: ReadonlyMap<string, ProviderSchema>): string[] {
  const lines = new LineFinder(file.text);
  const problems: string[] = [];
  const checkSubject = (subject: Subject, body: Json) => {
    const checker = new BlockChecker(subject, lines);
    checker.check(body, subject.schema, [], META[subject.kind]);
    problems.push(...checker.problems);
  };
  for (const kind of ['resource', 'data'] as const) {
    const section = isObject(file.json[kind]) ? (file.json[kind] as Json) : {};
    for (const [type, byName] of Object.entries(section)) {
      const provider = providerOf(type);
      const schema = provider === undefined ? undefined : schemas.get(provider);
      if (!schema) continue; // a provider without a schema here (e.g. random, null): not checked
      for (const [name, value] of Object.entries(isObject(byName) ? byName : {})) {
        for (const body of bodies(value)) {
          if (typeof body.provider === 'string' && /^\$?\{?google-beta\b/.test(body.provider)) continue; // google-beta has its own schema
          const address = `${kind === 'data' ? 'data.' : ''}${type}.${name}`;
          const types = kind === 'resource' ? schema.resources : schema.dataSources;
          const blockSchema = types[type];
          if (!blockSchema) {
            problems.push(`${file.path}:${lines.lineOf(kind, [type, name])}: ${address}: ${typeProblem(kind, type, schema)}`);
            continue;
          }
          checkSubject({ kind, file: file.path, labels: [type, name], address, schema: blockSchema, provider: label(schema) }, body);
        }
      }
    }
  }
  const providers = isObject(file.json.provider) ? (file.json.provider as Json) : {};
  for (const [name, value] of Object.entries(providers)) {
    const schema = schemas.get(name);
    if (!schema || name === 'terraform') continue;
    for (const body of bodies(value)) checkSubject({ kind: 'provider', file: file.path, labels: [name], address: `provider "${name}"`, schema: schema.provider, provider: label(schema) }, body);
  }
  return problems;
}

/** The providers whose types or provider blocks these files use (the schemas the check needs). */
export function providersUsed(files: readonly Pick<SchemaFile, 'json'>[]): Set<string> {
  const used = new Set<string>();
  for (const { json } of files) {
    for (const kind of ['resource', 'data']) for (const type of Object.keys(isObject(json[kind]) ? (json[kind] as Json) : {})) {
      const provider = providerOf(type);
      if (provider) used.add(provider);
    }
    for (const name of Object.keys(isObject(json.provider) ? (json.provider as Json) : {})) if (providerOf(name)) used.add(name);
  }
  return used;
}

/** Every problem of every file, in file order. */
export function providerSchemaProblems(files: readonly SchemaFile[], schemas: ReadonlyMap<string, ProviderSchema>): string[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).flatMap((file) => fileProblems(file, schemas));
}

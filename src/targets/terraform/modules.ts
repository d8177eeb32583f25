/**
 * Terraform modules as data, read from parsed `.tf` files (hcl2json): one module per directory, with
 * what it declares (variables, locals, resources, data sources, module calls, outputs) and every
 * reference its expressions make. Pure: the checks decide what a dangling reference means.
 */
import type { HclJson } from './hcl.js';
import { traversalsIn, unwrapExpression, type Traversal } from './references.js';

export interface TfVariable {
  name: string;
  /** The type expression as written, e.g. `map(string)`; undefined when the variable has no type. */
  type?: string;
  hasDefault: boolean;
  default?: unknown;
  sensitive: boolean;
  nullable: boolean;
  description?: string;
  /** The file that declares it. */
  file: string;
}

export interface TfModuleCall {
  name: string;
  source?: string;
  /** The arguments given, meta-arguments (source, version, count, for_each, providers, depends_on) left out. */
  inputs: string[];
  file: string;
}

export type TfReferenceKind = 'var' | 'local' | 'module' | 'data' | 'ephemeral' | 'resource';

export interface TfReference {
  kind: TfReferenceKind;
  /** var/local/module: the name; data and resource: `type.name`. */
  name: string;
  /** For a module reference, the output it reads (`module.env.name` → `name`). */
  attribute?: string;
  /** As written, e.g. `var.typo`. */
  text: string;
  file: string;
  /** The block it appears in, e.g. `resource "aws_s3_bucket" "b"`. */
  where: string;
}

export interface TfModule {
  dir: string;
  files: string[];
  variables: Map<string, TfVariable>;
  locals: Set<string>;
  resources: Set<string>;
  dataSources: Set<string>;
  /** Ephemeral resources (Terraform 1.10+), `type.name`; referred to as `ephemeral.type.name`. */
  ephemerals: Set<string>;
  moduleCalls: Map<string, TfModuleCall>;
  outputs: Set<string>;
  references: TfReference[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
/** A block's bodies: hcl2json gives a list of bodies per block (one per repeated block). */
const bodies = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : []);
/** `{label: bodies}` → [label, body] pairs. */
const labelled = (value: unknown): [string, Json][] => (isObject(value) ? Object.entries(value).flatMap(([label, v]) => bodies(v).map((b) => [label, b] as [string, Json])) : []);

export const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.');

/** Roots that are not references to something a module declares. */
const CONTEXT_ROOTS = new Set(['each', 'count', 'path', 'terraform', 'self']);
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

function classify(t: Traversal, file: string, where: string): TfReference | undefined {
  const [root = '', first, second] = t.parts;
  if (CONTEXT_ROOTS.has(root) || first === undefined) return undefined;
  const base = { text: t.text, file, where };
  if (root === 'var') return { kind: 'var', name: first, ...base };
  if (root === 'local') return { kind: 'local', name: first, ...base };
  if (root === 'module') return { kind: 'module', name: first, ...(second !== undefined ? { attribute: second } : {}), ...base };
  if (root === 'data') return second === undefined ? undefined : { kind: 'data', name: `${first}.${second}`, ...base };
  if (root === 'ephemeral') return second === undefined ? undefined : { kind: 'ephemeral', name: `${first}.${second}`, ...base };
  return { kind: 'resource', name: `${root}.${first}`, ...base };
}

/** Every reference in a body's expressions (nested blocks included); `skip` names attributes that hold no references. */
function collect(value: unknown, out: Traversal[], bound: ReadonlySet<string>, skip: ReadonlySet<string> = new Set()): void {
  if (typeof value === 'string') {
    for (const t of traversalsIn(value)) if (!bound.has(t.parts[0] ?? '')) out.push(t);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out, bound);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (skip.has(key)) continue;
    if (key === 'dynamic') {
      // dynamic "rule" { for_each = …; iterator = it; content { … rule.value … } }
      for (const [label, body] of labelled(inner)) {
        const iterator = typeof body.iterator === 'string' ? unwrapExpression(body.iterator) : label;
        collect(body.for_each, out, bound);
        collect(body.content, out, new Set([...bound, iterator]));
      }
    } else if (key === 'lifecycle') {
      for (const body of bodies(inner)) collect(body, out, bound, new Set(['ignore_changes']));
    } else {
      collect(inner, out, bound);
    }
  }
}

function emptyModule(dir: string): TfModule {
  return { dir, files: [], variables: new Map(), locals: new Set(), resources: new Set(), dataSources: new Set(), ephemerals: new Set(), moduleCalls: new Map(), outputs: new Set(), references: [] };
}

function variableOf(name: string, body: Json, file: string): TfVariable {
  const type = typeof body.type === 'string' ? unwrapExpression(body.type) : undefined;
  return {
    name,
    ...(type !== undefined ? { type } : {}),
    hasDefault: Object.hasOwn(body, 'default'),
    ...(Object.hasOwn(body, 'default') ? { default: body.default } : {}),
    sensitive: body.sensitive === true,
    nullable: body.nullable !== false,
    ...(typeof body.description === 'string' ? { description: body.description } : {}),
    file,
  };
}

/** Add one parsed .tf file to its module. */
function addFile(module: TfModule, file: string, json: HclJson): void {
  module.files.push(file);
  const refs = (where: string, value: unknown, skip?: ReadonlySet<string>) => {
    const found: Traversal[] = [];
    collect(value, found, new Set(), skip);
    for (const t of found) {
      const ref = classify(t, file, where);
      if (ref) module.references.push(ref);
    }
  };
  for (const [name, body] of labelled(json.variable)) {
    module.variables.set(name, variableOf(name, body, file));
    refs(`variable "${name}"`, body.validation);
  }
  for (const body of bodies(json.locals)) {
    for (const [name, value] of Object.entries(body)) {
      module.locals.add(name);
      refs(`local.${name}`, value);
    }
  }
  const resourceLike = (block: unknown, kind: 'resource' | 'data' | 'ephemeral', into: Set<string>) => {
    for (const [type, byName] of Object.entries(isObject(block) ? block : {})) {
      for (const [name, body] of labelled(byName)) {
        into.add(`${type}.${name}`);
        refs(`${kind} "${type}" "${name}"`, body, new Set(['provider']));
      }
    }
  };
  resourceLike(json.resource, 'resource', module.resources);
  resourceLike(json.data, 'data', module.dataSources);
  resourceLike(json.ephemeral, 'ephemeral', module.ephemerals);
  for (const [name, body] of labelled(json.module)) {
    const inputs = Object.keys(body).filter((key) => !MODULE_META.has(key));
    module.moduleCalls.set(name, { name, ...(typeof body.source === 'string' ? { source: body.source } : {}), inputs, file });
    refs(`module "${name}"`, body, new Set(['providers', 'source', 'version']));
  }
  for (const [name, body] of labelled(json.output)) {
    module.outputs.add(name);
    refs(`output "${name}"`, body);
  }
  for (const [name, body] of labelled(json.provider)) refs(`provider "${name}"`, body, new Set(['alias']));
  for (const [name, body] of labelled(json.check)) {
    for (const [type, byName] of Object.entries(isObject(body.data) ? body.data : {})) for (const [dataName] of labelled(byName)) module.dataSources.add(`${type}.${dataName}`);
    refs(`check "${name}"`, body);
  }
  for (const body of bodies(json.import)) refs('import', body);
}

/**
 * The modules of a bundle: its parsed `.tf` files grouped by directory (other files are ignored),
 * each directory in path order, each module's files in path order.
 */
export function groupModules(parsed: ReadonlyMap<string, HclJson>): Map<string, TfModule> {
  const modules = new Map<string, TfModule>();
  for (const path of [...parsed.keys()].filter((p) => p.endsWith('.tf')).sort()) {
    const dir = dirOf(path);
    const module = modules.get(dir) ?? emptyModule(dir);
    modules.set(dir, module);
    addFile(module, path, parsed.get(path) ?? {});
  }
  return modules;
}

/**
 * The variables a module declares (its parsed `.tf` files, all from one directory), in file order,
 * then by name (hcl2json does not keep declaration order). What the export command reads from the
 * blueprint itself.
 */
export function readVariables(dirFiles: ReadonlyMap<string, HclJson>): TfVariable[] {
  const module = emptyModule('.');
  for (const path of [...dirFiles.keys()].filter((p) => p.endsWith('.tf')).sort()) addFile(module, path, dirFiles.get(path) ?? {});
  return [...module.variables.values()];
}

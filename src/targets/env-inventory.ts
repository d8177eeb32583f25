/**
 * The env coverage inventory (seed R3): for every target in the registry, every environment
 * variable a bundle can set for the api, the worker and the web app, where its value comes from,
 * and when it is set. Built by calling each target's own env(contract) over representative
 * contracts: each base contract (the golden cases) varied over every enum, boolean and optional
 * key, two keys at a time, so that a new key, target or env var shows up without any list to keep.
 */
import { isMapKey } from '../contract/fields.js';
import type { Contract } from '../contract/contract.js';
import type { EnvVar } from '../contract/env.js';
import type { TargetId } from '../contract/literals.js';
import { PRESETS } from '../contract/presets.js';
import type { TargetKeys } from '../contract/target-keys.js';
import { resolveContract } from './contract.js';
import { FIELD_KEYS, FIELDS, fieldAppliesTo, TARGET_KEYS, type FieldKey } from './keys.js';
import type { Target } from './types.js';

type Answers = Record<string, unknown>;
export type Service = 'api' | 'worker' | 'web';
const SERVICES: readonly Service[] = ['api', 'worker', 'web'];

export interface InventoryRow {
  service: Service;
  name: string;
  from: string[];
  /** `always`, or the answers it needs (e.g. `storage_provider: s3`). */
  when: string;
}

export interface TargetInventory {
  target: TargetId;
  /** Keys the target derives from other answers when they are not answered (e.g. k8s namespace). */
  derived: string[];
  title: string;
  contracts: number;
  rows: InventoryRow[];
}

export interface BaseContract {
  name: string;
  values: Answers;
}

const UNSET = '(unset)';

function schemaType(key: FieldKey): string {
  let schema = FIELDS[key].schema as unknown as { _zod: { def: { type: string; entries?: Record<string, string>; innerType?: unknown } } };
  while (schema._zod.def.type === 'optional' || schema._zod.def.type === 'default') schema = schema._zod.def.innerType as typeof schema;
  return schema._zod.def.type;
}

/** The values each varied key takes: every enum option, both booleans, optional keys set (to a value some base has) and unset. */
function variations(target: TargetId, samples: readonly Answers[]): Map<FieldKey, unknown[]> {
  const required = TARGET_KEYS[target].required as readonly string[];
  const out = new Map<FieldKey, unknown[]>();
  for (const key of FIELD_KEYS) {
    if (key === 'preset' || !fieldAppliesTo(key, target) || isMapKey(key)) continue;
    const type = schemaType(key);
    const seen = [...new Set(samples.map((b) => b[key]).filter((v) => v !== undefined).map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as unknown);
    let values: unknown[] = [];
    if (type === 'enum') values = Object.values((FIELDS[key].schema as unknown as { _zod: { def: { entries: Record<string, string> } } })._zod.def.entries);
    else if (type === 'boolean') values = [true, false];
    if (!required.includes(key)) values = [...(values.length > 0 ? values : seen), undefined];
    if (values.length > 1) out.set(key, values);
  }
  return out;
}

/** Resolve, filling in what a variant newly needs (a required map entry, a key another base has). */
function resolveVariant(values: Answers, pool: Answers): Contract | undefined {
  let answers = values;
  for (let attempt = 0; attempt < 4; attempt++) {
    const resolved = resolveContract([{ source: 'inventory', values: answers }]);
    if (resolved.ok) return resolved.contract;
    const next: Answers = { ...answers };
    let changed = false;
    for (const problem of resolved.problems) {
      if (!problem.message.startsWith('is required')) continue;
      const dot = problem.key.indexOf('.');
      if (dot > 0) {
        const mapKey = problem.key.slice(0, dot);
        const name = problem.key.slice(dot + 1);
        next[mapKey] = { ...((next[mapKey] as Answers | undefined) ?? {}), [name]: name === 'MINIO_ENDPOINT' ? 'https://minio.example.com' : `sample-${name.toLowerCase().replaceAll('_', '-')}` };
        changed = true;
      } else if (pool[problem.key] !== undefined && next[problem.key] === undefined) {
        next[problem.key] = pool[problem.key];
        changed = true;
      }
    }
    if (!changed) return undefined;
    answers = next;
  }
  return undefined;
}

/** Which env names each service gets: what presence (not values) depends on. */
function shapeOf(target: Target, contract: Contract): string {
  const env = target.env(contract);
  return SERVICES.map((s) => (env[s] ?? []).map((v) => v.name).join(',')).join('|');
}

function contractsFor(target: Target, bases: readonly Answers[], samples: readonly Answers[]): Contract[] {
  const vary = [...variations(target.id, samples).entries()];
  const pool: Answers = Object.assign({}, ...[...samples].reverse(), ...[...bases].reverse());
  const contracts = new Map<string, Contract>();
  const tried = new Map<string, Contract | undefined>();
  const add = (values: Answers): Contract | undefined => {
    const id = JSON.stringify(values);
    if (!tried.has(id)) {
      const contract = resolveVariant(values, pool);
      tried.set(id, contract);
      if (contract) contracts.set(JSON.stringify(contract), contract);
    }
    return tried.get(id);
  };
  const set = (base: Answers, key: string, value: unknown): Answers => {
    const out = { ...base };
    if (value === undefined) delete out[key];
    else out[key] = value;
    return out;
  };
  for (const base of bases) {
    const baseContract = add(base);
    const baseShape = baseContract ? shapeOf(target, baseContract) : '';
    // One key at a time, then two: every pair of values where at least one of the two, on its own,
    // changes which vars are set or is not valid (file key storage needs dev, ...).
    const notable = new Set<string>();
    for (const [key, values] of vary) {
      for (const value of values) {
        const contract = add(set(base, key, value));
        if (!contract || shapeOf(target, contract) !== baseShape) notable.add(`${key}=${JSON.stringify(value)}`);
      }
    }
    for (let i = 0; i < vary.length; i++) {
      const [a, aValues] = vary[i] as [FieldKey, unknown[]];
      for (let j = i + 1; j < vary.length; j++) {
        const [b, bValues] = vary[j] as [FieldKey, unknown[]];
        for (const av of aValues) {
          for (const bv of bValues) {
            if (notable.has(`${a}=${JSON.stringify(av)}`) || notable.has(`${b}=${JSON.stringify(bv)}`)) add(set(set(base, a, av), b, bv));
          }
        }
      }
    }
  }
  return [...contracts.values()];
}

/** `answer:api_env.LOG_LEVEL` and friends: one row for "any entry of the map". */
function collapse(variable: EnvVar): { name: string; from: string } {
  const match = /^answer:([a-z_]+)\.(.+)$/.exec(variable.from);
  if (match?.[1] && isMapKey(match[1])) return { name: `(any ${match[1]} entry)`, from: `answer:${match[1]}.NAME` };
  return { name: variable.name, from: variable.from };
}

/** A contract as the values a condition can name: enums and booleans as they are, other keys set or unset, maps empty or not. */
function facets(contract: Contract, keys: readonly FieldKey[]): Record<string, string> {
  const values = contract as unknown as Answers;
  // Maps first: "api_env: not empty" is the better explanation when another one also fits.
  const out: Record<string, string> = {};
  for (const key of FIELD_KEYS.filter(isMapKey)) {
    const map = values[key];
    out[key] = map && typeof map === 'object' && Object.keys(map).length > 0 ? 'not empty' : 'empty';
  }
  for (const key of keys) {
    const value = values[key];
    const type = schemaType(key);
    out[key] = value === undefined ? UNSET : type === 'enum' || type === 'boolean' ? String(value) : 'set';
  }
  return out;
}

/**
 * When a var is set: `always`, or the smallest condition on up to three answers that holds exactly
 * for the contracts that set it (e.g. `enable_worker: true; storage_provider: s3`).
 */
function condition(present: ReadonlySet<number>, all: readonly Record<string, string>[]): string {
  if (present.size === all.length) return 'always';
  const keys = Object.keys(all[0] ?? {});
  const valuesWhere = (key: string) => new Set([...present].map((i) => all[i]?.[key] ?? ''));
  const candidates = keys
    .map((key) => ({ key, values: valuesWhere(key) }))
    .filter(({ key, values }) => values.size < new Set(all.map((f) => f[key])).size);
  const exact = (parts: typeof candidates) => all.every((f, i) => parts.every((p) => p.values.has(f[p.key] ?? '')) === present.has(i));
  const text = (parts: typeof candidates) => parts.map((p) => `${p.key}: ${[...p.values].sort().join(' or ')}`).join('; ');
  const search = (size: number, from: number, chosen: typeof candidates): typeof candidates | undefined => {
    if (chosen.length === size) return exact(chosen) ? chosen : undefined;
    for (let i = from; i < candidates.length; i++) {
      const found = search(size, i + 1, [...chosen, candidates[i] as (typeof candidates)[number]]);
      if (found) return found;
    }
    return undefined;
  };
  for (let size = 1; size <= 3; size++) {
    const found = search(size, 0, []);
    if (found) return text(found);
  }
  return 'depends on the answers';
}

/** The inventory of `targets`: every target of the registry (loadTargets()), which it checks against the presets. */
export function envInventory(bases: readonly BaseContract[], targets: Readonly<Record<TargetId, Target>>): TargetInventory[] {
  const byTarget = new Map<TargetId, Answers[]>();
  for (const base of bases) {
    const preset = PRESETS.find((p) => p.name === base.values.preset);
    if (!preset) throw new Error(`${base.name}: unknown preset ${String(base.values.preset)}`);
    byTarget.set(preset.target, [...(byTarget.get(preset.target) ?? []), base.values]);
  }
  return (Object.keys(targets) as TargetId[]).sort().map((id) => {
    const target = targets[id];
    const targetBases = byTarget.get(id);
    if (!targetBases) throw new Error(`target ${id} has no representative contract: add a golden case for it`);
    const samples = bases.map((b) => b.values);
    const contracts = contractsFor(target, targetBases, samples);
    const keys = [...variations(id, samples).keys()];
    const facetList = contracts.map((c) => facets(c, keys));
    const seen = new Map<string, { service: Service; name: string; from: Set<string>; present: Set<number> }>();
    contracts.forEach((contract, index) => {
      const env = target.env(contract);
      for (const service of SERVICES) {
        for (const variable of env[service] ?? []) {
          const { name, from } = collapse(variable);
          const rowId = `${service}\u0000${name}`;
          const row = seen.get(rowId) ?? { service, name, from: new Set<string>(), present: new Set<number>() };
          row.from.add(from);
          row.present.add(index);
          seen.set(rowId, row);
        }
      }
    });
    const rows = [...seen.values()]
      .map((r) => ({ service: r.service, name: r.name, from: [...r.from].sort(), when: condition(r.present, facetList) }))
      .sort((a, b) => SERVICES.indexOf(a.service) - SERVICES.indexOf(b.service) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const derive = (TARGET_KEYS[id] as TargetKeys).derive;
    const derived = derive ? [...new Set(samples.flatMap((sample) => Object.entries(derive(sample)).filter(([, v]) => v !== undefined).map(([k]) => k)))].sort() : [];
    return { target: id, title: target.title, derived, contracts: contracts.length, rows };
  });
}

/** Where an `answer:<key>` value comes from when the key is not answered: target and preset defaults. */
function defaultsOf(target: TargetId, from: string, derived: readonly string[]): string {
  const match = /^answer:([a-z_]+)/.exec(from);
  const key = match?.[1];
  if (!key || !Object.hasOwn(FIELDS, key)) return '';
  const notes: string[] = [];
  const targetDefault = TARGET_KEYS[target].defaults[key as FieldKey];
  if (targetDefault !== undefined) notes.push(`target default ${JSON.stringify(targetDefault)}`);
  for (const preset of PRESETS.filter((p) => p.target === target)) {
    if (preset.defaults[key] !== undefined) notes.push(`preset ${preset.name}: ${JSON.stringify(preset.defaults[key])}`);
  }
  if (derived.includes(key)) notes.push('derived from other answers when unset');
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function envInventoryMarkdown(inventory: readonly TargetInventory[]): string {
  const lines = [
    '# Environment inventory',
    '',
    'Every environment variable a bundle can set for the API, the billing worker and the web app, per target: where',
    'its value comes from (`answer:<key>` is a contract key, with its target and preset defaults; `default` and',
    '`derived:` are the generator\'s own rules) and when it is set. Secret env (`api_secrets`, `web_secrets`) is not',
    'listed: those names reach the services through secret files or the secret store.',
    '',
    'Generated from each target\'s `env(contract)` over representative contracts (every golden case, varied over every',
    'enum, boolean and optional key, two at a time); do not edit. A test fails when it is stale; regenerate with',
    '`UPDATE_GOLDEN=1 npx vitest run test/unit/env-inventory.test.ts` (or `npm run update-golden`).',
  ];
  for (const target of inventory) {
    lines.push('', `## ${target.target}: ${target.title}`, '', `${target.contracts} representative contracts.`);
    for (const service of SERVICES) {
      const rows = target.rows.filter((r) => r.service === service);
      if (rows.length === 0) continue;
      lines.push('', `### ${service}`, '', '| variable | value from | set when |', '| --- | --- | --- |');
      for (const row of rows) {
        const from = row.from.map((f) => `${f}${defaultsOf(target.target, f, target.derived)}`).join('<br>');
        lines.push(`| \`${cell(row.name)}\` | ${cell(from)} | ${cell(row.when)} |`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

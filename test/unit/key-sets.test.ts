/**
 * The one contract is the shared keys plus every registered target's key set: each key is defined
 * exactly once, a target-only key names exactly its target, and everything a key set refers to
 * (required keys, defaults, wizard relevance) is a key that target reads. The key sets stay light,
 * and src/contract never reaches into src/targets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldAppliesTo, isFieldKey } from '../../src/contract/contract-spec.js';
import { SHARED_FIELDS, type FieldSpec } from '../../src/contract/fields.js';
import { TARGET_IDS, type TargetId } from '../../src/contract/literals.js';
import { SHARED_RELEVANCE } from '../../src/contract/relevance.js';
import type { TargetKeySet } from '../../src/contract/target-keys.js';
import { CONTRACT_SPEC, KEY_SETS } from '../../src/targets/keys.js';
import { REGISTERED_TARGETS } from '../../src/targets/registry.js';

const sets = Object.entries(KEY_SETS) as [TargetId, TargetKeySet][];

describe('the target key sets', () => {
  it('cover exactly the registered targets, each under its own id', () => {
    expect(Object.keys(KEY_SETS)).toEqual(REGISTERED_TARGETS);
    expect([...REGISTERED_TARGETS].sort()).toEqual([...TARGET_IDS].sort());
    for (const [id, set] of sets) expect(set.id, id).toBe(id);
  });

  it('define every key exactly once: shared, or in exactly one target key set', () => {
    const definitions = [Object.keys(SHARED_FIELDS), ...sets.map(([, set]) => Object.keys(set.fields))].flat();
    const twice = definitions.filter((key, i) => definitions.indexOf(key) !== i);
    expect(twice).toEqual([]);
    expect(CONTRACT_SPEC.fieldKeys).toEqual(definitions);
  });

  it('give every target-only key the targets of exactly its target, and leave shared keys to several', () => {
    for (const [id, set] of sets) {
      for (const [key, spec] of Object.entries(set.fields)) expect(spec.targets, `${id}: ${key}`).toEqual([id]);
    }
    for (const [key, spec] of Object.entries(SHARED_FIELDS as Record<string, FieldSpec>)) {
      expect(spec.targets === 'all' || spec.targets.length > 1, `${key} is read by one target only: move it to that target's keys.ts`).toBe(true);
    }
  });

  it.each(TARGET_IDS)('%s: requires, defaults and derives only keys it reads', (id) => {
    const keys = CONTRACT_SPEC.targets[id];
    const unread = (list: readonly string[]) => list.filter((key) => !isFieldKey(CONTRACT_SPEC, key) || !fieldAppliesTo(CONTRACT_SPEC, key, id));
    expect(unread(keys.required)).toEqual([]);
    expect(new Set(keys.required).size).toBe(keys.required.length);
    expect(unread(Object.keys(keys.defaults))).toEqual([]);
    expect(unread(Object.keys(keys.derive?.({ project_name: 'acme', app_public_url: 'https://app.example.com' }) ?? {}))).toEqual([]);
  });

  it('give wizard relevance only to keys of their own target, after keys that exist', () => {
    for (const [id, set] of sets) {
      for (const [key, relevance] of Object.entries(set.relevance ?? {})) {
        expect(Object.hasOwn(set.fields, key) || Object.hasOwn(SHARED_FIELDS, key), `${id}: ${key}`).toBe(true);
        expect(fieldAppliesTo(CONTRACT_SPEC, key, id), `${id}: ${key}`).toBe(true);
        expect(relevance.after.filter((dep) => !fieldAppliesTo(CONTRACT_SPEC, dep, id)), `${id}: ${key}`).toEqual([]);
      }
    }
    for (const key of Object.keys(SHARED_RELEVANCE)) expect(Object.hasOwn(SHARED_FIELDS, key), key).toBe(true);
  });
});

const IMPORT = /^(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gm;
const importsOf = (path: string) => [...readFileSync(path, 'utf8').matchAll(IMPORT)].map((m) => m[1] as string);
const resolveTs = (from: string, spec: string) => normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts');

describe('import direction', () => {
  it('src/contract imports nothing from src/targets', () => {
    const files = readdirSync('src/contract', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join('src/contract', f));
    const offending = files.flatMap((file) => importsOf(file).filter((spec) => spec.startsWith('.') && resolveTs(file, spec).startsWith('src/targets/')).map((spec) => `${file}: ${spec}`));
    expect(offending).toEqual([]);
  });

  it.each(TARGET_IDS)('src/targets/%s/keys.ts stays light: zod, src/contract and its own rules only', (id) => {
    const seen = new Set<string>();
    const offending: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (spec === 'zod') continue;
        const target = spec.startsWith('.') ? resolveTs(file, spec) : spec;
        if (target.startsWith('src/contract/') || target === 'src/errors.ts') continue;
        // Files of the target's own folder are allowed only when they are light too (its rules).
        if (target.startsWith(`src/targets/${id}/`) && /\/(keys|rules)(-[a-z-]+)?\.ts$/.test(target)) visit(target);
        else offending.push(`${file}: ${spec}`);
      }
    };
    visit(`src/targets/${id}/keys.ts`);
    expect(offending).toEqual([]);
  });
});

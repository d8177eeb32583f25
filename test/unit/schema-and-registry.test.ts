import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { answersJsonSchema, generatedAnswersSchemaText } from '../../src/targets/contract.js';
import { answersJsonSchemaText } from '../../src/contract/json-schema.js';
import { TARGET_IDS } from '../../src/contract/literals.js';
import { PRESETS } from '../../src/contract/presets.js';
import { resolveContract } from '../../src/targets/contract.js';
import { TARGET_KEYS } from '../../src/targets/keys.js';
import { loadTarget, REGISTERED_TARGETS } from '../../src/targets/registry.js';
import { TARGETS } from '../targets.js';
import { ANSWERS_BY_TARGET, K8S_ANSWERS, VPS_ANSWERS } from '../fixtures.js';

describe('answers JSON Schema', () => {
  it('is checked in and up to date with the contract (regenerate with `npm run schema`)', () => {
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync('schemas/answers.schema.json', generatedAnswersSchemaText());
    expect(readFileSync('schemas/answers.schema.json', 'utf8')).toBe(generatedAnswersSchemaText());
  });

  it('is what the CLI prints and writes into bundles: the checked-in text, not rebuilt at run time', () => {
    expect(answersJsonSchemaText()).toBe(generatedAnswersSchemaText());
  });

  it('accepts complete answers and rejects unknown keys', () => {
    const validate = new Ajv({ strict: false }).compile(answersJsonSchema());
    expect(validate(VPS_ANSWERS)).toBe(true);
    expect(validate(K8S_ANSWERS)).toBe(true);
    expect(validate({ ...VPS_ANSWERS, projet_name: 'x' })).toBe(false);
    // Lists and resource objects are typed in the schema too (editors flag a wrong shape).
    expect(validate({ ...K8S_ANSWERS, ingress_hosts: 'app.example.com' })).toBe(false);
    expect(validate({ ...K8S_ANSWERS, api_resources: { requests: { cpu: '250m', memory: '512Mi' } } })).toBe(false);
  });
});

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))('%s: its defaults are valid contract answers for its target', (_name, preset) => {
    const base = ANSWERS_BY_TARGET[preset.target];
    // A preset that picks S3 cannot know the bucket's region: the answers name it, as with the bucket itself.
    const region = preset.defaults.storage_provider === 's3' && base.s3_region === undefined ? { s3_region: 'eu-west-1' } : {};
    const result = resolveContract([{ source: 'test', values: { ...base, ...region, ...preset.defaults, preset: preset.name } }]);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

function mustResolve(values: Record<string, unknown>) {
  const resolved = resolveContract([{ source: 'test', values }]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return resolved.contract;
}

describe('target registry', () => {
  it('has one target per id, each with files and checks', () => {
    expect([...REGISTERED_TARGETS].sort()).toEqual([...TARGET_IDS].sort());
    expect(Object.keys(TARGETS).sort()).toEqual([...TARGET_IDS].sort());
    for (const [id, target] of Object.entries(TARGETS)) {
      expect(target.id).toBe(id);
      const base = ANSWERS_BY_TARGET[id as keyof typeof ANSWERS_BY_TARGET];
      const resolved = resolveContract([{ source: 'test', values: base }]);
      if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
      expect(target.plan(resolved.contract, { includeSecrets: false }).some((f) => f.path === 'README.md')).toBe(true);
      expect(target.embeddedChecks(resolved.contract).length).toBeGreaterThan(0);
      expect(target.env(resolved.contract).api.length).toBeGreaterThan(0);
    }
    // Every target that generates for a real tool declares a check with it.
    expect(TARGETS.k8s.toolChecks(mustResolve(K8S_ANSWERS)).map((c) => c.tool)).toEqual(['helm', 'helm']);
  });

  it('loads each target on demand, the same one every time', async () => {
    for (const id of REGISTERED_TARGETS) expect(await loadTarget(id)).toBe(TARGETS[id]);
  });

  it('says whether secrets are references as the contract keys do (what the wizard reads without loading the target)', () => {
    for (const [id, target] of Object.entries(TARGETS)) {
      const contract = mustResolve(ANSWERS_BY_TARGET[id as keyof typeof ANSWERS_BY_TARGET]);
      for (const external_secrets_enabled of [true, false]) {
        const variant = { ...contract, external_secrets_enabled };
        expect(target.secretsAreReferences?.(variant) ?? false, id).toBe(TARGET_KEYS[target.id].secretsAreReferences?.(variant) ?? false);
      }
    }
    expect(TARGETS.k8s.secretsAreReferences?.(mustResolve(K8S_ANSWERS))).toBe(true);
  });
});

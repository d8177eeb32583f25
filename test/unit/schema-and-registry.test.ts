import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { answersJsonSchema, answersJsonSchemaText } from '../../src/contract/json-schema.js';
import { TARGET_IDS } from '../../src/contract/literals.js';
import { PRESETS } from '../../src/contract/presets.js';
import { resolveContract } from '../../src/contract/resolve.js';
import { TARGETS } from '../../src/targets/registry.js';
import { OTHER_ANSWERS, VPS_ANSWERS } from '../fixtures.js';

describe('answers JSON Schema', () => {
  it('is checked in and up to date (regenerate with `node bin/starter-console.js schema answers > schemas/answers.schema.json`)', () => {
    expect(readFileSync('schemas/answers.schema.json', 'utf8')).toBe(answersJsonSchemaText());
  });

  it('accepts complete answers and rejects unknown keys', () => {
    const validate = new Ajv({ strict: false }).compile(answersJsonSchema());
    expect(validate(VPS_ANSWERS)).toBe(true);
    expect(validate({ ...VPS_ANSWERS, projet_name: 'x' })).toBe(false);
  });
});

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))('%s: its defaults are valid contract answers for its target', (_name, preset) => {
    const base = preset.target === 'vps' ? VPS_ANSWERS : OTHER_ANSWERS;
    const result = resolveContract([{ source: 'test', values: { ...base, ...preset.defaults, preset: preset.name } }]);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe('target registry', () => {
  it('has one target per id, each with files and checks', () => {
    expect(Object.keys(TARGETS).sort()).toEqual([...TARGET_IDS].sort());
    for (const [id, target] of Object.entries(TARGETS)) {
      expect(target.id).toBe(id);
      const base = id === 'vps' ? VPS_ANSWERS : OTHER_ANSWERS;
      const resolved = resolveContract([{ source: 'test', values: base }]);
      if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
      expect(target.plan(resolved.contract, { includeSecrets: false }).some((f) => f.path === 'README.md')).toBe(true);
      expect(target.embeddedChecks(resolved.contract).length).toBeGreaterThan(0);
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { TARGET_NEEDS } from '../../src/checks/doctor.js';
import { REGISTERED_TARGETS } from '../../src/targets/registry.js';
import { resolveContract } from '../../src/targets/contract.js';
import { TARGETS } from '../targets.js';

const casesDir = join(import.meta.dirname, '..', 'golden', 'cases');

describe('doctor knows what each target checks with', () => {
  it('every registered target, and no other', () => {
    expect(Object.keys(TARGET_NEEDS).sort()).toEqual([...REGISTERED_TARGETS].sort());
  });

  it.each(readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).sort())('%s: its tool checks use only the tools doctor lists for its target', (caseFile) => {
    const resolved = resolveContract([{ source: caseFile, values: parse(readFileSync(join(casesDir, caseFile), 'utf8')) as Record<string, unknown> }]);
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
    const used = new Set(TARGETS[resolved.contract.target].toolChecks(resolved.contract).map((c) => c.tool));
    expect([...used].filter((tool) => !TARGET_NEEDS[resolved.contract.target]?.tools.includes(tool))).toEqual([]);
  });
});

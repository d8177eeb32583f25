/**
 * docs/reference/env-inventory.md (seed R3) is regenerated from every target's env(contract) and
 * compared with the checked-in file: a target that starts setting an env var the inventory does not
 * list, or stops setting one it lists, fails here until the file is regenerated (and reviewed).
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/unit/env-inventory.test.ts`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../targets.js';
import { envInventory, envInventoryMarkdown } from '../../src/targets/env-inventory.js';

const DOC = join('docs', 'reference', 'env-inventory.md');
const casesDir = join('test', 'golden', 'cases');
const bases = readdirSync(casesDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((name) => ({ name, values: parse(readFileSync(join(casesDir, name), 'utf8')) as Record<string, unknown> }));

describe('docs/reference/env-inventory.md', () => {
  const inventory = envInventory(bases, TARGETS);
  const text = envInventoryMarkdown(inventory);

  it('is generated from the targets and up to date', () => {
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(join('docs', 'reference'), { recursive: true });
      writeFileSync(DOC, text);
    }
    expect(readFileSync(DOC, 'utf8')).toBe(text);
  });

  it('covers every target in the registry, each with api, web and the worker', () => {
    expect(inventory.map((t) => t.target)).toEqual(Object.keys(TARGETS).sort());
    for (const target of inventory) {
      for (const service of ['api', 'web', 'worker'] as const) expect(target.rows.some((r) => r.service === service), `${target.target} ${service}`).toBe(true);
    }
  });

  it('lists what the targets set, with its source and condition', () => {
    const vps = inventory.find((t) => t.target === 'vps');
    const row = (service: string, name: string) => vps?.rows.find((r) => r.service === service && r.name === name);
    expect(row('api', 'S3_BUCKET')).toMatchObject({ from: ['answer:storage_bucket_name'], when: 'storage_provider: s3' });
    expect(row('api', 'MINIO_ENDPOINT')?.when).toBe('storage_provider: minio');
    expect(row('api', 'AUTH_KEY_SECRET_NAME')?.when).toBe('auth_key_storage_backend: secret-manager');
    expect(row('worker', 'ENABLE_BILLING_RETRY_WORKER')?.when).toBe('enable_worker: true');
    expect(row('web', 'NODE_ENV')).toMatchObject({ from: ['default'], when: 'always' });
    expect(row('api', '(any api_env entry)')?.from).toEqual(['answer:api_env.NAME']);
  });
});

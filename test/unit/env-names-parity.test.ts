/**
 * One contract, six targets: for the same environment, the API, the web app and the worker get the
 * same app env names on every target, apart from the provider-specific ones (the secrets and storage
 * providers' own settings, and the few a target documents in docs/reference/env-inventory.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_KEYED_ENV } from '../../src/contract/env.js';
import { ENVIRONMENTS } from '../../src/contract/literals.js';
import { resolveContract } from '../../src/targets/contract.js';
import { REGISTERED_TARGETS } from '../../src/targets/registry.js';
import { ANSWERS_BY_TARGET } from '../fixtures.js';
import { REPO_ROOT } from '../real-tools.js';
import { TARGETS } from '../targets.js';

/** Where the bucket lives and how it is reached: one of these per storage provider. */
const STORAGE_ENV = ['S3_BUCKET', 'GCS_BUCKET', 'AZURE_BLOB_CONTAINER', 'STORAGE_BUCKET_PREFIX', 'MINIO_SECURE'];
/** Settings only one target's platform needs, each documented in the env inventory. */
const TARGET_SPECIFIC: Readonly<Record<string, readonly string[]>> = { azure: ['AZURE_MANAGED_IDENTITY_CLIENT_ID'] };
const providerSpecific = new Set([...Object.keys(CONTRACT_KEYED_ENV), ...STORAGE_ENV]);

function namesOf(target: string, environment: string) {
  const answers = { ...(ANSWERS_BY_TARGET as Record<string, Record<string, unknown>>)[target], environment };
  const resolved = resolveContract([{ source: `${target} answers`, values: answers }]);
  if (!resolved.ok) throw new Error(`${target}/${environment}: ${resolved.problems.map((p) => `${p.key}: ${p.message}`).join('; ')}`);
  const env = TARGETS[resolved.contract.target].env(resolved.contract);
  const own = new Set(TARGET_SPECIFIC[target] ?? []);
  const core = (vars: readonly { name: string }[] | undefined) => (vars ?? []).map((v) => v.name).filter((n) => !providerSpecific.has(n) && !own.has(n)).sort();
  return { api: core(env.api), web: core(env.web), worker: core(env.worker) };
}

describe('one contract, six targets: the same app env names everywhere', () => {
  it('covers every registered target', () => {
    expect(Object.keys(ANSWERS_BY_TARGET).sort()).toEqual([...REGISTERED_TARGETS].sort());
  });

  it.each(ENVIRONMENTS)('%s: api, web and worker names agree across the targets', (environment) => {
    const [first, ...rest] = REGISTERED_TARGETS;
    const expected = namesOf(first as string, environment);
    expect(expected.worker).toEqual(expected.api);
    for (const target of rest) expect(namesOf(target, environment), target).toEqual(expected);
  });

  it('each target-specific setting is documented in the env inventory', () => {
    const inventory = readFileSync(join(REPO_ROOT, 'docs', 'reference', 'env-inventory.md'), 'utf8');
    for (const name of Object.values(TARGET_SPECIFIC).flat()) expect(inventory).toContain(name);
  });
});

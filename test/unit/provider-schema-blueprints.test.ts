/**
 * The provider-schema check on the real blueprints: each passes as generated, and a misspelt argument
 * seeded into each cloud's blueprint fails it, naming the file, the resource and the right name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { filesOf } from '../../src/checks/types.js';
import { resolveContract } from '../../src/targets/contract.js';
import { providerSchemaCheck } from '../../src/targets/terraform/provider-schema-check.js';
import { REPO_ROOT } from '../real-tools.js';
import { TARGETS } from '../targets.js';

async function schemaProblems(files: ReadonlyMap<string, string>): Promise<string[]> {
  const check = providerSchemaCheck();
  await check.prepare?.(files);
  return check.run(files);
}

const SEEDS = [
  { cloud: 'aws', file: 'ops/infra/aws/database.tf', from: '  storage_encrypted ', to: '  storage_encryptd ', resource: 'aws_db_instance.main', right: 'storage_encrypted' },
  { cloud: 'gcp', file: 'ops/infra/gcp/storage.tf', from: '  uniform_bucket_level_access ', to: '  uniform_bucket_level_acces ', resource: 'google_storage_bucket.', right: 'uniform_bucket_level_access' },
  { cloud: 'azure', file: 'ops/infra/azure/key_vault.tf', from: '  purge_protection_enabled ', to: '  purge_protection_enable ', resource: 'azurerm_key_vault.', right: 'purge_protection_enabled' },
] as const;

describe('the provider-schema check on each cloud blueprint', () => {
  it.each(SEEDS)('$cloud: passes as generated; a misspelt $right fails naming file, resource and the right name', async (seed) => {
    const values = parse(readFileSync(join(REPO_ROOT, 'examples', `${seed.cloud}.answers.yaml`), 'utf8')) as Record<string, unknown>;
    const resolved = resolveContract([{ source: `${seed.cloud}.answers.yaml`, values }]);
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
    const bundle = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: false });
    const files = filesOf(bundle.files);
    expect(await schemaProblems(files)).toEqual([]);
    const original = files.get(seed.file) ?? '';
    expect(original).toContain(seed.from);
    const seeded = new Map(files);
    seeded.set(seed.file, original.replace(seed.from, seed.to));
    const problems = await schemaProblems(seeded);
    expect(problems.some((p) => p.startsWith(`${seed.file}:`) && p.includes(seed.resource) && p.includes(`did you mean ${seed.right}`)), problems.join('\n')).toBe(true);
  });
});

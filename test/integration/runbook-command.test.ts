/**
 * The runbook's own "bring it up" command, taken from the generated README and run with `config`
 * instead of `up`, resolves the dedicated worker topology (seed OPS-002): the API with both billing
 * flags false, the worker with both true and the dedicated mode. This is what an operator runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { resolveContract } from '../../src/contract/resolve.js';
import { layer, VPS_ANSWERS } from '../fixtures.js';
import { requireOrSkip } from '../real-tools.js';

const gate = requireOrSkip('docker-compose');
const scratch = mkdtempSync(join(tmpdir(), 'starter-runbook-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeBundle(enableWorker: boolean): { dir: string; readme: string } {
  const resolved = resolveContract([layer({ ...VPS_ANSWERS, enable_worker: enableWorker })]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  const bundle = buildBundle({ contract: resolved.contract, preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: true });
  const dir = join(scratch, enableWorker ? 'worker' : 'inline');
  for (const f of bundle.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  writeFileSync(join(dir, 'ops/compose/secrets/postgres.env'), 'POSTGRES_PASSWORD=test\n');
  return { dir, readme: bundle.files.find((f) => f.path === 'README.md')?.content ?? '' };
}

/** The `docker compose ... up -d --wait` line of the runbook, as an argument list after `docker compose`. */
function upCommandArgs(readme: string): string[] {
  const line = readme.split('\n').map((l) => l.trim()).find((l) => /^docker compose .* up -d --wait$/.test(l));
  if (!line) throw new Error('the runbook has no `docker compose ... up -d --wait` line');
  return line.split(/\s+/).slice(2);
}

type Config = { services: Record<string, { environment?: Record<string, string> }> };

function resolvedConfig(dir: string, upArgs: string[]): Config {
  const args = [...upArgs.slice(0, upArgs.indexOf('up')), 'config', '--format', 'json'];
  const output = execFileSync(gate.path('docker-compose'), args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: scratch } });
  return JSON.parse(output) as Config;
}

describe.skipIf(gate.skip)(`the runbook's up command${gate.label}`, () => {
  it('gives the dedicated worker topology when enable_worker is on', () => {
    const { dir, readme } = writeBundle(true);
    const config = resolvedConfig(dir, upCommandArgs(readme));
    expect(config.services.api?.environment).toMatchObject({ ENABLE_BILLING_RETRY_WORKER: 'false', ENABLE_BILLING_STREAM_REPLAY: 'false' });
    expect(config.services.worker?.environment).toMatchObject({
      ENABLE_BILLING_RETRY_WORKER: 'true',
      ENABLE_BILLING_STREAM_REPLAY: 'true',
      BILLING_RETRY_DEPLOYMENT_MODE: 'dedicated',
    });
  });

  it('gives one process with billing on the API when enable_worker is off', () => {
    const { dir, readme } = writeBundle(false);
    const config = resolvedConfig(dir, upCommandArgs(readme));
    expect(config.services.worker).toBeUndefined();
    expect(config.services.api?.environment).toMatchObject({ ENABLE_BILLING_RETRY_WORKER: 'true', ENABLE_BILLING_STREAM_REPLAY: 'true', BILLING_RETRY_DEPLOYMENT_MODE: 'inline' });
  });
});

import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mirrorDirs } from '../../src/checks/doctor.js';
import { ensureBuilt, jsonOnly, ROOT, runCli, workspace } from './helpers.js';
import { findProviderMirror } from '../terraform-env.js';

interface Report {
  ok: boolean;
  tools: { name: string; version?: string }[];
  providers: { cloud: string; source?: string }[];
  targets: { target: string; complete: boolean; missing: string[] }[];
}

beforeAll(ensureBuilt);

describe('doctor', () => {
  it('a machine with node only: every tool missing, named per target; --require-tools exits 3', async () => {
    const ws = await workspace('doctor');
    const bin = join(ws.dir, 'node-only');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    // A copy of the CLI outside the checkout, so that it does not find the checkout's .tools/bin.
    const cli = join(ws.dir, 'cli');
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(cli, part), { recursive: true });
    const cleanEnv = { PATH: bin, HOME: ws.dir, TF_CLI_CONFIG_FILE: join(ws.dir, 'missing.tfrc'), NO_COLOR: '1' };
    const relaxed = await runCli(['doctor', '--json'], { cleanEnv, bin: join(cli, 'bin', 'starter-console.js') });
    expect(relaxed.code).toBe(0);
    const report = jsonOnly<Report>(relaxed);
    expect(report.ok).toBe(false);
    expect(report.targets.find((t) => t.target === 'vps')?.missing.join(' ')).toContain('docker-compose');
    expect(report.targets.find((t) => t.target === 'other')?.complete).toBe(true);
    const strict = await runCli(['doctor', '--require-tools'], { cleanEnv, bin: join(cli, 'bin', 'starter-console.js') });
    expect(strict.code).toBe(3);
    expect(strict.stderr).toMatch(/missing\s+helm/);
  });

  it('reads the provider mirror from TF_CLI_CONFIG_FILE', async () => {
    const mirror = findProviderMirror() ?? '/nonexistent-mirror';
    const ws = await workspace('doctor-mirror');
    const config = join(ws.dir, 'tf.rc');
    writeFileSync(config, `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`);
    expect(mirrorDirs({ HOME: ws.dir, TF_CLI_CONFIG_FILE: config }).dirs).toEqual([mirror]);
    const r = await runCli(['doctor', '--json'], { env: { TF_CLI_CONFIG_FILE: config } });
    const report = jsonOnly<Report>(r);
    const aws = report.providers.find((p) => p.cloud === 'aws');
    if (findProviderMirror()) expect(aws?.source).toBe(`mirror ${mirror}`);
    expect(report.providers.map((p) => p.cloud).sort()).toEqual(['aws', 'azure', 'gcp']);
  }, 30_000);
});

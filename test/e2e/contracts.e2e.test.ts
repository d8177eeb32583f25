import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, jsonOnly, ROOT, runCli, workspace } from './helpers.js';

beforeAll(ensureBuilt);

describe('contracts export|check', () => {
  it('the checked-in snapshots are what the contract generates', async () => {
    const r = await runCli(['contracts', 'check', '--json']);
    expect(r.code).toBe(0);
    expect(jsonOnly(r)).toEqual({ ok: true, drift: [] });
  });

  it('a snapshot that lacks a literal the code has fails the check (exit 1) until export rewrites it', async () => {
    const ws = await workspace('contracts');
    cpSync(join(ROOT, 'docs', 'contracts'), join(ws.dir, 'docs', 'contracts'), { recursive: true });
    const path = join(ws.dir, 'docs', 'contracts', 'provider_literals.json');
    const literals = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string[]>;
    literals.secrets_providers = (literals.secrets_providers ?? []).filter((p) => p !== 'gcp_sm');
    writeFileSync(path, `${JSON.stringify(literals, null, 2)}\n`);
    const stale = await runCli(['contracts', 'check', '--root', ws.dir]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('docs/contracts/provider_literals.json: differs');
    expect((await runCli(['contracts', 'export', '--root', ws.dir])).code).toBe(0);
    expect((await runCli(['contracts', 'check', '--root', ws.dir])).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('"gcp_sm"');
  });
});

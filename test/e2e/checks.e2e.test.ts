/**
 * Checks end to end: `validate` on a bundle as it is on disk (9), and what happens when the real
 * tools cannot be found (10).
 *
 * Making the tools unfindable: the CLI looks on PATH and then in `<package root>/.tools/bin`, the
 * package root being the nearest directory above the built file that holds package.json and
 * presets/. A PATH with only `node` defeats the first; running a relocated copy of bin/ + dist/
 * (with its own package.json but no presets/) defeats the second. No change to the product needed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, exists, humanOnly, jsonOnly, leftovers, nodeOnlyPath, relocatedCli, runCli, snapshot, VPS, workspace, type Workspace } from './helpers.js';

interface Check {
  id: string;
  kind: 'embedded' | 'tool';
  status: 'pass' | 'fail' | 'skip';
  detail: string;
}
const TOOL_CHECKS = ['docker-compose-config', 'caddy-validate'];

let ws: Workspace;

beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('checks');
});

afterAll(async () => {
  await ws?.cleanup();
});

describe('9. validate', () => {
  test('passes on a fresh bundle, and fails naming the caddyfile check after a hand edit that breaks BFF routing', async () => {
    const out = join(await ws.sub('validate'), 'deploy');
    const gen = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(gen.code, gen.stderr).toBe(0);

    const fresh = await runCli(['validate', out], { tmp: ws.tmp });
    expect(fresh.code, fresh.stderr).toBe(0);
    humanOnly(fresh);
    expect(fresh.stderr).not.toMatch(/FAIL/);
    expect(fresh.stderr).toMatch(/PASS caddyfile:/);

    // The app host must send everything, /api included, to the web app (the BFF). Route its
    // catch-all straight to the API instead.
    const caddyfile = join(out, 'ops/compose/caddy/Caddyfile');
    const text = await readFile(caddyfile, 'utf8');
    const appBlock = text.indexOf('app.example.com {');
    expect(appBlock).toBeGreaterThan(0);
    const catchAll = text.indexOf('handle {\n\t\treverse_proxy web:3000', appBlock);
    expect(catchAll, text).toBeGreaterThan(appBlock);
    await writeFile(caddyfile, text.slice(0, catchAll) + text.slice(catchAll).replace('reverse_proxy web:3000', 'reverse_proxy api:8000'));
    const before = await snapshot(out);

    const broken = await runCli(['validate', out], { tmp: ws.tmp });
    expect(broken.code, broken.stderr).toBe(1);
    humanOnly(broken);
    expect(broken.stderr).toMatch(/FAIL caddyfile:/);
    expect(broken.stderr).toContain('api:8000');
    expect(broken.stderr).toMatch(/FAIL manifest:.*\n.*ops\/compose\/caddy\/Caddyfile was edited by hand/);

    const json = await runCli(['--json', 'validate', out], { tmp: ws.tmp });
    expect(json.code).toBe(1);
    const data = jsonOnly<{ ok: boolean; checks: Check[] }>(json);
    expect(data.ok).toBe(false);
    const failed = data.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failed).toContain('caddyfile');
    expect(failed).toContain('manifest');
    // validate only reads the bundle.
    expect(await snapshot(out)).toEqual(before);
    expect([...(await snapshot(ws.tmp)).keys()]).toEqual([]);
  });

  test('a directory that is not a bundle exits 2', async () => {
    const r = await runCli(['validate', join(ws.dir, 'no-such-bundle')], { tmp: ws.tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no bundle at');
  });
});

describe('10. real tools that cannot be found', () => {
  let bin: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    bin = await relocatedCli(await ws.sub('relocated'));
    const path = await nodeOnlyPath(join(ws.dir, 'node-only-bin'));
    env = { PATH: path, HOME: ws.dir, NO_COLOR: '1' };
  });

  test('--require-tools exits 3 and writes nothing', async () => {
    const parent = await ws.sub('require-tools');
    const out = join(parent, 'deploy');
    const r = await runCli([...VPS, '--out', out, '--require-tools'], { bin, cleanEnv: env, tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(3);
    humanOnly(r);
    expect(r.stderr).toMatch(/FAIL docker-compose-config:[\s\S]*not found/);
    expect(r.stderr).toMatch(/FAIL caddy-validate:[\s\S]*not found/);
    expect(r.stderr).toContain('a required tool is missing');
    expect(await exists(out)).toBe(false);
    expect(await snapshot(parent)).toEqual(new Map());

    const json = await runCli(['--json', ...VPS, '--out', out, '--require-tools'], { bin, cleanEnv: env, tmp: ws.tmp });
    expect(json.code).toBe(3);
    const data = jsonOnly<{ ok: boolean; committed: boolean; checks: Check[] }>(json);
    expect(data).toMatchObject({ ok: false, committed: false });
    for (const id of TOOL_CHECKS) expect(data.checks.find((c) => c.id === id)?.status, id).toBe('fail');
    expect(await exists(out)).toBe(false);
    expect(await leftovers(out)).toEqual([]);
  });

  test('without --require-tools the run succeeds and the report shows the tool checks as skip with a reason', async () => {
    const out = join(await ws.sub('skip-tools'), 'deploy');
    const r = await runCli([...VPS, '--out', out], { bin, cleanEnv: env, tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    humanOnly(r);
    expect(r.stderr).toMatch(/SKIP docker-compose-config:/);
    expect(r.stderr).toMatch(/SKIP caddy-validate:/);
    const report = JSON.parse(await readFile(join(out, 'starter-report.json'), 'utf8')) as { checks: Check[] };
    for (const id of TOOL_CHECKS) {
      const check = report.checks.find((c) => c.id === id);
      expect(check?.status, id).toBe('skip');
      expect(check?.detail, id).toMatch(/not found: install/);
    }
    for (const check of report.checks.filter((c) => c.kind === 'embedded')) expect(check.status, check.id).toBe('pass');

    // validate on the same bundle with --require-tools: exit 3.
    const strict = await runCli(['validate', out, '--require-tools'], { bin, cleanEnv: env, tmp: ws.tmp });
    expect(strict.code, strict.stderr).toBe(3);
    expect(strict.stderr).toMatch(/FAIL caddy-validate:/);
  });
});

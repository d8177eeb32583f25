/**
 * `setup wizard --non-interactive` end to end: the bundle it writes, idempotent re-runs, --check,
 * hand edits and --force, files the user added, and --dry-run.
 */
import { appendFile, chmod, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  contents,
  ensureBuilt,
  exists,
  fileMode,
  humanOnly,
  jsonOnly,
  leftovers,
  readText,
  runCli,
  snapshot,
  sleep,
  VPS,
  workspace,
  type RunResult,
  type Workspace,
} from './helpers.js';

interface Check {
  id: string;
  kind: 'embedded' | 'tool';
  status: 'pass' | 'fail' | 'skip';
  detail: string;
}
interface RunJson {
  ok: boolean;
  mode: string;
  committed: boolean;
  files: { path: string; action: string; reason?: string; diff?: string }[];
  checks: Check[];
  errors: { key: string | null; message: string }[];
}

const REQUIRED_FILES = [
  'README.md',
  'starter-answers.yaml',
  'starter-manifest.json',
  'starter-report.json',
  'ops/compose/docker-compose.prod.yml',
  'ops/compose/caddy/Caddyfile',
];
const RECORDS = ['starter-manifest.json', 'starter-report.json'];

let ws: Workspace;
/** A bundle written by the documented command, with every check (test 1 looks at this run). */
let base: string;
let first: RunResult;

/** A copy of the base bundle (timestamps kept) in a new directory; returns the copy's --out. */
async function copyOfBase(name: string): Promise<string> {
  const out = join(await ws.sub(name), 'deploy');
  await cp(base, out, { recursive: true, preserveTimestamps: true });
  return out;
}

beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('generate');
  base = join(await ws.sub('base'), 'deploy');
  first = await runCli([...VPS, '--out', base], { tmp: ws.tmp });
});

afterAll(async () => {
  await ws?.cleanup();
});

describe('setup wizard --non-interactive with examples/vps.answers.yaml', () => {
  test('1. writes a complete bundle whose checks pass', async () => {
    expect(first.code, first.stderr).toBe(0);
    humanOnly(first);
    expect(first.stderr).toContain(`wrote ${base}`);
    for (const path of REQUIRED_FILES) expect(await exists(join(base, path)), path).toBe(true);

    const answers = await readText(join(base, 'starter-answers.yaml'));
    expect(answers.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S+/);
    expect(answers).toMatch(/^project_name: acme-saas$/m);

    const report = JSON.parse(await readText(join(base, 'starter-report.json'))) as { validated: boolean; checks: Check[] };
    expect(report.validated).toBe(true);
    expect(report.checks.length).toBeGreaterThan(0);
    for (const check of report.checks) {
      if (check.kind === 'embedded' || process.env.REQUIRE_REAL_TOOLS === '1') expect(check.status, `${check.id}: ${check.detail}`).toBe('pass');
      else expect(['pass', 'skip'], `${check.id}: ${check.detail}`).toContain(check.status);
    }
    const ids = report.checks.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['caddyfile', 'no-plain-secrets', 'docker-compose-config', 'caddy-validate']));
    if (process.env.REQUIRE_REAL_TOOLS === '1') {
      for (const id of ['docker-compose-config', 'caddy-validate']) expect(report.checks.find((c) => c.id === id)?.status).toBe('pass');
    }
    // Every check shows up in the human progress on stderr.
    for (const check of report.checks) expect(first.stderr).toContain(`${check.id}:`);

    // The manifest records every file of the bundle except the records themselves.
    const manifest = JSON.parse(await readText(join(base, 'starter-manifest.json'))) as { generator: { name: string }; files: Record<string, { sha256: string }> };
    expect(manifest.generator.name).toBe('starter-console');
    const onDisk = [...(await snapshot(base)).keys()].filter((p) => !RECORDS.includes(p));
    expect(Object.keys(manifest.files).sort()).toEqual(onDisk);

    expect(await leftovers(base)).toEqual([]);
  });

  test('2. the same command again exits 0 and touches no file (bytes, mode, mtime, inode)', async () => {
    const before = await snapshot(base);
    await sleep(20); // any rewrite would now show in the mtimes
    const again = await runCli([...VPS, '--out', base], { tmp: ws.tmp });
    expect(again.code, again.stderr).toBe(0);
    humanOnly(again);
    expect(await snapshot(base)).toEqual(before);

    const json = await runCli(['--json', ...VPS, '--out', base], { tmp: ws.tmp });
    expect(json.code, json.stderr).toBe(0);
    const data = jsonOnly<RunJson>(json);
    expect(data.ok).toBe(true);
    expect(data.mode).toBe('write');
    expect(data.errors).toEqual([]);
    const generated = [...before.keys()].filter((p) => !RECORDS.includes(p));
    expect(data.files.map((f) => f.path).sort()).toEqual(generated);
    for (const f of data.files) expect(f.action, f.path).toBe('unchanged');
    expect(await snapshot(base)).toEqual(before);
    expect(await leftovers(base)).toEqual([]);
  });

  test('3. --check exits 0 on an up-to-date bundle, and 4 without writing when an answer changed', async () => {
    const before = await snapshot(base);
    const upToDate = await runCli([...VPS, '--out', base, '--check'], { tmp: ws.tmp });
    expect(upToDate.code, upToDate.stderr).toBe(0);
    humanOnly(upToDate);
    expect(upToDate.stderr).toContain('up to date');

    const drift = await runCli([...VPS, '--out', base, '--check', '--var', 'project_name=other-name'], { tmp: ws.tmp });
    expect(drift.code, drift.stderr).toBe(4);
    humanOnly(drift);
    expect(drift.stderr).toContain('ops/compose/docker-compose.prod.yml');
    expect(drift.stderr).toContain('+name: "other-name"');
    expect(drift.stderr).toContain('starter-answers.yaml');

    const driftJson = await runCli(['--json', ...VPS, '--out', base, '--check', '--var', 'project_name=other-name'], { tmp: ws.tmp });
    expect(driftJson.code).toBe(4);
    const data = jsonOnly<{ ok: boolean; files: { path: string; reason: string; diff?: string }[] }>(driftJson);
    expect(data.ok).toBe(false);
    expect(data.files.map((f) => f.path)).toEqual(expect.arrayContaining(['ops/compose/docker-compose.prod.yml', 'starter-answers.yaml']));

    expect(await snapshot(base)).toEqual(before);
    expect(await leftovers(base)).toEqual([]);
  });

  test('4. a hand-edited file blocks the re-run (exit 4, with a diff) until --force', async () => {
    const out = await copyOfBase('hand-edit');
    const caddyfile = join(out, 'ops/compose/caddy/Caddyfile');
    const pristine = await readText(caddyfile);
    await appendFile(caddyfile, '# my hand edit\n');
    const before = await snapshot(out);

    const blocked = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(blocked.code, blocked.stderr).toBe(4);
    humanOnly(blocked);
    expect(blocked.stderr).toContain('ops/compose/caddy/Caddyfile');
    expect(blocked.stderr).toContain('edited by hand');
    expect(blocked.stderr).toContain('--- a/ops/compose/caddy/Caddyfile');
    expect(blocked.stderr).toMatch(/^-# my hand edit$/m);
    expect(blocked.stderr).toContain('--force');
    expect(await snapshot(out)).toEqual(before);
    expect(await readText(caddyfile)).toContain('# my hand edit');

    const blockedJson = await runCli(['--json', ...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(blockedJson.code).toBe(4);
    const data = jsonOnly<{ ok: boolean; files: { path: string; reason: string; diff?: string }[] }>(blockedJson);
    expect(data.ok).toBe(false);
    expect(data.files).toEqual([expect.objectContaining({ path: 'ops/compose/caddy/Caddyfile', reason: expect.stringContaining('edited by hand') })]);
    expect(data.files[0]?.diff).toContain('-# my hand edit');
    expect(await snapshot(out)).toEqual(before);

    const forced = await runCli([...VPS, '--out', out, '--no-validate', '--force'], { tmp: ws.tmp });
    expect(forced.code, forced.stderr).toBe(0);
    humanOnly(forced);
    expect(await readText(caddyfile)).toBe(pristine);
    expect(await leftovers(out)).toEqual([]);
  });

  test('5. files the user added inside the bundle survive re-runs untouched (content and mode)', async () => {
    const out = await copyOfBase('user-files');
    const notes = join(out, 'notes.txt');
    const secret = join(out, 'ops/compose/secrets/api.env');
    const deep = join(out, 'ops/extra/runbook.md');
    await writeFile(notes, 'remember the milk\n');
    await writeFile(secret, "DATABASE_URL='postgresql+asyncpg://u:operator-only@db:5432/app'\n", { mode: 0o600 });
    await chmod(secret, 0o600);
    await mkdir(join(out, 'ops/extra'));
    await writeFile(deep, '# ours\n', { mode: 0o640 });
    await chmod(deep, 0o640);
    const userFiles = async () => ({
      notes: [await readFile(notes, 'utf8'), await fileMode(notes)],
      secret: [await readFile(secret, 'utf8'), await fileMode(secret)],
      deep: [await readFile(deep, 'utf8'), await fileMode(deep)],
    });
    const expected = await userFiles();
    expect(expected.secret[1]).toBe(0o600);

    // Same answers (the report changes: this run skips the checks), so the bundle is swapped in again.
    const same = await runCli(['--json', ...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(same.code, same.stderr).toBe(0);
    const sameData = jsonOnly<RunJson>(same);
    for (const path of ['notes.txt', 'ops/compose/secrets/api.env', 'ops/extra/runbook.md']) {
      expect(sameData.files.find((f) => f.path === path)?.action, path).toBe('keep');
    }
    expect(await userFiles()).toEqual(expected);

    // A changed answer: the bundle is regenerated and swapped in; the user's files come along.
    const changed = await runCli([...VPS, '--out', out, '--no-validate', '--var', 'project_name=other-name'], { tmp: ws.tmp });
    expect(changed.code, changed.stderr).toBe(0);
    expect(await readText(join(out, 'ops/compose/docker-compose.prod.yml'))).toContain('name: "other-name"');
    expect(await userFiles()).toEqual(expected);
    expect(await leftovers(out)).toEqual([]);
  });

  test('7. --dry-run prints the plan and writes nothing', async () => {
    const parent = await ws.sub('dry-run');
    const out = join(parent, 'deploy');
    const dry = await runCli([...VPS, '--out', out, '--dry-run'], { tmp: ws.tmp });
    expect(dry.code, dry.stderr).toBe(0);
    humanOnly(dry);
    expect(dry.stderr).toContain(`plan for ${out}`);
    expect(dry.stderr).toMatch(/create\s+ops\/compose\/caddy\/Caddyfile/);
    expect(dry.stderr).toContain('dry run: nothing written');
    expect(await exists(out)).toBe(false);
    expect(await snapshot(parent)).toEqual(new Map());

    const dryJson = await runCli(['--json', ...VPS, '--out', out, '--dry-run'], { tmp: ws.tmp });
    expect(dryJson.code, dryJson.stderr).toBe(0);
    const data = jsonOnly<RunJson>(dryJson);
    expect(data).toMatchObject({ ok: true, mode: 'dry-run', committed: false, checks: [] });
    const paths = data.files.map((f) => f.path);
    for (const path of REQUIRED_FILES.filter((p) => !RECORDS.includes(p))) expect(paths).toContain(path);
    for (const f of data.files) expect(f.action, f.path).toBe('create');
    expect(await exists(out)).toBe(false);

    // On an existing bundle, the plan shows the diff of what would change, and still writes nothing.
    const existing = await copyOfBase('dry-run-existing');
    const before = await snapshot(existing);
    const diff = await runCli([...VPS, '--out', existing, '--dry-run', '--var', 'project_name=other-name'], { tmp: ws.tmp });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stderr).toMatch(/update\s+ops\/compose\/docker-compose\.prod\.yml/);
    expect(diff.stderr).toMatch(/^\+name: "other-name"$/m);
    expect(await snapshot(existing)).toEqual(before);
    expect(await leftovers(existing)).toEqual([]);
    expect(await contents(existing)).toEqual(await contents(base));
  });

  test('no run leaves a scratch copy of the bundle in TMPDIR', async () => {
    expect([...(await snapshot(ws.tmp)).keys()]).toEqual([]);
  });
});

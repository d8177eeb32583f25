/**
 * 8. Secret values end to end: with --include-secrets they land only in the 0600 secret file; they
 * never reach stdout, stderr, the redacted answers, the report, the manifest, another bundle file,
 * or a scratch copy left in TMPDIR. Without --include-secrets they appear nowhere at all.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, exists, fileMode, filesContaining, humanOnly, jsonOnly, leftovers, runCli, snapshot, VPS, workspace, type RunResult, type Workspace } from './helpers.js';

const tag = `${process.pid}${Date.now().toString(36)}`;
const DB_SENTINEL = `SENTINELdb${tag}`;
const REDIS_SENTINEL = `SENTINELredis${tag}`;
const OTHER_SENTINEL = `SENTINELother${tag}`;
const EDIT_SENTINEL = `SENTINELedit${tag}`;
/** The other secrets the API needs in prod, each with its own sentinel. */
const APP_SENTINELS: Record<string, string> = {
  OPENAI_API_KEY: `SENTINELopenai${tag}`,
  SECRET_KEY: `SENTINELsecretkey${tag}`,
  AUTH_PASSWORD_PEPPER: `SENTINELpasswordpepper${tag}`,
  AUTH_REFRESH_TOKEN_PEPPER: `SENTINELrefreshpepper${tag}`,
};
const ALL = [DB_SENTINEL, REDIS_SENTINEL, OTHER_SENTINEL, EDIT_SENTINEL, ...Object.values(APP_SENTINELS)];
const SECRET_FILE = 'ops/compose/secrets/api.env';
/** The local Redis takes its password from REDIS_URL: the only other file that may carry it. */
const REDIS_SECRET_FILE = 'ops/compose/secrets/redis.env';

const secretVars = (db = DB_SENTINEL) => [
  '--var',
  `api_secrets.DATABASE_URL=postgresql+asyncpg://starter:${db}@postgres:5432/acme_saas`,
  '--var',
  `api_secrets.REDIS_URL=rediss://:${REDIS_SENTINEL}@redis:6379/0`,
  ...Object.entries(APP_SENTINELS).flatMap(([name, value]) => ['--var', `api_secrets.${name}=${value}`]),
];

let ws: Workspace;

beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('secrets');
});

afterAll(async () => {
  await ws?.cleanup();
});

function expectNoSentinel(r: RunResult, what: string): void {
  for (const s of ALL) {
    expect(r.stdout.includes(s), `${what}: stdout contains a secret`).toBe(false);
    expect(r.stderr.includes(s), `${what}: stderr contains a secret`).toBe(false);
  }
}

async function expectTmpEmpty(): Promise<void> {
  expect([...(await snapshot(ws.tmp)).keys()], 'scratch copies left in TMPDIR').toEqual([]);
}

describe('8. --include-secrets', () => {
  let out: string;

  test('writes the values only into the 0600 secret file', async () => {
    out = join(await ws.sub('with-secrets'), 'deploy');
    const r = await runCli([...VPS, '--out', out, '--include-secrets', ...secretVars()], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    humanOnly(r);
    expectNoSentinel(r, 'first run');

    const secret = join(out, SECRET_FILE);
    expect(await fileMode(secret)).toBe(0o600);
    const text = await readFile(secret, 'utf8');
    expect(text).toContain(DB_SENTINEL);
    expect(text).toContain(REDIS_SENTINEL);
    for (const value of Object.values(APP_SENTINELS)) expect(text).toContain(value);

    expect(await filesContaining(out, DB_SENTINEL)).toEqual([SECRET_FILE]);
    expect((await filesContaining(out, REDIS_SENTINEL)).sort()).toEqual([SECRET_FILE, REDIS_SECRET_FILE].sort());
    for (const value of Object.values(APP_SENTINELS)) expect(await filesContaining(out, value)).toEqual([SECRET_FILE]);
    expect(await fileMode(join(out, REDIS_SECRET_FILE))).toBe(0o600);

    const answers = parse(await readFile(join(out, 'starter-answers.yaml'), 'utf8')) as { api_secrets: Record<string, string> };
    expect(answers.api_secrets.DATABASE_URL).toBe('<redacted>');
    expect(answers.api_secrets.REDIS_URL).toBe('<redacted>');
    for (const name of Object.keys(APP_SENTINELS)) expect(answers.api_secrets[name]).toBe('<redacted>');
    const manifest = JSON.parse(await readFile(join(out, 'starter-manifest.json'), 'utf8')) as { files: Record<string, { kind: string; mode: string }> };
    expect(manifest.files[SECRET_FILE]).toMatchObject({ kind: 'secret', mode: '0600' });
    expect(manifest.files[REDIS_SECRET_FILE]).toMatchObject({ kind: 'secret', mode: '0600' });
    const report = JSON.parse(await readFile(join(out, 'starter-report.json'), 'utf8')) as { checks: { id: string; status: string }[] };
    expect(report.checks.find((c) => c.id === 'no-plain-secrets')?.status).toBe('pass');
    await expectTmpEmpty();
  });

  test('--json re-run and --json --dry-run never print a value', async () => {
    const again = await runCli(['--json', ...VPS, '--out', out, '--include-secrets', '--no-validate', ...secretVars()], { tmp: ws.tmp });
    expect(again.code, again.stderr).toBe(0);
    jsonOnly(again);
    expectNoSentinel(again, '--json re-run');

    const dry = await runCli(['--json', ...VPS, '--out', out, '--include-secrets', '--dry-run', ...secretVars(OTHER_SENTINEL)], { tmp: ws.tmp });
    expect(dry.code, dry.stderr).toBe(0);
    const data = jsonOnly<{ files: { path: string; action: string }[] }>(dry);
    // The manifest keeps no hash of a secret file, so a changed secret value is a conflict (needs --force).
    expect(data.files.find((f) => f.path === SECRET_FILE)?.action).toBe('conflict');
    expectNoSentinel(dry, '--json --dry-run');

    const dryText = await runCli([...VPS, '--out', out, '--include-secrets', '--dry-run', ...secretVars(OTHER_SENTINEL)], { tmp: ws.tmp });
    expect(dryText.code, dryText.stderr).toBe(0);
    expect(dryText.stderr).toContain(SECRET_FILE);
    expectNoSentinel(dryText, '--dry-run');
  });

  test('--check with a changed value names the secret file but shows no diff of it', async () => {
    const before = await snapshot(out);
    const text = await runCli([...VPS, '--out', out, '--include-secrets', '--check', ...secretVars(OTHER_SENTINEL)], { tmp: ws.tmp });
    expect(text.code, text.stderr).toBe(4);
    expect(text.stderr).toContain(SECRET_FILE);
    expectNoSentinel(text, '--check');
    const json = await runCli(['--json', ...VPS, '--out', out, '--include-secrets', '--check', ...secretVars(OTHER_SENTINEL)], { tmp: ws.tmp });
    expect(json.code).toBe(4);
    const data = jsonOnly<{ files: { path: string; diff?: string }[] }>(json);
    expect(data.files.map((f) => f.path)).toContain(SECRET_FILE);
    expect(data.files.find((f) => f.path === SECRET_FILE)?.diff).toBeUndefined();
    expectNoSentinel(json, '--json --check');
    expect(await snapshot(out)).toEqual(before);
  });

  test('a hand-edited secret file blocks the run without printing its content', async () => {
    const secret = join(out, SECRET_FILE);
    await appendFile(secret, `EXTRA_TOKEN='${EDIT_SENTINEL}'\n`);
    const before = await snapshot(out);
    const r = await runCli([...VPS, '--out', out, '--include-secrets', '--no-validate', ...secretVars()], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain(SECRET_FILE);
    expect(r.stderr).toContain('secret file differs from the answers');
    expectNoSentinel(r, 'conflict on the secret file');
    expect(await snapshot(out)).toEqual(before);

    // Without --include-secrets the generator leaves the operator's secret file alone.
    const keep = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(keep.code, keep.stderr).toBe(0);
    expectNoSentinel(keep, 'run without --include-secrets');
    expect(await readFile(secret, 'utf8')).toContain(EDIT_SENTINEL);
    expect(await fileMode(secret)).toBe(0o600);
    expect(await leftovers(out)).toEqual([]);
    await expectTmpEmpty();
  });
});

describe('8. without --include-secrets', () => {
  test('the values given with --var appear nowhere at all', async () => {
    const out = join(await ws.sub('without-secrets'), 'deploy');
    const r = await runCli([...VPS, '--out', out, ...secretVars()], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    expectNoSentinel(r, 'run');
    expect(await exists(join(out, SECRET_FILE))).toBe(false);
    expect(await exists(join(out, REDIS_SECRET_FILE))).toBe(false);
    for (const s of ALL) expect(await filesContaining(out, s)).toEqual([]);

    const json = await runCli(['--json', ...VPS, '--out', out, '--dry-run', ...secretVars()], { tmp: ws.tmp });
    expect(json.code, json.stderr).toBe(0);
    jsonOnly(json);
    expectNoSentinel(json, '--json --dry-run');
    await expectTmpEmpty();
  });
});

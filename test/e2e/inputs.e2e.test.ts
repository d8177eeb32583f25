/**
 * The input findings end to end, with the built CLI: malformed answers (invalid JSON in a --var or a
 * .json file, an unknown YAML tag, invalid UTF-8, a store key that is a secret) exit 2 and name the
 * key, and neither stderr nor the --json output carries the sentinel planted in the secret value;
 * the yaml library prints no warning. A bundle whose secret references equal their names passes the
 * leak check, and an env number reaches the env file as written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, EXAMPLE, filesContaining, humanOnly, jsonOnly, ROOT, runCli, workspace, type RunResult, type Workspace } from './helpers.js';

const SENTINEL = `SENTINELin${process.pid}${Date.now().toString(36)}`;
const K8S_EXAMPLE = join(ROOT, 'examples', 'k8s.answers.yaml');
const WIZARD = ['setup', 'wizard', '--non-interactive'] as const;

let ws: Workspace;

beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('inputs');
});

afterAll(async () => {
  await ws?.cleanup();
});

interface JsonErrors {
  ok: boolean;
  errors: { key: string | null; message: string }[];
}

/** Exit 2, the key named, no sentinel and no yaml warning anywhere, as text and as --json. */
async function expectRefused(args: readonly string[], key: string, out: string): Promise<void> {
  const human = await runCli([...args, '--out', out], { tmp: ws.tmp });
  expect(human.code, human.stderr).toBe(2);
  humanOnly(human);
  expect(human.stderr).toContain(key);
  expectNoSentinel(human);
  const machine = await runCli(['--json', ...args, '--out', out], { tmp: ws.tmp });
  expect(machine.code, machine.stderr).toBe(2);
  const data = jsonOnly<JsonErrors>(machine);
  expect(data.ok).toBe(false);
  expect(data.errors.map((e) => e.key)).toContain(key);
  expectNoSentinel(machine);
}

function expectNoSentinel(r: RunResult): void {
  expect(r.stdout.includes(SENTINEL), 'stdout carries the secret').toBe(false);
  expect(r.stderr.includes(SENTINEL), 'stderr carries the secret').toBe(false);
  expect(r.stderr, 'the yaml library printed a warning').not.toMatch(/YAMLWarning|Unresolved tag|TAG_RESOLVE_FAILED/);
  expect(r.stderr, 'a stack trace').not.toMatch(/\n\s+at /);
}

describe('malformed answers: exit 2, the key named, no secret in any output', () => {
  test('invalid JSON in --var api_secrets={...}', async () => {
    const out = join(await ws.sub('var-json'), 'deploy');
    await expectRefused([...WIZARD, '--answers-file', EXAMPLE, '--var', `api_secrets={"DATABASE_URL": "postgresql+asyncpg://u:${SENTINEL}@db/app"`], 'api_secrets', out);
  });

  test('invalid JSON in a .json answers file', async () => {
    const dir = await ws.sub('file-json');
    const file = join(dir, 'answers.json');
    await writeFile(file, `{"preset": "vps", "api_secrets": {"DATABASE_URL": "${SENTINEL}" "REDIS_URL": "x"}}`);
    await expectRefused([...WIZARD, '--answers-file', file], 'api_secrets', join(dir, 'deploy'));
  });

  test('an unknown YAML tag on a secret', async () => {
    const dir = await ws.sub('tag');
    const file = join(dir, 'answers.yaml');
    await writeFile(file, `${await readFile(EXAMPLE, 'utf8')}\nDATABASE_URL: !secret postgres://u:${SENTINEL}@db/app\n`);
    await expectRefused([...WIZARD, '--answers-file', file], 'DATABASE_URL', join(dir, 'deploy'));
  });

  test('invalid UTF-8 in a secret value', async () => {
    const dir = await ws.sub('utf8');
    const file = join(dir, 'answers.yaml');
    const text = (await readFile(EXAMPLE, 'utf8')).replace('  SECRET_KEY: set-on-the-server', `  SECRET_KEY: ${SENTINEL}`);
    const at = Buffer.from(text).indexOf(SENTINEL) + 4;
    const bytes = Buffer.from(text);
    await writeFile(file, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]));
    await expectRefused([...WIZARD, '--answers-file', file], 'api_secrets.SECRET_KEY', join(dir, 'deploy'));
  });

  test('k8s with External Secrets: a store key that is a secret value', async () => {
    const out = join(await ws.sub('store-key'), 'deploy');
    await expectRefused([...WIZARD, '--answers-file', K8S_EXAMPLE, '--var', `api_secrets.OPENAI_API_KEY=sk-proj-${SENTINEL}abcdEFGH1234ijklMNOP`], 'api_secrets.OPENAI_API_KEY', out);
  });
});

describe('accepted inputs, written exactly', () => {
  test('secret references equal to their names pass the leak check; VERSION: 1.10 is 1.10 in the env file', async () => {
    const dir = await ws.sub('references');
    const file = join(dir, 'answers.yaml');
    const text = (await readFile(EXAMPLE, 'utf8'))
      .replace(/^ {2}([A-Z_]+): set-on-the-server$/gm, '  $1: $1')
      .replace('api_env:\n  LOGGING_SINKS: stdout', 'api_env:\n  LOGGING_SINKS: stdout\n  VERSION: 1.10');
    await writeFile(file, text);
    const out = join(dir, 'deploy');
    const r = await runCli([...WIZARD, '--answers-file', file, '--out', out], { tmp: ws.tmp, timeout: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/PASS no-plain-secrets:/);
    const envFiles = (await filesContaining(out, '\nVERSION=')).filter((path) => path.endsWith('.env'));
    expect(envFiles).toEqual(expect.arrayContaining(['ops/compose/env/api.env']));
    // Compose's env files quote values (single quotes: no interpolation).
    for (const path of envFiles) expect(await readFile(join(out, path), 'utf8')).toMatch(/^VERSION='1\.10'$/m);
    expect(await readFile(join(out, 'starter-answers.yaml'), 'utf8')).toMatch(/^ {2}VERSION: "1\.10"$/m);
  });
});

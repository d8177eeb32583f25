/**
 * The command line surface end to end: contract errors (exit 2, every problem listed), the small
 * read-only commands, and running without a terminal.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXAMPLE, ensureBuilt, exists, humanOnly, jsonOnly, ROOT, runCli, snapshot, spawnCli, VERSION, VPS, workspace, type Workspace } from './helpers.js';

let ws: Workspace;
let example: string;

beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('cli');
  example = await readFile(EXAMPLE, 'utf8');
});

afterAll(async () => {
  await ws?.cleanup();
});

/** The example answers with some top-level keys removed or renamed. */
async function answersFile(name: string, edit: (text: string) => string): Promise<string> {
  const path = join(await ws.sub(name), 'answers.yaml');
  await writeFile(path, edit(example));
  return path;
}
const without = (...keys: string[]) => (text: string) => text.split('\n').filter((l) => !keys.some((k) => l.startsWith(`${k}:`))).join('\n');

interface ErrorJson {
  ok: boolean;
  errors: { key: string | null; message: string; hint?: string }[];
}

describe('6. contract errors exit 2 and list every problem', () => {
  test('several missing required keys: each is named, in text and in JSON', async () => {
    const missing = ['project_name', 'api_image', 'acme_email'];
    const path = await answersFile('missing', without(...missing));
    const out = join(ws.dir, 'never-written');

    const text = await runCli(['setup', 'wizard', '--non-interactive', '--answers-file', path, '--out', out], { tmp: ws.tmp });
    expect(text.code, text.stderr).toBe(2);
    humanOnly(text);
    for (const key of missing) expect(text.stderr).toMatch(new RegExp(`^\\s+${key}: is required`, 'm'));
    expect(text.stderr).not.toContain('    at '); // no stack trace without --debug

    const json = await runCli(['--json', 'setup', 'wizard', '--non-interactive', '--answers-file', path, '--out', out], { tmp: ws.tmp });
    expect(json.code).toBe(2);
    const data = jsonOnly<ErrorJson>(json);
    expect(data.ok).toBe(false);
    expect(data.errors.map((e) => e.key)).toEqual(expect.arrayContaining(missing));
    for (const e of data.errors) expect(e.message).toBeTruthy();
    expect(json.stderr).toBe('');
    expect(await exists(out)).toBe(false);
  });

  test('a misspelt key exits 2 and suggests the right one', async () => {
    const path = await answersFile('misspelt', (t) => t.replace(/^project_name:/m, 'projet_name:'));
    const out = join(ws.dir, 'never-written');
    const text = await runCli(['setup', 'wizard', '--non-interactive', '--answers-file', path, '--out', out], { tmp: ws.tmp });
    expect(text.code, text.stderr).toBe(2);
    humanOnly(text);
    expect(text.stderr).toContain('projet_name');
    expect(text.stderr).toMatch(/did you mean project_name/);

    const json = await runCli(['--json', 'setup', 'wizard', '--non-interactive', '--answers-file', path, '--out', out], { tmp: ws.tmp });
    expect(json.code).toBe(2);
    const data = jsonOnly<ErrorJson>(json);
    expect(data.errors).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'projet_name', hint: expect.stringContaining('project_name') })]));
    expect(await exists(out)).toBe(false);
  });

  test('an unknown --preset exits 2 with a suggestion', async () => {
    const out = join(ws.dir, 'never-written');
    const r = await runCli([...VPS, '--preset', 'vsp', '--out', out], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(2);
    humanOnly(r);
    expect(r.stderr).toContain('vsp');
    expect(r.stderr).toMatch(/did you mean vps/);
    expect(await exists(out)).toBe(false);
  });

  test('a malformed --var and a missing answers file exit 2', async () => {
    const out = join(ws.dir, 'never-written');
    const badVar = await runCli([...VPS, '--out', out, '--var', 'no-equals-sign'], { tmp: ws.tmp });
    expect(badVar.code, badVar.stderr).toBe(2);
    expect(badVar.stderr).toContain('KEY=VALUE');
    const noFile = await runCli(['setup', 'wizard', '--non-interactive', '--answers-file', join(ws.dir, 'nope.yaml'), '--out', out], { tmp: ws.tmp });
    expect(noFile.code, noFile.stderr).toBe(2);
    expect(noFile.stderr).toContain('nope.yaml');
    expect(await exists(out)).toBe(false);
  });
});

describe('13. presets, schema, version, unknown commands', () => {
  test('presets list (text and JSON)', async () => {
    const text = await runCli(['presets', 'list']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^vps\s+\S/m);
    expect(text.stdout).toMatch(/^other\s+\S/m);
    const json = await runCli(['--json', 'presets', 'list']);
    expect(json.code).toBe(0);
    const data = jsonOnly<{ name: string; target: string }[]>(json);
    expect(data).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'vps', target: 'vps' })]));
  });

  test('presets show vps (text and JSON), and an unknown preset', async () => {
    const text = await runCli(['presets', 'show', 'vps']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^vps: /);
    expect(text.stdout).toContain('target: vps');
    expect(text.stdout).toContain('defaults:');

    const json = await runCli(['--json', 'presets', 'show', 'vps']);
    expect(json.code).toBe(0);
    const data = jsonOnly<{ name: string; target: string; defaults: Record<string, unknown> }>(json);
    expect(data).toMatchObject({ name: 'vps', target: 'vps' });
    expect(data.defaults).toMatchObject({ local_postgres: true });

    const unknown = await runCli(['presets', 'show', 'vsp']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/did you mean vps/);
    const unknownJson = await runCli(['--json', 'presets', 'show', 'vsp']);
    expect(unknownJson.code).toBe(2);
    expect(jsonOnly<ErrorJson>(unknownJson).ok).toBe(false);
  });

  test('schema answers prints exactly the checked-in schemas/answers.schema.json', async () => {
    const r = await runCli(['schema', 'answers']);
    expect(r.code, r.stderr).toBe(0);
    const checkedIn = await readFile(join(ROOT, 'schemas', 'answers.schema.json'), 'utf8');
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(checkedIn));
    expect(r.stdout).toBe(checkedIn);
    expect(r.stderr).toBe('');
  });

  test('--version prints the package version on stdout', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
    // -V alone is answered by the entry point, --json -V by commander: the same line.
    for (const args of [['-V'], ['--json', '-V']]) expect(await runCli(args)).toMatchObject({ code: 0, stdout: r.stdout, stderr: '' });
  });

  test('--help to a pipe is the help commander prints (inlined by the build)', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: starter-console \[options\] \[command\]\n/);
    // `help` and `--debug --help` go through commander: the inlined text must be exactly theirs.
    for (const args of [['-h'], ['help'], ['--debug', '--help']]) expect(await runCli(args)).toMatchObject({ code: 0, stdout: r.stdout, stderr: '' });
  });

  test('an unknown command or option exits 2', async () => {
    const command = await runCli(['frobnicate']);
    expect(command.code).toBe(2);
    expect(command.stdout).toBe('');
    expect(command.stderr).toMatch(/unknown command/i);
    const option = await runCli(['setup', 'wizard', '--no-such-flag']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option/i);
  });
});

describe('14. without --non-interactive and without a terminal, the wizard never waits', () => {
  test('stdin ignored: behaves non-interactively and writes the bundle', async () => {
    const out = join(await ws.sub('no-tty'), 'deploy');
    const r = await runCli(['setup', 'wizard', '--answers-file', EXAMPLE, '--out', out, '--no-validate'], { tmp: ws.tmp, stdin: 'ignore', timeout: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(0);
    humanOnly(r);
    expect(r.stderr).toMatch(/non-interactively/);
    expect(await exists(join(out, 'starter-manifest.json'))).toBe(true);
  });

  test('stdin an open pipe that never sends anything: missing answers fail at once (exit 2), no prompt', async () => {
    const path = await answersFile('no-tty-missing', without('project_name', 'acme_email'));
    const out = join(ws.dir, 'never-written');
    const child = spawnCli(['setup', 'wizard', '--answers-file', path, '--out', out], { tmp: ws.tmp, stdin: 'pipe', timeout: 20_000 });
    const r = await child; // the pipe stays open: a prompt would hang until the timeout
    expect(r.timedOut).toBe(false);
    expect(r.exitCode, String(r.stderr)).toBe(2);
    for (const key of ['project_name', 'acme_email']) expect(String(r.stderr)).toContain(key);
    expect(await exists(out)).toBe(false);
  });
});

test('no run leaves a scratch copy in TMPDIR', async () => {
  expect([...(await snapshot(ws.tmp)).keys()]).toEqual([]);
});

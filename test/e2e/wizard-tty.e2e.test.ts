/**
 * The interactive wizard end to end, in a real pseudo-terminal (tmux on a private socket): the
 * built binary as a user runs it. A full VPS run with one wrong answer corrected, one change from
 * the review, and masked secrets (a sentinel that must never show); then the command it prints,
 * replayed without questions, gives a byte-identical bundle. A run stopped with Ctrl-C writes
 * nothing, saves its answers (no secret values), and `--resume` finishes it.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireOrSkip, TOOLS_BIN } from '../real-tools.js';
import { contents, ensureBuilt, exists, filesContaining, runCli, snapshot, workspace, type Workspace } from './helpers.js';
import { Tty } from './tty.js';

const gate = requireOrSkip('tmux');
const tag = `${process.pid}${Date.now().toString(36)}`;
const DB = `SENTINELdb${tag}`;
const REDIS = `SENTINELredis${tag}`;
/** Every secret value the prod run with Vault asks, in the order it asks them; each holds a sentinel. */
const SECRET_VALUES: Record<string, string> = {
  DATABASE_URL: `postgresql+asyncpg://starter:${DB}@postgres:5432/acme_saas`,
  REDIS_URL: `rediss://:${REDIS}@redis:6379/0`,
  OPENAI_API_KEY: `SENTINELopenai${tag}`,
  SECRET_KEY: `SENTINELsecretkey${tag}`,
  AUTH_PASSWORD_PEPPER: `SENTINELpasswordpepper${tag}`,
  AUTH_REFRESH_TOKEN_PEPPER: `SENTINELrefreshpepper${tag}`,
  VAULT_TOKEN: `SENTINELvaulttoken${tag}`,
};
const SENTINELS = [DB, REDIS, ...Object.values(SECRET_VALUES).filter((v) => v.startsWith('SENTINEL'))];

let ws: Workspace;
const ttys: Tty[] = [];

beforeAll(async () => {
  if (gate.skip) return;
  await ensureBuilt();
  ws = await workspace('wizard-tty');
});

afterAll(async () => {
  for (const tty of ttys) await tty.kill();
  await ws?.cleanup();
});

async function start(cwd: string, args: readonly string[], name: string, redirect: { stdout?: string } = {}): Promise<Tty> {
  const tty = await Tty.start(
    { tmux: gate.path('tmux'), socket: join(ws.dir, `${name}.tmux.sock`), cwd, env: { PATH: `${TOOLS_BIN}:${process.env.PATH ?? ''}`, TMPDIR: ws.tmp, HOME: ws.dir, LANG: 'C.UTF-8' } },
    args,
    redirect,
  );
  ttys.push(tty);
  return tty;
}

/** The questions of a VPS run up to (not including) acme_email, prod, advanced declined. */
async function answerUntilEmail(tty: Tty): Promise<void> {
  await tty.answer('? Preset'); // vps is first
  await tty.answer('? Environment'); // prod (the preset's default)
  await tty.answer('? Ask the advanced questions too?', 'n');
  // A wrong answer is explained under the prompt and asked again.
  await tty.answer('? Project name', 'Acme SaaS');
  await tty.waitFor('use 3-40 lower-case letters, digits and -');
  await tty.press('C-u');
  await tty.type('acme-saas');
  await tty.press('Enter');
  await tty.answer('? API image', 'ghcr.io/acme/api:1.4.2');
  await tty.answer('? Web image', 'ghcr.io/acme/web:1.4.2');
  await tty.answer('? Enable worker?');
  await tty.answer('? Worker image');
  await tty.answer('? API base URL');
  await tty.answer('? App public URL', 'https://app.example.com');
  await tty.answer('? Secrets provider');
  await tty.answer('? Auth key storage backend');
  await tty.answer('? Auth key storage provider');
  await tty.answer('? Auth key secret name');
  await tty.answer('? Storage provider');
  await tty.answer('? Storage bucket name', 'acme-uploads');
  // vault_hcp (the first provider) needs its address; its Transit key and namespace have defaults.
  await tty.answer('? Vault addr', 'https://vault.example.com:8200');
  await tty.answer('? Vault transit key');
  await tty.answer('? Vault namespace');
  await tty.answer('? S3 region', 'eu-west-1');
}

async function answerFromEmail(tty: Tty, secrets: boolean): Promise<void> {
  await tty.answer('? ACME email', 'ops@example.com');
  await tty.answer('? API public URL');
  await tty.answer('? Local postgres?');
  await tty.answer('? Local redis?');
  await tty.answer('? Add NAME=value', 'LOG_LEVEL=info');
  await tty.answer('? Add NAME=value', undefined, 2); // api_env done
  await tty.answer('? Add NAME=value', undefined, 3); // web_env done
  if (secrets) for (const [name, value] of Object.entries(SECRET_VALUES)) await tty.answer(`? ${name} (hidden)`, value);
  await tty.answer('? Add a secret: NAME'); // api_secrets done
  await tty.answer('? Add a secret: NAME', undefined, 2); // web_secrets done
}

describe.skipIf(gate.skip)(`setup wizard in a terminal${gate.label}`, () => {
  test('a full VPS run: a wrong answer corrected, a change from the review, masked secrets; the printed command reproduces the bundle byte for byte', async () => {
    const dir = await ws.sub('full');
    const tty = await start(dir, ['setup', 'wizard', '--out', 'deploy', '--include-secrets'], 'full');
    await answerUntilEmail(tty);
    await answerFromEmail(tty, true);

    // Review: every answer, secrets only as set; go back and change one answer.
    const review = await tty.waitFor('? Write the bundle with these answers?');
    const set = Object.keys(SECRET_VALUES)
      .sort()
      .map((name) => `${name} \\(set\\)`)
      .join(', ');
    expect(review).toMatch(new RegExp(`api_secrets +${set}`));
    expect(review).toMatch(/acme_email +ops@example\.com/);
    await tty.type('Change acme_email');
    await tty.press('Enter');
    await tty.answer('? ACME email', 'admin@example.com', 2);
    await tty.answer('? Write the bundle with these answers?', undefined, 2); // nothing else was asked
    expect(await tty.screen()).toMatch(/acme_email +admin@example\.com/);
    expect(await tty.exitCode()).toBe(0);

    const screen = await tty.screen();
    expect(screen).toContain('PASS caddy-validate');
    expect(screen).toContain(`wrote deploy (`);
    for (const sentinel of SENTINELS) expect(screen).not.toContain(sentinel);
    expect(screen).toContain('*'.repeat(10));
    const replay = /^ {2}(starter-console setup wizard --non-interactive .*)$/m.exec(screen)?.[1];
    expect(replay).toBe(
      `starter-console setup wizard --non-interactive --answers-file deploy/starter-answers.yaml --out deploy --include-secrets ${Object.keys(SECRET_VALUES)
        .sort()
        .map((name) => `--var api_secrets.${name}=...`)
        .join(' ')}`,
    );

    // The sentinel is only in the 0600 secret file: not in the answers file, not in any other file.
    const out = join(dir, 'deploy');
    // The local Redis takes its password from REDIS_URL, so its own 0600 secret file holds that one too.
    for (const sentinel of SENTINELS) {
      const expected = sentinel === REDIS ? ['ops/compose/secrets/api.env', 'ops/compose/secrets/redis.env'] : ['ops/compose/secrets/api.env'];
      expect((await filesContaining(out, sentinel)).sort(), sentinel).toEqual(expected);
    }
    expect((await stat(join(out, 'ops/compose/secrets/api.env'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(out, 'ops/compose/secrets/redis.env'))).mode & 0o777).toBe(0o600);
    const answers = await readFile(join(out, 'starter-answers.yaml'), 'utf8');
    expect(answers).toContain('LOG_LEVEL: info');
    expect(answers).toContain('acme_email: admin@example.com');
    expect(await exists(join(dir, '.deploy.wizard-resume.yaml'))).toBe(false);

    // Replay the printed command, the placeholders filled in: as printed (nothing changes) and into
    // another directory (the same bytes, modes included).
    const values: Record<string, string> = Object.fromEntries(Object.entries(SECRET_VALUES).map(([name, value]) => [`api_secrets.${name}`, value]));
    const args = (replay ?? '').split(' ').slice(1).map((w) => (w.endsWith('=...') ? `${w.slice(0, -4)}=${values[w.slice(0, -4)]}` : w));
    const before = await snapshot(out);
    const same = await runCli(args, { cwd: dir, tmp: ws.tmp });
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toContain('up to date: no file changed in deploy');
    expect(await snapshot(out)).toEqual(before);
    const other = args.map((w, i) => (args[i - 1] === '--out' ? 'again' : w));
    const again = await runCli(other, { cwd: dir, tmp: ws.tmp });
    expect(again.code, again.stderr).toBe(0);
    expect(await contents(join(dir, 'again'))).toEqual(await contents(out));
    for (const r of [same, again]) for (const s of SENTINELS) expect(r.stdout + r.stderr).not.toContain(s);
  });

  test('Ctrl-C writes nothing and saves the answers without secrets; --resume finishes the run', async () => {
    const dir = await ws.sub('resume');
    const first = await start(dir, ['setup', 'wizard', '--out', 'deploy'], 'ctrl-c');
    await answerUntilEmail(first);
    await first.waitFor('? ACME email');
    await first.press('C-c');
    expect(await first.exitCode()).toBe(130);
    const stopped = await first.screen();
    expect(stopped).toContain('cancelled: nothing was written');
    expect(stopped).toContain('starter-console setup wizard --resume --out deploy');
    expect(await exists(join(dir, 'deploy'))).toBe(false);
    const resumeFile = join(dir, '.deploy.wizard-resume.yaml');
    expect((await stat(resumeFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(resumeFile, 'utf8')).toContain('storage_bucket_name: acme-uploads');

    const second = await start(dir, ['setup', 'wizard', '--out', 'deploy', '--resume'], 'resume');
    await second.waitFor('Continuing from');
    await answerFromEmail(second, false); // the first question asked is the one Ctrl-C stopped at
    await second.answer('? Write the bundle with these answers?');
    expect(await second.exitCode()).toBe(0);
    const screen = await second.screen();
    expect(screen).not.toContain('? Project name');
    expect(screen).toContain('starter-console setup wizard --non-interactive --answers-file deploy/starter-answers.yaml --out deploy');
    expect(await exists(resumeFile)).toBe(false);
    expect(await readFile(join(dir, 'deploy', 'starter-answers.yaml'), 'utf8')).toContain('project_name: acme-saas');
  });

  test('stdin a terminal but stdout not: never waits, lists every missing key (exit 2)', async () => {
    const dir = await ws.sub('stdout-file');
    const tty = await start(dir, ['setup', 'wizard', '--preset', 'vps', '--out', 'deploy'], 'stdout-file', { stdout: join(dir, 'stdout.txt') });
    expect(await tty.exitCode(20_000)).toBe(2);
    const screen = await tty.screen();
    expect(screen).toContain('note: no terminal; running non-interactively.');
    for (const key of ['project_name', 'api_image', 'acme_email', 'api_secrets.DATABASE_URL']) expect(screen).toContain(key);
    expect(screen).not.toContain('? ');
    expect(await exists(join(dir, 'deploy'))).toBe(false);
  });
});

describe('--resume without a terminal', () => {
  test('is a usage error (exit 2), it never waits', async () => {
    await ensureBuilt();
    const r = await runCli(['setup', 'wizard', '--resume', '--out', 'nowhere'], { stdin: 'ignore', timeout: 20_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--resume continues the interactive wizard: it needs a terminal');
  });
});

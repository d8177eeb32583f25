/**
 * The wizard session on disk: Ctrl-C saves the answers so far (no secret values) to the resume file
 * and writes no bundle; --resume continues from there and removes the file after the bundle is
 * written; the printed replay command reproduces the bundle byte for byte; a sentinel secret typed
 * into the wizard appears nowhere but the 0600 secret file.
 */
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../src/bundle/generate.js';
import type { AnswerLayer } from '../../../src/contract/resolve.js';
import { CancelledError, UsageError } from '../../../src/errors.js';
import { answerLayers } from '../../../src/cli/inputs.js';
import { plainStyle } from '../../../src/wizard/prompter.js';
import { replayCommand, shellQuote } from '../../../src/wizard/replay.js';
import { resumePath } from '../../../src/wizard/resume-file.js';
import { runWizard } from '../../../src/wizard/session.js';
import { CTRL_C, ENTER, ScriptedPrompter, type Step } from './scripted-prompter.js';

const SENTINEL_DB = `SENTINELdb${process.pid}`;
const SENTINEL_REDIS = `SENTINELredis${process.pid}`;
/** The secret values typed into the wizard, in the order it asks them (the ones staging requires), each with a sentinel. */
const SECRET_VALUES: Record<string, string> = {
  DATABASE_URL: `postgresql+asyncpg://starter:${SENTINEL_DB}@postgres:5432/acme`,
  REDIS_URL: `rediss://:${SENTINEL_REDIS}@redis:6379/0`,
  OPENAI_API_KEY: `SENTINELopenai${process.pid}`,
  SECRET_KEY: `SENTINELsecretkey${process.pid}`,
  AUTH_PASSWORD_PEPPER: `SENTINELpasswordpepper${process.pid}`,
  AUTH_REFRESH_TOKEN_PEPPER: `SENTINELrefreshpepper${process.pid}`,
  INFISICAL_SERVICE_TOKEN: `SENTINELinfisical${process.pid}`,
};
const SENTINELS = [SENTINEL_DB, SENTINEL_REDIS, ...Object.values(SECRET_VALUES).filter((v) => v.startsWith('SENTINEL'))];

const HEAD: Step[] = [
  ['preset', 'vps'],
  ['environment', 'staging'],
  ['advanced', false],
  ['project_name', 'acme-saas'],
  ['api_image', 'ghcr.io/acme/api:1.4.2'],
  ['web_image', 'ghcr.io/acme/web:1.4.2'],
  ['enable_worker', ENTER],
  ['worker_image', ENTER],
  ['api_base_url', ENTER],
  ['app_public_url', 'https://app.example.com'],
  ['secrets_provider', 'infisical_cloud'],
  ['auth_key_storage_backend', ENTER],
  ['auth_key_storage_provider', ENTER],
  ['auth_key_secret_name', ENTER],
  ['storage_provider', ENTER],
  ['storage_bucket_name', 'acme-uploads'],
  ['infisical_base_url', ENTER],
  ['infisical_project_id', '6f1c2a7e'],
  ['infisical_environment', ENTER],
  ['infisical_secret_path', ENTER],
  ['infisical_signing_secret_name', ENTER],
  ['s3_region', 'eu-west-1'],
  ['acme_email', 'ops@example.com'],
  ['api_public_url', ENTER],
  ['local_postgres', ENTER],
  ['local_redis', ENTER],
  ['api_env.add', 'LOG_LEVEL=info'],
  ['api_env.add', ENTER],
  ['web_env.add', ENTER],
];
const SECRETS: Step[] = [
  ...Object.entries(SECRET_VALUES).map(([name, value]): Step => [`api_secrets.${name}`, value]),
  ['api_secrets.add', ENTER],
  ['web_secrets.add', ENTER],
  ['review', ENTER],
];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'starter-wizard-session-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function session(out: string, steps: readonly Step[], options: { resume?: boolean; layers?: AnswerLayer[] } = {}) {
  const prompter = new ScriptedPrompter(steps);
  const lines: string[] = [];
  const run = runWizard({
    layers: options.layers ?? [],
    out,
    resume: options.resume ?? false,
    includeSecrets: true,
    validate: false,
    io: { prompter, say: (l) => lines.push(l), style: plainStyle },
    generate: (layers) => generate({ layers, out, version: '0.0.0-test', dryRun: false, check: false, force: false, validate: false, requireTools: false, includeSecrets: true }),
  });
  return { prompter, lines, run };
}

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if ((await stat(path)).isFile()) out[name] = `${((await stat(path)).mode & 0o777).toString(8)}:${await readFile(path, 'utf8')}`;
  }
  return out;
}

describe('Ctrl-C, then --resume', () => {
  it('Ctrl-C saves the answers without secret values (0600), writes nothing, and --resume continues', async () => {
    const out = join(root, 'resume', 'deploy');
    const first = await session(out, [...HEAD, SECRETS[0] as Step, ['api_secrets.REDIS_URL', CTRL_C]]);
    const error = await first.run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).exitCode).toBe(130);
    expect((error as CancelledError).hint).toContain('--resume --out');
    first.prompter.finished();

    const file = resumePath(out);
    expect(file).toBe(join(root, 'resume', '.deploy.wizard-resume.yaml'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = await readFile(file, 'utf8');
    expect(saved).toContain('project_name: acme-saas');
    expect(saved).toContain('LOG_LEVEL: info');
    for (const sentinel of SENTINELS) expect(saved).not.toContain(sentinel);
    expect(await readdir(join(root, 'resume'))).toEqual(['.deploy.wizard-resume.yaml']); // no bundle, no staging

    // Resume: the answered questions are not asked again; the secret value was never saved, so it is.
    const second = await session(out, SECRETS, { resume: true });
    const result = await second.run;
    second.prompter.finished();
    expect(second.prompter.asked[0]?.id).toBe('api_secrets.DATABASE_URL');
    expect(result.result.committed).toBe(true);
    expect(await readdir(join(root, 'resume'))).toEqual(['deploy']); // resume file removed
    for (const line of [...first.lines, ...second.lines, result.replay ?? '']) {
      for (const sentinel of SENTINELS) expect(line).not.toContain(sentinel);
    }
  });

  it('a fresh run over a saved one says so (and would replace it); Ctrl-C at the first question saves nothing', async () => {
    const out = join(root, 'fresh', 'deploy');
    const first = await session(out, [HEAD[0] as Step, ['environment', CTRL_C]]);
    await expect(first.run).rejects.toBeInstanceOf(CancelledError);
    const second = await session(out, [['preset', CTRL_C]]);
    const error = await second.run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(second.lines.join('\n')).toContain('holds the answers of an interrupted run; this run starts over and replaces them');
    expect(await readFile(resumePath(out), 'utf8')).toContain('preset: vps'); // nothing answered: the saved run is kept
  });

  it('--resume without a saved run is a usage error', async () => {
    const { run } = await session(join(root, 'nothing', 'deploy'), [], { resume: true });
    await expect(run).rejects.toBeInstanceOf(UsageError);
  });
});

describe('secrets typed into the wizard and the replay command', () => {
  it('the sentinel is only in the 0600 secret file; the replay command reproduces the bundle byte for byte', async () => {
    const out = join(root, 'replay', 'deploy');
    const { run, lines, prompter } = await session(out, [...HEAD, ...SECRETS]);
    const result = await run;
    prompter.finished();
    expect(prompter.asked.filter((a) => a.id.startsWith('api_secrets.') && a.id !== 'api_secrets.add').every((a) => a.kind === 'password')).toBe(true);
    const files = await tree(out);
    for (const sentinel of SENTINELS) {
      const withSentinel = Object.keys(files).filter((p) => files[p]?.includes(sentinel));
      // The local Redis takes its password from REDIS_URL: its own 0600 secret file holds it too.
      expect(withSentinel.sort(), sentinel).toEqual(sentinel === SENTINEL_REDIS ? ['ops/compose/secrets/api.env', 'ops/compose/secrets/redis.env'] : ['ops/compose/secrets/api.env']);
    }
    expect(files['ops/compose/secrets/api.env']?.startsWith('600:')).toBe(true);
    expect(files['ops/compose/secrets/redis.env']?.startsWith('600:')).toBe(true);
    expect(lines.join('\n')).not.toContain('SENTINEL');

    expect(result.replay).toBe(
      `starter-console setup wizard --non-interactive --answers-file ${out}/starter-answers.yaml --out ${out} --no-validate --include-secrets ${Object.keys(SECRET_VALUES)
        .sort()
        .map((name) => `--var api_secrets.${name}=...`)
        .join(' ')}`,
    );
    // Replay it (the values filled in for the placeholders) into another directory.
    const other = join(root, 'replay', 'again');
    const values: Record<string, string> = Object.fromEntries(Object.entries(SECRET_VALUES).map(([name, value]) => [`api_secrets.${name}`, value]));
    const layers = await answerLayers({ answersFile: [join(out, 'starter-answers.yaml')], var: Object.entries(values).map(([k, v]) => `${k}=${v}`) });
    const again = await generate({ layers, out: other, version: '0.0.0-test', dryRun: false, check: false, force: false, validate: false, requireTools: false, includeSecrets: true });
    expect(again.outcome).toBe(0);
    expect(await tree(other)).toEqual(files);
  });

  it('quotes what a shell would split, never adds values', () => {
    expect(shellQuote('my deploy')).toBe(`'my deploy'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(replayCommand({ out: 'deploy', includeSecrets: false, validate: true, secretKeys: [] })).toBe(
      'starter-console setup wizard --non-interactive --answers-file deploy/starter-answers.yaml --out deploy',
    );
    expect(replayCommand({ out: 'my deploy/', includeSecrets: false, validate: true, secretKeys: [] })).toBe(
      `starter-console setup wizard --non-interactive --answers-file 'my deploy/starter-answers.yaml' --out 'my deploy/'`,
    );
  });
});

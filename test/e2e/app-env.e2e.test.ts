/**
 * The built CLI on answers that miss what the application needs: exit 2, every missing setting named
 * by its contract key (or secrets entry), in text and in --json; warnings printed without failing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, jsonOnly, ROOT, runCli, workspace, type Workspace } from './helpers.js';

let ws: Workspace;
beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('app-env');
});
afterAll(async () => ws?.cleanup());

async function answersWith(example: string, change: (a: Record<string, unknown>) => void): Promise<string> {
  const answers = parse(await readFile(join(ROOT, 'examples', example), 'utf8')) as Record<string, unknown>;
  change(answers);
  const path = join(await ws.sub('answers'), 'answers.yaml');
  await writeFile(path, stringify(answers));
  return path;
}

describe('setup wizard --non-interactive with answers the app would refuse', () => {
  it('prod with aws_sm and no signing secret ARN exits 2 naming aws_sm_signing_secret_arn', async () => {
    const file = await answersWith('k8s.answers.yaml', (a) => delete a.aws_sm_signing_secret_arn);
    const out = join(ws.dir, 'no-arn');
    const text = await runCli(['setup', 'wizard', '--non-interactive', '--answers-file', file, '--out', out], { tmp: ws.tmp });
    expect(text.code, text.stderr).toBe(2);
    expect(text.stderr).toContain('aws_sm_signing_secret_arn: is required when SECRETS_PROVIDER is aws_sm');
    const json = jsonOnly<{ ok: boolean; errors: { key: string }[] }>(await runCli(['--json', 'setup', 'wizard', '--non-interactive', '--answers-file', file, '--out', out], { tmp: ws.tmp }));
    expect(json.ok).toBe(false);
    expect(json.errors.map((e) => e.key)).toEqual(['aws_sm_signing_secret_arn']);
  });

  it('vps with Infisical but no project, no service token and no app secrets lists every gap at once', async () => {
    const file = await answersWith('vps.answers.yaml', (a) => {
      delete a.infisical_project_id;
      a.api_secrets = { DATABASE_URL: 'set-on-the-server', REDIS_URL: 'set-on-the-server' };
    });
    const r = await runCli(['--json', 'setup', 'wizard', '--non-interactive', '--answers-file', file, '--out', join(ws.dir, 'infisical')], { tmp: ws.tmp });
    expect(r.code).toBe(2);
    expect(jsonOnly<{ errors: { key: string }[] }>(r).errors.map((e) => e.key)).toEqual([
      'api_secrets.AUTH_PASSWORD_PEPPER',
      'api_secrets.AUTH_REFRESH_TOKEN_PEPPER',
      'api_secrets.INFISICAL_SERVICE_TOKEN',
      'api_secrets.OPENAI_API_KEY',
      'api_secrets.SECRET_KEY',
      'infisical_project_id',
    ]);
  });

  it('an env name no service reads is a warning: the bundle is still written, exit 0', async () => {
    const file = await answersWith('vps.answers.yaml', (a) => {
      a.api_env = { ...(a.api_env as Record<string, unknown>), LOG_LEVL: 'info' };
    });
    const r = await runCli(['setup', 'wizard', '--non-interactive', '--no-validate', '--answers-file', file, '--out', join(ws.dir, 'warn')], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: api_env.LOG_LEVL: LOG_LEVL is not a setting the API is known to read (did you mean LOG_LEVEL?)');
    const json = jsonOnly<{ warnings: { key: string }[] }>(await runCli(['--json', 'setup', 'wizard', '--non-interactive', '--no-validate', '--answers-file', file, '--out', join(ws.dir, 'warn')], { tmp: ws.tmp }));
    expect(json.warnings.map((w) => w.key)).toEqual(['api_env.LOG_LEVL']);
  });
});

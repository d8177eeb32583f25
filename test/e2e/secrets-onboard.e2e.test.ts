/**
 * `secrets onboard` as a user runs it: the usage error for a short GCP name without a project, the
 * env of a fully qualified name, a probe answered 403 (a warning naming the permission, exit 0, no
 * stack trace), a hung provider (bounded by the timeout), --write-env / --answers-out (secret values
 * only in the 0600 env file), and the answers picked up by `setup wizard`.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hang, json, loopback, type Loopback } from '../unit/secrets/loopback.js';
import { EXAMPLE, ensureBuilt, fileMode, jsonOnly, runCli, workspace, type Workspace } from './helpers.js';

const GCP = ['secrets', 'onboard', '--provider', 'gcp_sm', '--non-interactive'];
const NO_STACK = /\n\s+at .+\(|Traceback|internal error/;
let ws: Workspace;
const servers: Loopback[] = [];
/** No Google credentials anywhere: a key file that does not exist, and no gcloud (HOME is empty). */
let noCredentials: Record<string, string>;

beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('secrets-onboard');
  noCredentials = { GOOGLE_APPLICATION_CREDENTIALS: join(ws.dir, 'no-such-key.json'), HOME: ws.dir, NO_COLOR: '1' };
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await ws.cleanup();
});

describe('secrets onboard --provider gcp_sm', () => {
  it('a short secret name without a project is a usage error saying the name is not fully qualified', async () => {
    const r = await runCli([...GCP, '--var', 'GCP_SM_SIGNING_SECRET_NAME=auth-signing-secret'], { env: noCredentials });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GCP_SM_PROJECT_ID: is required when GCP_SM_SIGNING_SECRET_NAME is not fully qualified/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it('a fully qualified name succeeds and prints the env to set (the failed probe is a warning)', async () => {
    const r = await runCli([...GCP, '--var', 'GCP_SM_SIGNING_SECRET_NAME=projects/p/secrets/s'], { env: noCredentials });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('SECRETS_PROVIDER=gcp_sm\n  GCP_SM_SIGNING_SECRET_NAME=projects/p/secrets/s\n  GCP_SM_CACHE_TTL_SECONDS=60\n  VAULT_VERIFY_ENABLED=true');
    expect(r.stderr).toMatch(/warning: GCP Secret Manager probe failed: the credentials file .*no-such-key\.json \(GOOGLE_APPLICATION_CREDENTIALS\) does not exist/);
    expect(r.stdout).toBe('');
  });

  it('a probe answered 403 warns naming the missing permission, with the fix, and exits 0', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = await loopback(json(200, { access_token: 'ya29.e2e' }));
    const sm = await loopback(json(403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'Permission denied' } }));
    servers.push(token, sm);
    const key = join(ws.dir, 'sa.json');
    await writeFile(key, JSON.stringify({ type: 'service_account', client_email: 'api@acme-prod.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), token_uri: `${token.url}/token` }));
    const env = { ...noCredentials, GOOGLE_APPLICATION_CREDENTIALS: key, STARTER_CONSOLE_GCP_SM_ENDPOINT: sm.url };
    const args = [...GCP, '--var', 'GCP_SM_SIGNING_SECRET_NAME=projects/acme-prod/secrets/auth-signing-secret'];
    const human = await runCli(args, { env });
    expect(human.code).toBe(0);
    expect(human.stderr).toMatch(/warning: GCP Secret Manager probe failed: permission denied reading projects\/acme-prod\/secrets\/auth-signing-secret\/versions\/latest as service account api@acme-prod\.iam\.gserviceaccount\.com: it lacks secretmanager\.versions\.access/);
    expect(human.stderr).toContain('fix: grant roles/secretmanager.secretAccessor');
    expect(human.stderr).not.toMatch(NO_STACK);
    const machine = await runCli(['--json', ...args], { env });
    expect(machine.code).toBe(0);
    expect(jsonOnly<{ ok: boolean; verification: { status: string; fix: string } }>(machine)).toMatchObject({ ok: true, verification: { status: 'failed', fix: expect.stringContaining('secretAccessor') } });
    expect(sm.seen.map((s) => s.url)).toEqual(['/v1/projects/acme-prod/secrets/auth-signing-secret/versions/latest:access', '/v1/projects/acme-prod/secrets/auth-signing-secret/versions/latest:access']);
  }, 30_000);

  it('writes the env file and the answers, which setup wizard picks up', async () => {
    const dir = await ws.sub('answers-out');
    const envFile = join(dir, 'api.env');
    await writeFile(envFile, '# hand-written\nDATABASE_URL=postgresql+asyncpg://db/app\nSECRETS_PROVIDER=vault_dev\n', { mode: 0o644 });
    const answers = join(dir, 'onboard.yaml');
    const r = await runCli([...GCP, '--no-verify', '--var', 'GCP_SM_PROJECT_ID=acme-prod', '--var', 'GCP_SM_CACHE_TTL_SECONDS=90', '--write-env', envFile, '--answers-out', answers], { env: noCredentials });
    expect(r.code).toBe(0);
    expect(await readFile(envFile, 'utf8')).toBe("# hand-written\nDATABASE_URL=postgresql+asyncpg://db/app\nSECRETS_PROVIDER='gcp_sm'\nGCP_SM_SIGNING_SECRET_NAME='auth-signing-secret'\nGCP_SM_PROJECT_ID='acme-prod'\nGCP_SM_CACHE_TTL_SECONDS='90'\nVAULT_VERIFY_ENABLED='true'\n");
    expect(await fileMode(envFile)).toBe(0o600);
    const out = join(dir, 'deploy');
    const wizard = await runCli(['setup', 'wizard', '--non-interactive', '--answers-file', EXAMPLE, '--answers-file', answers, '--out', out], { env: noCredentials });
    expect(wizard.code).toBe(0);
    const api = await readFile(join(out, 'ops/compose/env/api.env'), 'utf8');
    expect(api).toContain("SECRETS_PROVIDER='gcp_sm'");
    expect(api).toContain("GCP_SM_PROJECT_ID='acme-prod'");
    expect(api).toContain("GCP_SM_CACHE_TTL_SECONDS='90'");
  }, 60_000);
});

describe('secrets onboard, other providers', () => {
  it('a secret value reaches only the 0600 env file: never the output, the JSON or the answers file', async () => {
    const dir = await ws.sub('secret');
    const SENTINEL = `hvs.SENTINEL${process.pid}`;
    const vault = await loopback(json(200, { data: { name: 'auth-service', type: 'ed25519' } }));
    servers.push(vault);
    const envFile = join(dir, 'api.env');
    const answers = join(dir, 'onboard.yaml');
    const args = ['secrets', 'onboard', '--provider', 'vault_hcp', '--non-interactive', '--var', `VAULT_ADDR=${vault.url}`, '--write-env', envFile, '--answers-out', answers];
    const human = await runCli(args, { env: { ...noCredentials, VAULT_TOKEN: SENTINEL } });
    const machine = await runCli(['--json', ...args], { env: { ...noCredentials, VAULT_TOKEN: SENTINEL } });
    for (const r of [human, machine]) {
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(SENTINEL);
    }
    expect(human.stderr).toContain('VAULT_TOKEN=<redacted>');
    expect(human.stderr).toContain('Verification: passed: read the Transit key auth-service (ed25519)');
    expect(vault.seen[0]?.headers['x-vault-token']).toBe(SENTINEL);
    expect(await readFile(envFile, 'utf8')).toContain(`VAULT_TOKEN='${SENTINEL}'`);
    expect(await fileMode(envFile)).toBe(0o600);
    const written = await readFile(answers, 'utf8');
    expect(written).not.toContain(SENTINEL);
    expect(written).toContain('VAULT_TOKEN: <redacted>');
  }, 30_000);

  it('a hung provider is bounded by the probe timeout and reported as a warning', async () => {
    const vault = await loopback(hang);
    servers.push(vault);
    const started = Date.now();
    const r = await runCli(['secrets', 'onboard', '--provider', 'vault_dev', '--non-interactive', '--var', `VAULT_ADDR=${vault.url}`], { env: { ...noCredentials, STARTER_CONSOLE_PROBE_TIMEOUT_MS: '500' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: Vault Dev \(Docker\) probe failed: cannot read transit\/keys\/auth-service: no answer from http:\/\/127\.0\.0\.1:\d+ within 0\.5 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it('without --provider, non-interactively: a usage error listing the providers', async () => {
    const r = await runCli(['secrets', 'onboard', '--non-interactive'], { env: noCredentials });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--provider is required with --non-interactive');
    expect(r.stderr).toContain('vault_dev|vault_hcp|infisical_cloud|infisical_self_host|aws_sm|azure_kv|gcp_sm');
  });
});

describe('setup wizard --verify-secrets', () => {
  it('runs the provider\'s onboarding check on the env the bundle gives the API: the secret read, the bundle written', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = await loopback(json(200, { access_token: 'ya29.e2e' }));
    const sm = await loopback(json(200, { payload: { data: Buffer.from('a-strong-signing-secret').toString('base64') } }));
    servers.push(token, sm);
    const key = join(ws.dir, 'sa-verify.json');
    await writeFile(key, JSON.stringify({ type: 'service_account', client_email: 'api@acme-saas-prod.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), token_uri: `${token.url}/token` }));
    const out = join(await ws.sub('verify'), 'deploy');
    const gcpExample = EXAMPLE.replace('vps.answers.yaml', 'gcp.answers.yaml');
    const r = await runCli(['setup', 'wizard', '--non-interactive', '--answers-file', gcpExample, '--out', out, '--no-validate', '--verify-secrets'], { env: { ...noCredentials, GOOGLE_APPLICATION_CREDENTIALS: key, STARTER_CONSOLE_GCP_SM_ENDPOINT: sm.url } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/secrets provider gcp_sm: verified/);
    // The project comes from the bundle's env (GCP_PROJECT_ID, the app's own fallback), the name from the answers.
    expect(sm.seen.map((s) => s.url)).toEqual([expect.stringMatching(/^\/v1\/projects\/[a-z0-9-]+\/secrets\/[A-Za-z0-9_-]+\/versions\/latest:access$/)]);
    expect(r.stderr).not.toContain('a-strong-signing-secret');
    expect(r.stdout).not.toContain('a-strong-signing-secret');
  }, 60_000);

  it('a failing check is a warning: the bundle stays written, exit 0', async () => {
    const out = join(await ws.sub('verify-fail'), 'deploy');
    const gcpExample = EXAMPLE.replace('vps.answers.yaml', 'gcp.answers.yaml');
    const r = await runCli(['setup', 'wizard', '--non-interactive', '--answers-file', gcpExample, '--out', out, '--no-validate', '--verify-secrets'], { env: noCredentials });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: GCP Secret Manager probe failed/);
    expect(r.stderr).not.toMatch(NO_STACK);
  }, 60_000);
});


/**
 * The probes against loopback servers that speak each provider's API, reached through the endpoint
 * overrides: success, 403, 404, an empty secret, a hung server (the timeout ends it) and malformed
 * answers. Every failure is a short sentence with a fix, never the secret value.
 */
import { generateKeyPairSync, createVerify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probeAwsSecret } from '../../../src/secrets/probes/aws.js';
import { probeAzureSecret } from '../../../src/secrets/probes/azure.js';
import { probeGcpSecret } from '../../../src/secrets/probes/gcp.js';
import { probeInfisicalSecret } from '../../../src/secrets/probes/infisical.js';
import { probeVaultTransitKey } from '../../../src/secrets/probes/vault.js';
import type { ProbeOutcome } from '../../../src/secrets/types.js';
import { hang, json, loopback, raw, type Handler, type Loopback } from './loopback.js';

const SECRET = 'SENTINEL-signing-secret-value';
const TIMEOUT = 400;
const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const serve = async (handler: Handler) => {
  const server = await loopback(handler);
  servers.push(server);
  return server;
};
const noSecret = (outcome: ProbeOutcome) => expect(JSON.stringify(outcome)).not.toContain(SECRET);

type Case = [name: string, handler: Handler, expected: RegExp];
const FAILURES = (notFound: Handler, forbidden: Handler, empty: Handler): Case[] => [
  ['403', forbidden, /permission denied/],
  ['404', notFound, /not found/],
  ['an empty secret', empty, /empty|no payload|no value/],
  ['a hung server', hang, /no answer from http:\/\/127\.0\.0\.1:\d+ within 0\.4 s/],
  ['HTML instead of JSON', raw(200, '<html>proxy login</html>'), /not JSON/],
  ['JSON of another shape', json(200, { unexpected: true }), /JSON without/],
];

describe('GCP Secret Manager', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dir = mkdtempSync(join(tmpdir(), 'gcp-probe-'));
  const VERSION = 'projects/acme-prod/secrets/auth-signing-secret/versions/latest';

  /** A token endpoint that checks the service account's JWT with its public key. */
  async function tokenServer() {
    return serve((req, res) => {
      const assertion = new URLSearchParams(req.body).get('assertion') ?? '';
      const [header = '', claims = '', signature = ''] = assertion.split('.');
      const valid = createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature, 'base64url'));
      const body = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8') || '{}') as { iss?: string; scope?: string };
      if (!valid || body.iss !== 'probe@acme-prod.iam.gserviceaccount.com' || !body.scope?.includes('cloud-platform')) return json(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' })(req, res);
      json(200, { access_token: 'ya29.loopback', expires_in: 3600 })(req, res);
    });
  }
  async function context(api: Handler) {
    const token = await tokenServer();
    const sm = await serve(api);
    const key = join(dir, `key-${servers.length}.json`);
    writeFileSync(key, JSON.stringify({ type: 'service_account', client_email: 'probe@acme-prod.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), private_key_id: 'k1', token_uri: `${token.url}/token` }));
    return { sm, ctx: { env: { GOOGLE_APPLICATION_CREDENTIALS: key, STARTER_CONSOLE_GCP_SM_ENDPOINT: sm.url, PATH: '' }, timeoutMs: TIMEOUT } };
  }
  const payload = (data: string) => json(200, { name: VERSION.replace('latest', '1'), payload: { data: Buffer.from(data).toString('base64') } });

  it('reads the version with a service-account token (JWT signed, exchanged at the key file\'s token_uri)', async () => {
    const { sm, ctx } = await context(payload(SECRET));
    const outcome = await probeGcpSecret(VERSION, ctx);
    expect(outcome).toEqual({ ok: true, detail: `read ${VERSION} (service account probe@acme-prod.iam.gserviceaccount.com)` });
    expect(sm.seen[0]).toMatchObject({ method: 'GET', url: `/v1/${VERSION}:access` });
    expect(sm.seen[0]?.headers.authorization).toBe('Bearer ya29.loopback');
    noSecret(outcome);
  });
  it('403 names the missing permission and the role to grant', async () => {
    const { ctx } = await context(json(403, { error: { code: 403, message: "Permission 'secretmanager.versions.access' denied for resource", status: 'PERMISSION_DENIED' } }));
    const outcome = await probeGcpSecret(VERSION, ctx);
    expect(outcome).toMatchObject({ ok: false, detail: expect.stringContaining('lacks secretmanager.versions.access'), fix: expect.stringContaining('roles/secretmanager.secretAccessor') });
  });
  it.each(FAILURES(json(404, { error: { code: 404, status: 'NOT_FOUND' } }), json(403, {}), payload('')))('%s', async (_name, handler, expected) => {
    const { ctx } = await context(handler);
    const outcome = await probeGcpSecret(VERSION, ctx);
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toMatch(expected);
    expect(outcome.ok ? '' : outcome.fix).not.toBe('');
  });
  it('a refused key and a missing key file are explained', async () => {
    const { ctx } = await context(payload(SECRET));
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    const token = await tokenServer();
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ type: 'service_account', client_email: 'probe@acme-prod.iam.gserviceaccount.com', private_key: other, token_uri: `${token.url}/token` }));
    expect(await probeGcpSecret(VERSION, { ...ctx, env: { ...ctx.env, GOOGLE_APPLICATION_CREDENTIALS: wrong } })).toMatchObject({ ok: false, detail: expect.stringContaining('Google refused the credentials') });
    expect(await probeGcpSecret(VERSION, { ...ctx, env: { ...ctx.env, GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'missing.json') } })).toMatchObject({ ok: false, detail: expect.stringContaining('does not exist') });
  });
  it('no credentials at all (no key, no ADC file, no gcloud on PATH)', async () => {
    const outcome = await probeGcpSecret(VERSION, { env: { HOME: dir, PATH: '' }, timeoutMs: TIMEOUT });
    expect(outcome).toMatchObject({ ok: false, detail: expect.stringContaining('no Google credentials found'), fix: expect.stringContaining('GOOGLE_APPLICATION_CREDENTIALS') });
  });
  it('a server that refuses connections', async () => {
    const { ctx } = await context(payload(SECRET));
    const closed = await serve(hang);
    await closed.close();
    const outcome = await probeGcpSecret(VERSION, { ...ctx, env: { ...ctx.env, STARTER_CONSOLE_GCP_SM_ENDPOINT: closed.url } });
    expect(outcome.detail).toMatch(/connection refused by http:\/\/127\.0\.0\.1/);
  });
});

describe('Vault transit key', () => {
  const values = (addr: string) => ({ VAULT_ADDR: addr, VAULT_TOKEN: 'hvs.SENTINEL-token', VAULT_TRANSIT_KEY: 'auth-service', VAULT_NAMESPACE: 'admin' });
  it('reads /v1/transit/keys/<key> with the token and the namespace', async () => {
    const vault = await serve(json(200, { data: { name: 'auth-service', type: 'ed25519' } }));
    expect(await probeVaultTransitKey(values(vault.url), { env: {}, timeoutMs: TIMEOUT })).toEqual({ ok: true, detail: 'read the Transit key auth-service (ed25519)' });
    expect(vault.seen[0]).toMatchObject({ method: 'GET', url: '/v1/transit/keys/auth-service' });
    expect(vault.seen[0]?.headers['x-vault-token']).toBe('hvs.SENTINEL-token');
    expect(vault.seen[0]?.headers['x-vault-namespace']).toBe('admin');
  });
  it.each(FAILURES(json(404, { errors: [] }), json(403, { errors: ['1 error occurred:\n\t* permission denied\n\n'] }), json(200, { data: null })).filter(([n]) => n !== 'an empty secret'))('%s', async (_name, handler, expected) => {
    const vault = await serve(handler);
    const outcome = await probeVaultTransitKey(values(vault.url), { env: {}, timeoutMs: TIMEOUT });
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toMatch(expected);
    expect(JSON.stringify(outcome)).not.toContain('SENTINEL-token');
  });
  it('403 says which path the policy must allow', async () => {
    const vault = await serve(json(403, { errors: ['permission denied'] }));
    expect(await probeVaultTransitKey(values(vault.url), { env: {}, timeoutMs: TIMEOUT })).toMatchObject({ fix: expect.stringContaining('path "transit/keys/auth-service" { capabilities = ["read"] }') });
  });
});

describe('Infisical secret', () => {
  const values = (base: string) => ({ INFISICAL_BASE_URL: base, INFISICAL_SERVICE_TOKEN: 'st.SENTINEL-token', INFISICAL_PROJECT_ID: 'proj-1', INFISICAL_ENVIRONMENT: 'prod', INFISICAL_SECRET_PATH: '/', INFISICAL_SIGNING_SECRET_NAME: 'auth-service-signing-secret' });
  it('reads the secret with the service token', async () => {
    const api = await serve(json(200, { secret: { secretKey: 'auth-service-signing-secret', secretValue: SECRET } }));
    const outcome = await probeInfisicalSecret(values(api.url), { env: {}, timeoutMs: TIMEOUT });
    expect(outcome).toEqual({ ok: true, detail: 'read auth-service-signing-secret in prod:/' });
    const url = new URL(api.seen[0]?.url ?? '', api.url);
    expect(url.pathname).toBe('/api/v4/secrets/auth-service-signing-secret');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ environment: 'prod', workspaceId: 'proj-1', type: 'shared', secretPath: '/' });
    expect(api.seen[0]?.headers.authorization).toBe('Bearer st.SENTINEL-token');
    noSecret(outcome);
  });
  it.each(FAILURES(json(404, { message: 'Secret not found' }), json(403, { message: 'forbidden' }), json(200, { secret: { secretValue: '' } })))('%s', async (_name, handler, expected) => {
    const api = await serve(handler);
    const outcome = await probeInfisicalSecret(values(api.url), { env: {}, timeoutMs: TIMEOUT });
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toMatch(expected);
  });
});

describe('AWS Secrets Manager', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:auth-signing-AbCdEf';
  const values = { AWS_REGION: 'eu-west-1', AWS_SM_SIGNING_SECRET_ARN: arn, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'SENTINEL-aws-key' };
  const ctx = (url: string) => ({ env: { AWS_ENDPOINT_URL_SECRETS_MANAGER: url }, timeoutMs: TIMEOUT });
  it('GetSecretValue, SigV4-signed', async () => {
    const api = await serve(json(200, { ARN: arn, SecretString: SECRET }));
    const outcome = await probeAwsSecret(values, ctx(api.url));
    expect(outcome).toEqual({ ok: true, detail: `read ${arn} (the onboarded access key)` });
    expect(api.seen[0]?.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(api.seen[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE\/\d{8}\/eu-west-1\/secretsmanager\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/);
    expect(JSON.parse(api.seen[0]?.body ?? '{}')).toEqual({ SecretId: arn });
    noSecret(outcome);
  });
  const awsError = (type: string) => json(400, { __type: type, message: 'x' });
  it.each(FAILURES(awsError('ResourceNotFoundException'), awsError('AccessDeniedException'), json(200, { ARN: arn, SecretString: '' })).map(([n, h, e]): Case => [n, h, n === 'JSON of another shape' ? /no value/ : e]))('%s', async (_name, handler, expected) => {
    const api = await serve(handler);
    const outcome = await probeAwsSecret(values, ctx(api.url));
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toMatch(expected);
    expect(JSON.stringify(outcome)).not.toContain('SENTINEL-aws-key');
  });
  it('403 names secretsmanager:GetSecretValue; no credentials says how to give them', async () => {
    const api = await serve(awsError('AccessDeniedException'));
    expect(await probeAwsSecret(values, ctx(api.url))).toMatchObject({ detail: expect.stringContaining('lacks secretsmanager:GetSecretValue') });
    expect(await probeAwsSecret({ AWS_SM_SIGNING_SECRET_ARN: arn }, { env: { HOME: '/nonexistent' }, timeoutMs: TIMEOUT })).toMatchObject({ ok: false, detail: expect.stringContaining('no AWS credentials') });
  });
});

describe('Azure Key Vault', () => {
  const values = { AZURE_KEY_VAULT_URL: 'https://acme.vault.azure.net', AZURE_KV_SIGNING_SECRET_NAME: 'auth-signing-secret', AZURE_TENANT_ID: 'tenant-1', AZURE_CLIENT_ID: 'client-1', AZURE_CLIENT_SECRET: 'SENTINEL-client-secret' };
  async function ctx(vault: Handler) {
    const login = await serve((req, res) => {
      const form = new URLSearchParams(req.body);
      if (req.url !== '/tenant-1/oauth2/v2.0/token' || form.get('client_secret') !== 'SENTINEL-client-secret' || form.get('scope') !== 'https://vault.azure.net/.default') return json(401, { error: 'invalid_client' })(req, res);
      json(200, { access_token: 'aad-token', token_type: 'Bearer' })(req, res);
    });
    const kv = await serve(vault);
    return { kv, context: { env: { AZURE_AUTHORITY_HOST: login.url, STARTER_CONSOLE_AZURE_KV_ENDPOINT: kv.url }, timeoutMs: TIMEOUT } };
  }
  it('client-credentials token, then GET the secret', async () => {
    const { kv, context } = await ctx(json(200, { value: SECRET, id: 'https://acme.vault.azure.net/secrets/auth-signing-secret/1' }));
    const outcome = await probeAzureSecret(values, context);
    expect(outcome).toEqual({ ok: true, detail: 'read the secret auth-signing-secret in https://acme.vault.azure.net (client client-1)' });
    expect(kv.seen[0]).toMatchObject({ url: '/secrets/auth-signing-secret?api-version=7.4' });
    expect(kv.seen[0]?.headers.authorization).toBe('Bearer aad-token');
    noSecret(outcome);
  });
  it.each(FAILURES(json(404, { error: { code: 'SecretNotFound' } }), json(403, { error: { code: 'Forbidden' } }), json(200, { value: '' })).map(([n, h, e]): Case => [n, h, n === 'JSON of another shape' ? /empty/ : e]))('%s', async (_name, handler, expected) => {
    const { context } = await ctx(handler);
    const outcome = await probeAzureSecret(values, context);
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toMatch(expected);
    expect(JSON.stringify(outcome)).not.toContain('SENTINEL-client-secret');
  });
  it('refused client credentials, and no credential at all', async () => {
    const { context } = await ctx(json(200, { value: SECRET }));
    expect(await probeAzureSecret({ ...values, AZURE_CLIENT_SECRET: 'wrong' }, context)).toMatchObject({ ok: false, detail: 'Entra ID refused the client credentials (invalid_client)' });
    const { AZURE_TENANT_ID: _t, AZURE_CLIENT_ID: _c, AZURE_CLIENT_SECRET: _s, ...managed } = values;
    expect(await probeAzureSecret(managed, context)).toMatchObject({ ok: false, detail: expect.stringContaining('no client-secret credential') });
  });
});

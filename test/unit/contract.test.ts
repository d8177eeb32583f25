import { describe, expect, it } from 'vitest';
import { resolveContract } from '../../src/targets/contract.js';
import { parseVarFlags } from '../../src/contract/vars.js';
import { layer, OTHER_ANSWERS, VPS_ANSWERS } from '../fixtures.js';

const keysOf = (result: ReturnType<typeof resolveContract>) => (result.ok ? [] : result.problems.map((p) => p.key));

describe('resolveContract', () => {
  it('accepts complete answers and applies preset and derived defaults', () => {
    const result = resolveContract([layer(VPS_ANSWERS)]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.contract.target).toBe('vps');
    expect(result.contract.worker_image).toBe(VPS_ANSWERS.api_image);
    expect(result.contract.auth_key_storage_provider).toBe('vault_hcp');
    expect(result.contract.api_base_url).toBe('http://api:8000');
    expect(result.contract.caddy_image).toMatch(/^caddy:2\./);
  });

  it('names every missing key in one run', () => {
    const { project_name: _a, api_image: _b, acme_email: _c, storage_bucket_name: _d, ...partial } = VPS_ANSWERS;
    const keys = keysOf(resolveContract([layer(partial)]));
    expect(keys).toEqual(expect.arrayContaining(['project_name', 'api_image', 'acme_email', 'storage_bucket_name']));
  });

  it('suggests the closest key for a misspelt one', () => {
    const result = resolveContract([layer({ ...VPS_ANSWERS, projet_name: 'x' })]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.key === 'projet_name');
    expect(problem?.hint).toBe('did you mean project_name?');
  });

  it('maps the reference console upper-case aliases', () => {
    const { app_public_url: _a, storage_provider: _b, secrets_provider: _c, enable_worker: _d, storage_bucket_name: _e, s3_region: _f, vault_addr: _g, ...rest } = VPS_ANSWERS;
    const result = resolveContract([
      layer({
        ...rest,
        APP_PUBLIC_URL: 'https://app.example.com',
        STORAGE_PROVIDER: 's3',
        S3_BUCKET: 'aliased-bucket',
        STORAGE_REGION: 'eu-central-1',
        SECRETS_PROVIDER: 'aws_sm',
        AWS_REGION: 'eu-west-1',
        AWS_SM_SIGNING_SECRET_ARN: 'acme-saas/prod/signing-secret',
        BILLING_RETRY_DEPLOYMENT_MODE: 'inline',
        ENVIRONMENT: 'production',
        API_BASE_URL: 'http://api:8000',
      }),
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.contract).toMatchObject({
      storage_provider: 's3',
      storage_bucket_name: 'aliased-bucket',
      s3_region: 'eu-central-1',
      secrets_provider: 'aws_sm',
      aws_region: 'eu-west-1',
      aws_sm_signing_secret_arn: 'acme-saas/prod/signing-secret',
      enable_worker: false,
      environment: 'prod',
      app_public_url: 'https://app.example.com',
    });
  });

  it('rejects DATABASE_URL and REDIS_URL as plain env and requires them as secrets', () => {
    const result = resolveContract([layer({ ...VPS_ANSWERS, api_env: { DATABASE_URL: 'postgres://x' }, api_secrets: { DATABASE_URL: 'x' } })]);
    expect(keysOf(result)).toEqual(expect.arrayContaining(['api_env.DATABASE_URL', 'api_secrets.REDIS_URL']));
  });

  it('requires storage that fits the target', () => {
    expect(keysOf(resolveContract([layer({ ...VPS_ANSWERS, storage_provider: 'gcs' })]))).toContain('storage_provider');
    expect(resolveContract([layer({ ...OTHER_ANSWERS, storage_provider: 'gcs' })]).ok).toBe(true);
  });

  it('allows file key storage only in dev', () => {
    expect(keysOf(resolveContract([layer({ ...VPS_ANSWERS, auth_key_storage_backend: 'file' })]))).toContain('auth_key_storage_backend');
    const dev = resolveContract([layer({ ...VPS_ANSWERS, environment: 'dev', auth_key_storage_backend: 'file', app_public_url: 'http://localhost.example.com' })]);
    expect(dev.ok).toBe(true);
  });

  it('allows Vault dev server only in dev', () => {
    const keys = keysOf(resolveContract([layer({ ...VPS_ANSWERS, environment: 'staging', secrets_provider: 'vault_dev' })]));
    expect(keys).toEqual(expect.arrayContaining(['secrets_provider', 'auth_key_storage_provider']));
  });

  it('requires pinned images and https in prod', () => {
    const keys = keysOf(resolveContract([layer({ ...VPS_ANSWERS, api_image: 'ghcr.io/acme/api:latest', web_image: 'ghcr.io/acme/web', app_public_url: 'http://app.example.com' })]));
    expect(keys).toEqual(expect.arrayContaining(['api_image', 'web_image', 'app_public_url']));
    const digest = `ghcr.io/acme/api@sha256:${'a'.repeat(64)}`;
    expect(resolveContract([layer({ ...VPS_ANSWERS, api_image: digest })]).ok).toBe(true);
  });

  it('rejects values a target format cannot carry', () => {
    const keys = keysOf(
      resolveContract([layer({ ...VPS_ANSWERS, api_env: { 'bad-name': 'x', GOOD: 'line\nbreak' }, acme_email: 'ops@{$HOST}', app_public_url: 'https://app.example.com/path' })]),
    );
    expect(keys).toEqual(expect.arrayContaining(['api_env.bad-name', 'api_env.GOOD', 'acme_email', 'app_public_url']));
  });

  it('rejects env the generator sets and secret-looking plain env', () => {
    const keys = keysOf(resolveContract([layer({ ...VPS_ANSWERS, api_env: { ENABLE_BILLING_RETRY_WORKER: 'true', STRIPE_SECRET_KEY: 'sk' } })]));
    expect(keys).toEqual(expect.arrayContaining(['api_env.ENABLE_BILLING_RETRY_WORKER', 'api_env.STRIPE_SECRET_KEY']));
  });

  it('requires MinIO credentials and port-free URLs on a single server', () => {
    const keys = keysOf(resolveContract([layer({ ...VPS_ANSWERS, storage_provider: 'minio', app_public_url: 'https://app.example.com:8443' })]));
    expect(keys).toEqual(expect.arrayContaining(['api_secrets.MINIO_ACCESS_KEY', 'api_secrets.MINIO_SECRET_KEY', 'app_public_url']));
  });

  it('rejects a name that is both plain env and a secret, and URLs with quotes or backticks', () => {
    const keys = keysOf(
      resolveContract([layer({ ...VPS_ANSWERS, api_env: { OPENAI_BASE: 'x' }, api_secrets: { ...(VPS_ANSWERS.api_secrets as object), OPENAI_BASE: 'y' }, api_base_url: 'http://api:8000/`x"' })]),
    );
    expect(keys).toEqual(expect.arrayContaining(['api_env.OPENAI_BASE', 'api_base_url']));
  });

  it('reports a missing api_image once, not again as a missing worker_image', () => {
    const { api_image: _a, ...rest } = VPS_ANSWERS;
    const keys = keysOf(resolveContract([layer(rest)]));
    expect(keys).toContain('api_image');
    expect(keys).not.toContain('worker_image');
  });

  it('rejects keys of another target', () => {
    expect(keysOf(resolveContract([layer({ ...OTHER_ANSWERS, acme_email: 'ops@example.com' })]))).toContain('acme_email');
  });

  it('lets later layers win and merges maps entry by entry', () => {
    const vars = parseVarFlags(['api_secrets.OPENAI_API_KEY=sk-test', 'enable_worker=false', 'api_env={"LOG_LEVEL":"debug"}']);
    expect(vars.problems).toEqual([]);
    const result = resolveContract([layer(VPS_ANSWERS), layer({ project_name: 'second' }, 'second.yaml'), vars.layer]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.contract.project_name).toBe('second');
    expect(result.contract.enable_worker).toBe(false);
    expect(Object.keys(result.contract.api_secrets).sort()).toEqual(Object.keys(VPS_ANSWERS.api_secrets as object).sort());
    expect(result.contract.api_secrets.OPENAI_API_KEY).toBe('sk-test');
    expect(result.contract.api_secrets.DATABASE_URL).toBe((VPS_ANSWERS.api_secrets as Record<string, string>).DATABASE_URL);
    expect(result.contract.api_env).toEqual({ LOG_LEVEL: 'debug' });
  });

  it('reports an unknown preset with a suggestion', () => {
    const result = resolveContract([layer({ ...VPS_ANSWERS, preset: 'vsp' })]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ key: 'preset', hint: 'did you mean vps?' });
  });

  it('unsets a key or a map entry with --var key=null', () => {
    const vars = parseVarFlags(['api_public_url=null', 'api_env.LOG_LEVEL=null']);
    const result = resolveContract([layer({ ...VPS_ANSWERS, api_public_url: 'https://api.example.com', api_env: { LOG_LEVEL: 'info', KEEP: '1' } }), vars.layer]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.contract.api_public_url).toBeUndefined();
    expect(result.contract.api_env).toEqual({ KEEP: '1' });
  });

  it('rejects malformed --var flags', () => {
    const { problems } = parseVarFlags(['novalue', 'api_env={not json']);
    // A flag without = may be a value given without its key: it is never echoed.
    expect(problems.map((p) => p.key)).toEqual(['--var', 'api_env']);
    expect(JSON.stringify(problems)).not.toContain('novalue');
    expect(JSON.stringify(problems)).not.toContain('not json');
  });
});

/**
 * The app env contract: what the contract requires per provider, storage and environment (each named by
 * its key), what it refuses, what it only warns about, and the env every target writes from it.
 */
import { describe, expect, it } from 'vitest';
import { appEnvFindings } from '../../src/contract/app-env/check.js';
import { describe as describeCondition, holds, UNKNOWN_SECRET, type EnvValue } from '../../src/contract/app-env/conditions.js';
import { hostAccepted, rejectedHosts, stripPort } from '../../src/contract/app-env/hosts.js';
import { APP_SETTINGS } from '../../src/contract/app-env/settings.js';
import type { ResolveResult } from '../../src/contract/resolve.js';
import { resolveContract } from '../../src/targets/contract.js';
import { TARGETS } from '../targets.js';

type Answers = Record<string, unknown>;

const APP_SECRETS = { OPENAI_API_KEY: 'ref-openai', SECRET_KEY: 'ref-secret-key', AUTH_PASSWORD_PEPPER: 'ref-pepper', AUTH_REFRESH_TOKEN_PEPPER: 'ref-refresh' };

/** A complete prod `other` contract on AWS Secrets Manager and S3; each test removes or changes what it is about. */
function base(extra: Answers = {}): Answers {
  return {
    preset: 'other',
    project_name: 'acme-saas',
    environment: 'prod',
    api_image: 'ghcr.io/acme/api:1.0.0',
    web_image: 'ghcr.io/acme/web:1.0.0',
    api_base_url: 'https://api.internal.example.com',
    app_public_url: 'https://app.example.com',
    secrets_provider: 'aws_sm',
    aws_region: 'eu-west-1',
    aws_sm_signing_secret_arn: 'acme/signing',
    auth_key_secret_name: 'acme/keyset',
    storage_provider: 's3',
    storage_bucket_name: 'acme-uploads',
    s3_region: 'eu-west-1',
    api_secrets: { DATABASE_URL: 'ref-db', REDIS_URL: 'ref-redis', ...APP_SECRETS },
    ...extra,
  };
}

function without(answers: Answers, ...keys: string[]): Answers {
  const out = { ...answers };
  for (const key of keys) delete out[key];
  return out;
}

function resolve(answers: Answers): ResolveResult {
  return resolveContract([{ source: 'answers.yaml', values: answers }]);
}

function problemKeys(answers: Answers): string[] {
  const result = resolve(answers);
  return result.ok ? [] : result.problems.map((p) => p.key);
}

function apiEnv(answers: Answers): Map<string, string> {
  const result = resolve(answers);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new Map(TARGETS[result.contract.target].env(result.contract).api.map((v) => [v.name, v.value]));
}

describe('required provider and storage settings', () => {
  it('the base contract is complete', () => {
    expect(problemKeys(base())).toEqual([]);
  });

  const providerCases: Array<{ provider: string; set: Answers; required: string[] }> = [
    { provider: 'aws_sm', set: {}, required: ['aws_region', 'aws_sm_signing_secret_arn'] },
    { provider: 'azure_kv', set: {}, required: ['azure_key_vault_url', 'azure_kv_signing_secret_name'] },
    { provider: 'gcp_sm', set: {}, required: ['gcp_sm_project_id', 'gcp_sm_signing_secret_name'] },
    { provider: 'vault_hcp', set: {}, required: ['api_secrets.VAULT_TOKEN', 'vault_addr'] },
    { provider: 'infisical_cloud', set: {}, required: ['api_secrets.INFISICAL_SERVICE_TOKEN', 'infisical_project_id'] },
    { provider: 'infisical_self_host', set: {}, required: ['api_secrets.INFISICAL_SERVICE_TOKEN', 'infisical_base_url', 'infisical_project_id'] },
  ];
  for (const { provider, required } of providerCases) {
    it(`secrets_provider ${provider} without its settings: every missing one is named`, () => {
      const answers = without(base({ secrets_provider: provider }), 'aws_region', 'aws_sm_signing_secret_arn');
      expect(problemKeys(answers)).toEqual(required);
    });
  }

  it('gcp_sm needs no project for a projects/... secret name, or with gcp_project_id', () => {
    const gcp = without(base({ secrets_provider: 'gcp_sm', auth_key_secret_name: 'projects/acme-prod/secrets/keyset' }), 'aws_region', 'aws_sm_signing_secret_arn');
    expect(problemKeys({ ...gcp, gcp_sm_signing_secret_name: 'projects/acme-prod/secrets/signing' })).toEqual([]);
    expect(problemKeys({ ...gcp, gcp_sm_signing_secret_name: 'signing', gcp_project_id: 'acme-prod' })).toEqual([]);
    expect(problemKeys({ ...gcp, gcp_sm_signing_secret_name: 'signing' })).toEqual(['gcp_sm_project_id']);
  });

  it('a key storage provider other than the secrets provider needs its own settings', () => {
    expect(problemKeys(base({ auth_key_storage_provider: 'azure_kv' }))).toEqual(['azure_key_vault_url']);
    // Only the secrets provider signs: the signing secret of the key storage provider is not needed.
    expect(problemKeys(base({ auth_key_storage_provider: 'azure_kv', azure_key_vault_url: 'https://acme.vault.azure.net' }))).toEqual([]);
  });

  const storageCases: Array<{ storage: string; required: string[]; complete: Answers }> = [
    { storage: 's3', required: ['s3_region'], complete: { s3_region: 'eu-west-1' } },
    { storage: 'gcs', required: ['gcp_project_id'], complete: { gcp_project_id: 'acme-prod' } },
    { storage: 'azure_blob', required: ['azure_blob_account_url'], complete: { azure_blob_account_url: 'https://acme.blob.core.windows.net' } },
    {
      storage: 'minio',
      required: ['api_secrets.MINIO_ACCESS_KEY', 'api_secrets.MINIO_SECRET_KEY', 'minio_endpoint'],
      complete: { minio_endpoint: 'https://minio.example.com', api_secrets: { ...(base().api_secrets as Answers), MINIO_ACCESS_KEY: 'ref-a', MINIO_SECRET_KEY: 'ref-b' } },
    },
  ];
  for (const { storage, required, complete } of storageCases) {
    it(`storage_provider ${storage}: ${required.join(', ')} required, then complete`, () => {
      const answers = without(base({ storage_provider: storage }), 's3_region');
      expect(problemKeys(answers)).toEqual(required);
      expect(problemKeys({ ...answers, ...complete })).toEqual([]);
    });
  }

  it('azure_blob takes a connection string secret instead of the account URL', () => {
    const answers = without(base({ storage_provider: 'azure_blob' }), 's3_region');
    expect(problemKeys({ ...answers, api_secrets: { ...(answers.api_secrets as Answers), AZURE_BLOB_CONNECTION_STRING: 'ref-conn' } })).toEqual([]);
  });

  it('vps with local MinIO: the target sets the endpoint, and refuses one given', () => {
    const vps = {
      ...without(base({ preset: 'vps', storage_provider: 'minio', acme_email: 'ops@example.com' }), 'api_base_url', 's3_region'),
      api_secrets: { ...(base().api_secrets as Answers), DATABASE_URL: 'x-db', REDIS_URL: 'x-redis', MINIO_ACCESS_KEY: 'x', MINIO_SECRET_KEY: 'y' },
    };
    expect(problemKeys(vps)).toEqual([]);
    expect(apiEnv(vps).get('MINIO_ENDPOINT')).toBe('http://minio:9000');
    expect(problemKeys({ ...vps, minio_endpoint: 'https://minio.example.com' })).toEqual(['minio_endpoint']);
  });

  it('the app secrets the API checks at start-up are required in staging and prod, not in dev', () => {
    const bare = base({ api_secrets: { DATABASE_URL: 'ref-db', REDIS_URL: 'ref-redis' } });
    const expected = ['api_secrets.AUTH_PASSWORD_PEPPER', 'api_secrets.AUTH_REFRESH_TOKEN_PEPPER', 'api_secrets.OPENAI_API_KEY', 'api_secrets.SECRET_KEY'];
    expect(problemKeys(bare)).toEqual(expected);
    expect(problemKeys({ ...bare, environment: 'staging' })).toEqual(expected);
    expect(problemKeys({ ...bare, environment: 'dev', app_public_url: 'http://localhost:3000' })).toEqual([]);
  });

  it('features the app checks need their secrets and settings', () => {
    const billing = base({ api_env: { ENABLE_BILLING: 'true', ENABLE_BILLING_STREAM: 'true' } });
    expect(problemKeys(billing)).toEqual(['api_env.STRIPE_PRODUCT_PRICE_MAP', 'api_secrets.STRIPE_SECRET_KEY', 'api_secrets.STRIPE_WEBHOOK_SECRET']);
    const logs = base({ api_env: { ENABLE_FRONTEND_LOG_INGEST: 'true' } });
    expect(problemKeys(logs)).toEqual(['api_secrets.FRONTEND_LOG_SHARED_SECRET', 'web_secrets.FRONTEND_LOG_SHARED_SECRET']);
  });
});

describe('refused answers', () => {
  it('a secret setting in plain env points to the secrets map, without its value', () => {
    const result = resolve(base({ api_env: { VAULT_TOKEN: 'hvs.sentinel-value-123' } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.key, p.hint])).toContainEqual(['api_env.VAULT_TOKEN', 'move it to api_secrets.VAULT_TOKEN']);
    expect(JSON.stringify(result.problems)).not.toContain('sentinel-value-123');
  });

  it('a setting with its own contract key is refused in api_env, with the key to use', () => {
    const result = resolve(base({ api_env: { AWS_REGION: 'eu-west-1' } }));
    expect(result.ok ? [] : result.problems.map((p) => `${p.key}: ${p.message}`)).toEqual(['api_env.AWS_REGION: AWS_REGION is set by the generator from aws_region']);
  });

  it('known settings must be in the format the app reads', () => {
    expect(problemKeys(base({ api_env: { STRIPE_PRODUCT_PRICE_MAP: 'starter=price_1' } }))).toEqual(['api_env.STRIPE_PRODUCT_PRICE_MAP']);
    expect(problemKeys(base({ api_env: { DATABASE_POOL_SIZE: 'ten' } }))).toEqual(['api_env.DATABASE_POOL_SIZE']);
    expect(problemKeys(base({ api_env: { REQUIRE_EMAIL_VERIFICATION: 'sometimes' } }))).toEqual(['api_env.REQUIRE_EMAIL_VERIFICATION']);
    expect(problemKeys(base({ api_env: { CONTACT_EMAIL_TO: '["ops@example.com"]', DATABASE_POOL_SIZE: '10' } }))).toEqual([]);
  });

  it('production start-up rules: DEBUG, the billing stream, Redis TLS, starter placeholders', () => {
    expect(problemKeys(base({ api_env: { DEBUG: 'true' } }))).toEqual(['api_env.DEBUG']);
    expect(problemKeys(base({ api_env: { ENABLE_BILLING: 'true', STRIPE_PRODUCT_PRICE_MAP: '{"a":"b"}' }, api_secrets: { ...(base().api_secrets as Answers), STRIPE_SECRET_KEY: 'r', STRIPE_WEBHOOK_SECRET: 'r' } }))).toEqual(['api_env.ENABLE_BILLING_STREAM']);
    const secrets = (extra: Answers) => base({ api_secrets: { ...(base().api_secrets as Answers), ...extra } });
    expect(problemKeys(secrets({ REDIS_URL: 'redis://:pw-sentinel@redis.example.com:6379/0' }))).toEqual(['api_secrets.REDIS_URL']);
    expect(problemKeys(secrets({ REDIS_URL: 'rediss://redis.example.com:6379/0' }))).toEqual(['api_secrets.REDIS_URL']);
    expect(problemKeys(secrets({ REDIS_URL: 'rediss://:pw@redis.example.com:6379/0' }))).toEqual([]);
    expect(problemKeys(secrets({ DATABASE_URL: 'postgresql://u:p@db/app' }))).toEqual(['api_secrets.DATABASE_URL']);
    expect(problemKeys(secrets({ SECRET_KEY: 'change-me' }))).toEqual(['api_secrets.SECRET_KEY']);
    const dev = secrets({ REDIS_URL: 'redis://redis:6379/0' });
    expect(problemKeys({ ...dev, environment: 'dev', app_public_url: 'http://localhost:3000' })).toEqual([]);
  });
});

describe('warnings and aliases', () => {
  function warnings(answers: Answers) {
    const result = resolve(answers);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.warnings.map((w) => `${w.key}: ${w.hint ?? ''}`);
  }

  it('an env name no service reads is a warning with the near miss, never an error', () => {
    expect(warnings(base({ api_env: { LOG_LEVL: 'info', MY_FEATURE: 'on' } }))).toEqual(['api_env.LOG_LEVL: did you mean LOG_LEVEL?', 'api_env.MY_FEATURE: kept as given']);
  });

  it('NEXT_PUBLIC_* at run time, and a key that has no effect, are warnings', () => {
    expect(warnings(base({ web_env: { NEXT_PUBLIC_LOG_LEVEL: 'info' } }))).toEqual(['web_env.NEXT_PUBLIC_LOG_LEVEL: pass it as a build argument of the web image']);
    const result = resolve(base({ vault_addr: 'https://vault.example.com' }));
    expect(result.ok && result.warnings.map((w) => w.key)).toEqual(['vault_addr']);
    expect(apiEnv(base({ vault_addr: 'https://vault.example.com' })).has('VAULT_ADDR')).toBe(false);
  });

  it('upper-case setting names and the old storage_region are aliases of the contract keys', () => {
    const answers = without(base({ AWS_SM_SIGNING_SECRET_ARN: 'acme/other-signing', storage_region: 'us-east-1' }), 'aws_sm_signing_secret_arn', 's3_region');
    const env = apiEnv(answers);
    expect(env.get('AWS_SM_SIGNING_SECRET_ARN')).toBe('acme/other-signing');
    expect(env.get('S3_REGION')).toBe('us-east-1');
  });

  it('derives the provider defaults the app documents', () => {
    const env = apiEnv(without(base({ secrets_provider: 'infisical_cloud', infisical_project_id: 'p1', api_secrets: { ...(base().api_secrets as Answers), INFISICAL_SERVICE_TOKEN: 'r' } }), 'aws_region', 'aws_sm_signing_secret_arn'));
    expect([env.get('INFISICAL_BASE_URL'), env.get('INFISICAL_ENVIRONMENT'), env.get('INFISICAL_SECRET_PATH')]).toEqual(['https://app.infisical.com', 'prod', '/']);
    const vault = apiEnv(without(base({ secrets_provider: 'vault_hcp', vault_addr: 'https://vault.example.com', api_secrets: { ...(base().api_secrets as Answers), VAULT_TOKEN: 'r' } }), 'aws_region', 'aws_sm_signing_secret_arn'));
    expect([vault.get('VAULT_TRANSIT_KEY'), vault.get('VAULT_NAMESPACE'), vault.get('VAULT_VERIFY_ENABLED')]).toEqual(['auth-service', 'admin', 'true']);
  });
});

describe('ALLOWED_HOSTS', () => {
  const cases: Array<{ target: string; answers: Answers; hosts: string[] }> = [
    { target: 'other', answers: base(), hosts: ['api.internal.example.com', 'localhost', '127.0.0.1'] },
    {
      target: 'vps',
      answers: { ...without(base({ preset: 'vps', acme_email: 'ops@example.com', api_public_url: 'https://api.example.com' }), 'api_base_url') },
      hosts: ['api', 'localhost', '127.0.0.1', 'api.example.com'],
    },
    {
      target: 'k8s',
      answers: { ...without(base({ preset: 'k8s', external_secrets_store: 'aws', api_hosts: ['api.example.com'] }), 'api_base_url') },
      hosts: ['acme-saas-api', 'acme-saas-api.acme-saas', 'acme-saas-api.acme-saas.svc', 'acme-saas-api.acme-saas.svc.cluster.local', 'localhost', '127.0.0.1', 'api.example.com'],
    },
  ];
  for (const { target, answers, hosts } of cases) {
    it(`${target}: bare names, the host of API_BASE_URL first`, () => {
      expect(apiEnv(answers).get('ALLOWED_HOSTS')?.split(',')).toEqual(hosts);
    });
  }

  it('the API host check strips the port before matching, as the app does', () => {
    expect(stripPort('api:8000')).toBe('api');
    expect(stripPort('[::1]:8000')).toBe('[::1]');
    expect(hostAccepted(['api'], 'api:8000')).toBe(true);
    expect(hostAccepted(['api:8000'], 'api:8000')).toBe(false);
    expect(hostAccepted(['*.example.com'], 'api.example.com')).toBe(true);
    expect(hostAccepted(['*.example.com'], 'example.org')).toBe(false);
    expect(rejectedHosts('localhost', [{ who: 'the web app', host: 'api:8000' }])).toEqual(['api: ALLOWED_HOSTS does not accept the Host header api:8000 that the web app sends (add api)']);
  });
});

describe('the app-env check on an assembled env', () => {
  const env = (entries: Record<string, EnvValue>) => new Map(Object.entries(entries));
  const good = {
    ENVIRONMENT: 'production',
    APP_PUBLIC_URL: 'https://app.example.com',
    ALLOWED_HOSTS: 'api,localhost',
    SECRETS_PROVIDER: 'aws_sm',
    AWS_REGION: 'eu-west-1',
    AWS_SM_SIGNING_SECRET_ARN: 'acme/signing',
    AUTH_KEY_STORAGE_BACKEND: 'secret-manager',
    AUTH_KEY_STORAGE_PROVIDER: 'aws_sm',
    AUTH_KEY_SECRET_NAME: 'acme/keyset',
    STORAGE_PROVIDER: 's3',
    S3_BUCKET: 'b',
    S3_REGION: 'eu-west-1',
    DATABASE_URL: UNKNOWN_SECRET,
    REDIS_URL: UNKNOWN_SECRET,
    OPENAI_API_KEY: UNKNOWN_SECRET,
    SECRET_KEY: UNKNOWN_SECRET,
    AUTH_PASSWORD_PEPPER: UNKNOWN_SECRET,
    AUTH_REFRESH_TOKEN_PEPPER: UNKNOWN_SECRET,
  } as const;
  const web = env({ API_BASE_URL: 'http://api:8000', APP_PUBLIC_URL: 'https://app.example.com' });
  const findings = (api: Record<string, EnvValue>) => appEnvFindings({ api: env(api), web }).map((f) => `${f.service} ${f.key}`);

  it('passes a complete production env', () => {
    expect(findings(good)).toEqual([]);
  });

  it('names the service and the setting of each gap', () => {
    const { AWS_SM_SIGNING_SECRET_ARN: _arn, SECRET_KEY: _key, ...rest } = good;
    expect(findings(rest).sort()).toEqual(['api AWS_SM_SIGNING_SECRET_ARN', 'api SECRET_KEY']);
    expect(findings({ ...good, ALLOWED_HOSTS: 'api:8000,localhost' })).toEqual(['api ALLOWED_HOSTS']);
    expect(findings({ ...good, REDIS_URL: 'redis://redis:6379/0' })).toEqual(['api REDIS_URL']);
    expect(findings({ ...good, AUTH_KEY_STORAGE_BACKEND: 'file' })).toContain('api AUTH_KEY_STORAGE_BACKEND');
    expect(findings({ ...good, SECRETS_PROVIDER: 'vault_hcp' }).sort()).toEqual(['api VAULT_ADDR', 'api VAULT_NAMESPACE', 'api VAULT_TOKEN', 'api VAULT_TRANSIT_KEY', 'api VAULT_VERIFY_ENABLED']);
  });

  it('every required setting has a condition that can hold, described in words', () => {
    for (const setting of APP_SETTINGS.filter((s) => s.requiredWhen)) {
      expect(describeCondition(setting.requiredWhen ?? { always: true }), setting.name).not.toBe('');
      expect(typeof holds(setting.requiredWhen ?? { always: true }, new Map()), setting.name).toBe('boolean');
    }
  });
});

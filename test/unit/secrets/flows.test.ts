/** Each provider's keys, defaults, rules and env lines, through the onboarding use case (no probe). */
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../src/bundle/answers-file.js';
import { SECRETS_PROVIDERS } from '../../../src/contract/literals.js';
import type { AnswerLayer } from '../../../src/contract/resolve.js';
import { CancelledError, ContractError, UsageError } from '../../../src/errors.js';
import { REDACTED_MARKER } from '../../../src/secrets/answers.js';
import { answersFromEnv } from '../../../src/secrets/answers-out.js';
import { onboard, type OnboardResult } from '../../../src/secrets/onboard.js';
import { FLOWS } from '../../../src/secrets/registry.js';
import { CTRL_C, ENTER, ScriptedPrompter } from '../wizard/scripted-prompter.js';

const vars = (values: Record<string, unknown>): AnswerLayer[] => [{ source: '--var', values }];
const run = (provider: string | undefined, values: Record<string, unknown> = {}, env: Record<string, string> = {}) =>
  onboard({ ...(provider ? { provider } : {}), layers: vars(values), verify: false, env });
const envOf = (result: OnboardResult) => Object.fromEntries(result.env.map((l) => [l.name, l.value]));

async function problems(promise: Promise<unknown>): Promise<{ key: string; message: string }[]> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ContractError);
  return [...(error as ContractError).problems];
}

describe('the registry', () => {
  it('has a flow for exactly every secrets provider literal', () => {
    expect(Object.keys(FLOWS).sort()).toEqual([...SECRETS_PROVIDERS].sort());
    for (const id of SECRETS_PROVIDERS) expect(FLOWS[id].id).toBe(id);
  });
  it('reads the bundle answers file\'s redaction marker as "not given"', () => {
    expect(REDACTED_MARKER).toBe(REDACTED);
  });
});

describe('gcp_sm', () => {
  it('a short name without a project is refused, saying the name is not fully qualified', async () => {
    const found = await problems(run('gcp_sm', { GCP_SM_SIGNING_SECRET_NAME: 'auth-signing-secret' }));
    expect(found).toEqual([expect.objectContaining({ key: 'GCP_SM_PROJECT_ID', message: expect.stringContaining('not fully qualified') })]);
  });
  it('a fully qualified name needs no project; TTL defaults to 60 and VAULT_VERIFY_ENABLED is set', async () => {
    const result = await run('gcp_sm', { GCP_SM_SIGNING_SECRET_NAME: 'projects/p/secrets/s' });
    expect(result.env).toEqual([
      { name: 'SECRETS_PROVIDER', value: 'gcp_sm', secret: false },
      { name: 'GCP_SM_SIGNING_SECRET_NAME', value: 'projects/p/secrets/s', secret: false },
      { name: 'GCP_SM_CACHE_TTL_SECONDS', value: '60', secret: false },
      { name: 'VAULT_VERIFY_ENABLED', value: 'true', secret: false },
    ]);
    expect(result.verification).toMatchObject({ status: 'skipped', target: 'projects/p/secrets/s/versions/latest' });
  });
  it('the default name with a project (contract keys work as well as env names), a numeric project in a resource name', async () => {
    const result = await run('gcp_sm', { gcp_sm_project_id: 'acme-prod', GCP_SM_CACHE_TTL_SECONDS: 90 });
    expect(envOf(result)).toMatchObject({ GCP_SM_PROJECT_ID: 'acme-prod', GCP_SM_SIGNING_SECRET_NAME: 'auth-signing-secret', GCP_SM_CACHE_TTL_SECONDS: '90' });
    expect(result.verification.target).toBe('projects/acme-prod/secrets/auth-signing-secret/versions/latest');
    expect((await run('gcp_sm', { GCP_SM_SIGNING_SECRET_NAME: 'projects/123456789012/secrets/s/versions/3' })).verification.target).toBe('projects/123456789012/secrets/s/versions/3');
  });
  it.each([['0'], ['-5'], ['1.5'], ['soon']])('refuses the TTL %s', async (ttl) => {
    const found = await problems(run('gcp_sm', { GCP_SM_PROJECT_ID: 'acme-prod', GCP_SM_CACHE_TTL_SECONDS: ttl }));
    expect(found).toEqual([{ key: 'GCP_SM_CACHE_TTL_SECONDS', message: 'must be a whole number of seconds greater than zero' }]);
  });
  it('checks the project and the name with the contract\'s own formats', async () => {
    const found = await problems(run('gcp_sm', { GCP_SM_PROJECT_ID: 'Bad_Project', GCP_SM_SIGNING_SECRET_NAME: 'a b' }));
    expect(found.map((p) => p.key).sort()).toEqual(['GCP_SM_PROJECT_ID', 'GCP_SM_SIGNING_SECRET_NAME']);
  });
  it('a --var that is no setting of the flow is refused with a near miss', async () => {
    const found = await problems(run('gcp_sm', { GCP_SM_SIGNING_SECRT_NAME: 'projects/p/secrets/s' }));
    expect(found).toEqual([expect.objectContaining({ key: 'GCP_SM_SIGNING_SECRT_NAME', hint: 'did you mean GCP_SM_SIGNING_SECRET_NAME?' })]);
  });
});

describe('aws_sm', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:auth-signing-AbCdEf';
  it('the default credential chain: region default, TTL, verify flag, no credentials in the env', async () => {
    const result = await run('aws_sm', { AWS_SM_SIGNING_SECRET_ARN: arn });
    expect(envOf(result)).toEqual({ SECRETS_PROVIDER: 'aws_sm', AWS_REGION: 'us-east-1', AWS_SM_SIGNING_SECRET_ARN: arn, AWS_SM_CACHE_TTL_SECONDS: '60', VAULT_VERIFY_ENABLED: 'true' });
  });
  it('a profile sets AWS_PROFILE (the choice follows from the answer)', async () => {
    expect(envOf(await run('aws_sm', { AWS_SM_SIGNING_SECRET_ARN: arn, AWS_PROFILE: 'prod' }))).toMatchObject({ AWS_PROFILE: 'prod' });
  });
  it('static keys: the secret key is a secret line, taken from the environment when not given', async () => {
    const result = await run('aws_sm', { AWS_SM_SIGNING_SECRET_ARN: arn, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' }, { AWS_SECRET_ACCESS_KEY: 'SENTINEL-aws-secret' });
    expect(result.env.find((l) => l.name === 'AWS_SECRET_ACCESS_KEY')).toEqual({ name: 'AWS_SECRET_ACCESS_KEY', value: 'SENTINEL-aws-secret', secret: true });
    expect(result.env.find((l) => l.name === 'AWS_ACCESS_KEY_ID')?.secret).toBe(true);
  });
  it('requires the ARN and refuses a bad region and TTL, all at once', async () => {
    const found = await problems(run('aws_sm', { AWS_REGION: 'Europe', AWS_SM_CACHE_TTL_SECONDS: 'x' }));
    expect(found.map((p) => p.key).sort()).toEqual(['AWS_REGION', 'AWS_SM_CACHE_TTL_SECONDS', 'AWS_SM_SIGNING_SECRET_ARN']);
  });
  it('refuses static keys without the secret key', async () => {
    const found = await problems(run('aws_sm', { AWS_SM_SIGNING_SECRET_ARN: arn, AWS_USE_STATIC_KEYS: 'yes', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' }));
    expect(found).toEqual([expect.objectContaining({ key: 'AWS_SECRET_ACCESS_KEY', message: 'is required' })]);
  });
});

describe('azure_kv', () => {
  it('vault URL required (https), secret name default, a managed identity by default', async () => {
    expect((await problems(run('azure_kv'))).map((p) => p.key)).toEqual(['AZURE_KEY_VAULT_URL']);
    expect((await problems(run('azure_kv', { AZURE_KEY_VAULT_URL: 'http://acme.vault.azure.net' })))[0]).toMatchObject({ key: 'AZURE_KEY_VAULT_URL', message: 'must use https' });
    const result = await run('azure_kv', { AZURE_KEY_VAULT_URL: 'https://acme.vault.azure.net', AZURE_MANAGED_IDENTITY_CLIENT_ID: 'mi-1' });
    expect(envOf(result)).toEqual({ SECRETS_PROVIDER: 'azure_kv', AZURE_KEY_VAULT_URL: 'https://acme.vault.azure.net', AZURE_KV_SIGNING_SECRET_NAME: 'auth-signing-secret', AZURE_KV_CACHE_TTL_SECONDS: '60', AZURE_MANAGED_IDENTITY_CLIENT_ID: 'mi-1', VAULT_VERIFY_ENABLED: 'true' });
  });
  it('a client-secret credential needs all three parts', async () => {
    const found = await problems(run('azure_kv', { AZURE_KEY_VAULT_URL: 'https://acme.vault.azure.net', AZURE_TENANT_ID: 't' }));
    expect(found.map((p) => p.key).sort()).toEqual(['AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET']);
  });
});

describe('infisical', () => {
  it('cloud: URL and environment defaults, token secret, project required', async () => {
    expect((await problems(run('infisical_cloud'))).map((p) => p.key).sort()).toEqual(['INFISICAL_PROJECT_ID', 'INFISICAL_SERVICE_TOKEN']);
    const result = await run('infisical_cloud', { INFISICAL_PROJECT_ID: 'proj-1', INFISICAL_SERVICE_TOKEN: 'st.SENTINEL' });
    expect(envOf(result)).toEqual({
      SECRETS_PROVIDER: 'infisical_cloud',
      INFISICAL_BASE_URL: 'https://app.infisical.com',
      INFISICAL_SERVICE_TOKEN: 'st.SENTINEL',
      INFISICAL_PROJECT_ID: 'proj-1',
      INFISICAL_ENVIRONMENT: 'dev',
      INFISICAL_SECRET_PATH: '/',
      INFISICAL_SIGNING_SECRET_NAME: 'auth-service-signing-secret',
      INFISICAL_CACHE_TTL_SECONDS: '60',
      VAULT_VERIFY_ENABLED: 'true',
    });
  });
  it('self-host: localhost default and the CA bundle', async () => {
    const result = await run('infisical_self_host', { INFISICAL_PROJECT_ID: 'proj-1', INFISICAL_SERVICE_TOKEN: 'st', INFISICAL_CA_BUNDLE_PATH: '/etc/ssl/private-ca.pem' });
    expect(envOf(result)).toMatchObject({ INFISICAL_BASE_URL: 'http://localhost:8080', INFISICAL_CA_BUNDLE_PATH: '/etc/ssl/private-ca.pem' });
  });
});

describe('vault', () => {
  it('dev: the dev server defaults, verification on', async () => {
    expect(envOf(await run('vault_dev'))).toEqual({ SECRETS_PROVIDER: 'vault_dev', VAULT_ADDR: 'http://127.0.0.1:18200', VAULT_TOKEN: 'vault-dev-root', VAULT_TRANSIT_KEY: 'auth-service', VAULT_VERIFY_ENABLED: 'true' });
  });
  it('hcp: address and token required, namespace admin', async () => {
    expect((await problems(run('vault_hcp'))).map((p) => p.key).sort()).toEqual(['VAULT_ADDR', 'VAULT_TOKEN']);
    const result = await run('vault_hcp', { VAULT_ADDR: 'https://vault.example.com:8200', VAULT_TOKEN: 'hvs.SENTINEL', VAULT_VERIFY_ENABLED: 'no' });
    expect(envOf(result)).toMatchObject({ VAULT_NAMESPACE: 'admin', VAULT_VERIFY_ENABLED: 'false' });
  });
});

describe('provider choice', () => {
  it('non-interactive without --provider is a usage error; a typo gets a near miss', async () => {
    await expect(run(undefined)).rejects.toThrow(UsageError);
    await expect(run('gcp-sm')).rejects.toMatchObject({ hint: expect.stringContaining('did you mean gcp_sm?') });
  });
  it('interactive: asks the provider, then each setting, through the prompt adapter (supplied ones are not asked)', async () => {
    const prompter = new ScriptedPrompter([
      ['SECRETS_PROVIDER', 'gcp_sm'],
      ['GCP_SM_SIGNING_SECRET_NAME', ENTER],
      ['GCP_SM_PROJECT_ID', ''],
      ['GCP_SM_PROJECT_ID', 'acme-prod'],
    ]);
    const said: string[] = [];
    const result = await onboard({ layers: vars({ GCP_SM_CACHE_TTL_SECONDS: '120' }), prompter, say: (l) => said.push(l), verify: false, env: {} });
    prompter.finished();
    expect(prompter.asked.find((a) => a.id === 'GCP_SM_PROJECT_ID')?.error).toBe('GCP_SM_PROJECT_ID is required');
    expect(envOf(result)).toMatchObject({ GCP_SM_PROJECT_ID: 'acme-prod', GCP_SM_SIGNING_SECRET_NAME: 'auth-signing-secret', GCP_SM_CACHE_TTL_SECONDS: '120' });
    expect(said).toEqual(['GCP_SM_CACHE_TTL_SECONDS supplied via --var.']);
  });
  it('interactive: an answered SECRETS_PROVIDER stands for the question', async () => {
    const prompter = new ScriptedPrompter([['VAULT_ADDR', ENTER], ['VAULT_TOKEN', ENTER], ['VAULT_TRANSIT_KEY', ENTER], ['VAULT_VERIFY_ENABLED', ENTER]]);
    const result = await onboard({ layers: [{ source: 'answers.yaml', values: { secrets_provider: 'vault_dev' } }], prompter, verify: false, env: {}, say: () => undefined });
    prompter.finished();
    expect(result.provider).toBe('vault_dev');
    expect(result.env.find((l) => l.name === 'VAULT_TOKEN')).toEqual({ name: 'VAULT_TOKEN', value: 'vault-dev-root', secret: true });
  });
  it('Ctrl-C at a prompt cancels (exit 130) and writes nothing', async () => {
    const prompter = new ScriptedPrompter([['GCP_SM_SIGNING_SECRET_NAME', CTRL_C]]);
    const error = await onboard({ provider: 'gcp_sm', layers: [], prompter, verify: false, env: {}, writeEnv: '/nonexistent/dir/api.env' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).exitCode).toBe(130);
  });
  it('interactive secrets are asked masked', async () => {
    const prompter = new ScriptedPrompter([
      ['VAULT_ADDR', 'https://vault.example.com'],
      ['VAULT_NAMESPACE', ENTER],
      ['VAULT_TOKEN', 'hvs.typed'],
      ['VAULT_TRANSIT_KEY', ENTER],
      ['VAULT_VERIFY_ENABLED', ENTER],
    ]);
    const result = await onboard({ provider: 'vault_hcp', layers: [], prompter, verify: false, env: {} });
    prompter.finished();
    expect(prompter.asked.find((a) => a.id === 'VAULT_TOKEN')?.kind).toBe('password');
    expect(envOf(result)).toMatchObject({ VAULT_TOKEN: 'hvs.typed', VAULT_NAMESPACE: 'admin', VAULT_VERIFY_ENABLED: 'true' });
  });
});

describe('answers for setup wizard', () => {
  it('contract keys where they exist, secrets by name only, other settings as api_env, derived ones left out', () => {
    const answers = answersFromEnv([
      { name: 'SECRETS_PROVIDER', value: 'aws_sm', secret: false },
      { name: 'AWS_REGION', value: 'eu-west-1', secret: false },
      { name: 'AWS_SM_CACHE_TTL_SECONDS', value: '60', secret: false },
      { name: 'AWS_SECRET_ACCESS_KEY', value: 'SENTINEL', secret: true },
      { name: 'VAULT_VERIFY_ENABLED', value: 'true', secret: false },
    ]);
    expect(answers).toEqual({ secrets_provider: 'aws_sm', aws_region: 'eu-west-1', api_env: { AWS_SM_CACHE_TTL_SECONDS: '60' }, api_secrets: { AWS_SECRET_ACCESS_KEY: REDACTED } });
  });
});

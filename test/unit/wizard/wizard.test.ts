/**
 * The wizard's logic with a scripted prompter that fails on any question it does not expect: the
 * order of the questions, their conditions and defaults, a wrong answer explained and asked again,
 * going back from the review, flags winning over prompts, and masked secrets.
 */
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../src/bundle/answers-file.js';
import { FIELDS } from '../../../src/targets/keys.js';
import type { AnswerLayer } from '../../../src/contract/resolve.js';
import { resolveContract } from '../../../src/targets/contract.js';
import { ContractError } from '../../../src/errors.js';
import { ENTER, ScriptedPrompter, type Step } from './scripted-prompter.js';
import { runScript } from './harness.js';

/** A complete VPS run: prod, defaults accepted, advanced questions declined. */
const VPS: Step[] = [
  ['preset', 'vps'],
  ['environment', ENTER],
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
  ['api_env.add', ENTER],
  ['web_env.add', ENTER],
  ['api_secrets.add', ENTER],
  ['web_secrets.add', ENTER],
  ['review', ENTER],
];

/** The secrets the VPS run needs (prod, Infisical): without --include-secrets only their names, values redacted. */
const VPS_SECRET_NAMES = ['DATABASE_URL', 'REDIS_URL', 'OPENAI_API_KEY', 'SECRET_KEY', 'AUTH_PASSWORD_PEPPER', 'AUTH_REFRESH_TOKEN_PEPPER', 'INFISICAL_SERVICE_TOKEN'];
const redacted = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, REDACTED]));

/** The script with some steps replaced (same id) or inserted after another step, or removed. */
function edit(steps: readonly Step[], changes: { set?: Record<string, Step[1]>; after?: Record<string, Step[]>; drop?: string[] }): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    if (changes.drop?.includes(step[0])) continue;
    out.push(changes.set && Object.hasOwn(changes.set, step[0]) ? [step[0], changes.set[step[0]] as Step[1]] : step);
    out.push(...(changes.after?.[step[0]] ?? []));
  }
  return out;
}

function contractOf(layers: AnswerLayer[]) {
  const resolved = resolveContract(layers);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems, null, 2));
  return resolved;
}

const asked = (h: { prompter: ScriptedPrompter }, id: string) => h.prompter.asked.filter((a) => a.id === id);

describe('questions: order, conditions and defaults', () => {
  it('asks a VPS run in order and the answers make a valid contract', async () => {
    const h = await runScript(VPS);
    expect(h.ids).toEqual(VPS.map(([id]) => id));
    const { contract, answers } = contractOf(h.layers);
    expect(contract).toMatchObject({ target: 'vps', project_name: 'acme-saas', environment: 'prod', enable_worker: true, worker_image: 'ghcr.io/acme/api:1.4.2' });
    expect(answers.api_secrets).toEqual(redacted(VPS_SECRET_NAMES));
    // Advanced questions declined: not asked, not recorded, the contract takes their defaults.
    expect(answers).not.toHaveProperty('backup_retention_days');
    expect(contract.backup_retention_days).toBe(14);
  });

  it('offers the preset, target and derived defaults', async () => {
    const h = await runScript(VPS);
    const dflt = (id: string) => asked(h, id)[0]?.default;
    expect(dflt('environment')).toBe('prod');
    expect(dflt('api_base_url')).toBe('http://api:8000');
    expect(dflt('worker_image')).toBe('ghcr.io/acme/api:1.4.2');
    expect(dflt('auth_key_storage_provider')).toBe('infisical_cloud');
    expect(dflt('auth_key_secret_name')).toBe('starter-auth-keyset');
    expect(dflt('local_postgres')).toBe(true);
    expect(dflt('advanced')).toBe(true); // prod: yes
    expect(dflt('project_name')).toBe('');
  });

  it('shows each key with its one-line help from the contract', async () => {
    const h = await runScript(VPS);
    for (const key of ['project_name', 'acme_email', 'api_secrets'] as const) {
      const at = h.lines.findIndex((l) => l.startsWith(`${key} (`));
      expect(at, key).toBeGreaterThan(-1);
      expect(h.lines[at + 1]).toBe(FIELDS[key].description);
    }
    expect(asked(h, 'project_name')[0]?.message).toBe('Project name');
  });

  it('offers every preset, with its title', async () => {
    const h = await runScript(VPS);
    const choices = asked(h, 'preset')[0]?.choices ?? [];
    expect(choices.map((c) => c.value)).toContain('vps');
    expect(choices.find((c) => c.value === 'vps')?.name).toMatch(/^vps: Single server/);
  });

  it('dev with file key storage: no key storage provider or secret name is asked, advanced defaults to no', async () => {
    const script = edit(VPS, {
      set: { environment: 'dev', advanced: ENTER, auth_key_storage_backend: 'file', app_public_url: 'http://dev.example.com', api_image: 'ghcr.io/acme/api:main' },
      drop: ['auth_key_storage_provider', 'auth_key_secret_name'],
    });
    const h = await runScript(script);
    expect(asked(h, 'advanced')[0]?.default).toBe(false);
    expect(h.ids).not.toContain('auth_key_secret_name');
    expect(contractOf(h.layers).contract.auth_key_storage_backend).toBe('file');
  });

  it('refuses file key storage in prod at the question: the choice is disabled with the reason', async () => {
    const h = await runScript(VPS);
    const file = asked(h, 'auth_key_storage_backend')[0]?.choices?.find((c) => c.value === 'file');
    expect(file?.disabled).toMatch(/file key storage is only allowed in dev, not prod/);
    const storage = asked(h, 'storage_provider')[0]?.choices ?? [];
    expect(storage.filter((c) => !c.disabled).map((c) => c.value)).toEqual(['s3', 'minio']);
    expect(storage.find((c) => c.value === 'gcs')?.disabled).toMatch(/does not fit the vps target/);
  });

  it('advanced on: the image pins, backup retention; s3_region (asked either way) only with s3; minio_image only with minio', async () => {
    const s3 = await runScript(
      edit(VPS, {
        set: { advanced: true, s3_region: 'eu-central-1' },
        after: { local_redis: [['backup_retention_days', '30'], ['caddy_image', ENTER], ['postgres_image', ENTER], ['redis_image', ENTER]] },
      }),
    );
    expect(s3.ids).not.toContain('minio_image');
    expect(contractOf(s3.layers).contract).toMatchObject({ s3_region: 'eu-central-1', backup_retention_days: 30 });

    const minio = await runScript(
      edit(VPS, {
        set: { advanced: true, storage_provider: 'minio' },
        drop: ['s3_region'],
        after: { local_redis: [['backup_retention_days', ENTER], ['caddy_image', ENTER], ['postgres_image', ENTER], ['redis_image', ENTER], ['minio_image', ENTER]] },
      }),
    );
    expect(minio.ids).not.toContain('s3_region');
    // On vps the target runs MinIO and sets its endpoint: not asked.
    expect(minio.ids).not.toContain('minio_endpoint');
  });

  it('MinIO credentials are required entries only with minio; without --include-secrets no value is asked', async () => {
    const h = await runScript(edit(VPS, { set: { storage_provider: 'minio' }, drop: ['s3_region'] }));
    expect(h.lines).toContain('  api_secrets.MINIO_ACCESS_KEY is required.');
    expect(contractOf(h.layers).answers.api_secrets).toEqual(redacted([...VPS_SECRET_NAMES, 'MINIO_ACCESS_KEY', 'MINIO_SECRET_KEY']));
    const s3 = await runScript(VPS);
    expect(Object.keys(contractOf(s3.layers).answers.api_secrets as object)).not.toContain('MINIO_ACCESS_KEY');
    expect(h.prompter.asked.some((a) => a.kind === 'password')).toBe(false);
  });

  it('a worker image is asked only with the dedicated worker', async () => {
    const h = await runScript(edit(VPS, { set: { enable_worker: false }, drop: ['worker_image'] }));
    expect(h.ids.indexOf('enable_worker')).toBeLessThan(h.ids.indexOf('api_base_url'));
    expect(contractOf(h.layers).contract.enable_worker).toBe(false);
  });
});

describe('a wrong answer is explained and asked again', () => {
  it('re-asks with the schema message, the cross-field rule, or the target rule', async () => {
    const script = edit(VPS, {
      set: { project_name: 'Acme SaaS', app_public_url: 'http://app.example.com', api_image: 'ghcr.io/acme/api:latest' },
      after: {
        project_name: [['project_name', 'acme-saas']],
        api_image: [['api_image', 'ghcr.io/acme/api:1.4.2']],
        app_public_url: [['app_public_url', 'https://app.example.com:8443'], ['app_public_url', 'https://app.example.com']],
        api_public_url: [['api_public_url', 'https://app.example.com'], ['api_public_url', '']],
      },
      drop: [],
    });
    // api_public_url: the first ENTER is replaced by a host equal to the app's, then cleared.
    const fixed = script.filter((s, i) => !(s[0] === 'api_public_url' && s[1] === ENTER && script[i + 1]?.[0] === 'api_public_url'));
    const h = await runScript(fixed);
    const errors = (id: string) => asked(h, id).map((a) => a.error).filter(Boolean);
    expect(errors('project_name')[0]).toMatch(/lower-case letters/);
    expect(errors('api_image')[0]).toMatch(/prod images must be pinned/);
    expect(errors('app_public_url')).toEqual([expect.stringMatching(/must use https in prod/), expect.stringMatching(/must not name a port/)]);
    expect(errors('api_public_url')[0]).toMatch(/different host from app_public_url/);
    expect(contractOf(h.layers).contract.app_public_url).toBe('https://app.example.com');
  });

  it('a number must be a number in range', async () => {
    const h = await runScript(
      edit(VPS, {
        set: { advanced: true },
        after: { local_redis: [['backup_retention_days', 'two weeks'], ['backup_retention_days', '0'], ['backup_retention_days', '21'], ['caddy_image', ENTER], ['postgres_image', ENTER], ['redis_image', ENTER]] },
      }),
    );
    expect(asked(h, 'backup_retention_days').map((a) => a.error)).toEqual(['must be a number', expect.stringMatching(/>=\s*1|at least|too small/i), undefined]);
    expect(contractOf(h.layers).contract.backup_retention_days).toBe(21);
  });

  it('map entries: NAME=value, secrets kept out of plain env, -NAME removes', async () => {
    const h = await runScript(
      edit(VPS, {
        set: { 'api_env.add': 'LOG_LEVEL=info', 'api_secrets.add': 'STRIPE_SECRET_KEY' },
        after: {
          'api_env.add': [
            ['api_env.add', 'DATABASE_URL=postgres://x'],
            ['api_env.add', 'STRIPE_SECRET_KEY=sk'],
            ['api_env.add', 'lower=1'],
            ['api_env.add', 'FEATURE_X=on'],
            ['api_env.add', '-FEATURE_X'],
            ['api_env.add', ENTER],
          ],
          'api_secrets.add': [['api_secrets.add', '-DATABASE_URL'], ['api_secrets.add', ENTER]],
        },
      }),
    );
    const errors = asked(h, 'api_env.add').map((a) => a.error);
    expect(errors[1]).toMatch(/DATABASE_URL must not be plain env/);
    expect(errors[2]).toMatch(/looks like a secret.*api_secrets\.STRIPE_SECRET_KEY/);
    expect(errors[3]).toMatch(/env names must be upper-case/);
    expect(asked(h, 'api_secrets.add').map((a) => a.error)[1]).toMatch(/DATABASE_URL is required and cannot be removed/);
    const { answers } = contractOf(h.layers);
    expect(answers.api_env).toEqual({ LOG_LEVEL: 'info' });
    expect(Object.keys(answers.api_secrets as object).sort()).toEqual([...VPS_SECRET_NAMES, 'STRIPE_SECRET_KEY'].sort());
  });
});

describe('going back from the review', () => {
  it('changing storage_provider to minio asks again only what the change made invalid', async () => {
    const h = await runScript(edit(VPS, { set: { review: 'storage_provider' }, after: { review: [['storage_provider', 'minio'], ['api_secrets.add', ENTER], ['review', ENTER]] } }));
    const afterChange = h.ids.slice(h.ids.indexOf('review') + 1);
    expect(afterChange).toEqual(['storage_provider', 'api_secrets.add', 'review']);
    expect(h.lines.some((l) => l.startsWith('api_secrets needs a new answer: api_secrets.MINIO_ACCESS_KEY: is required when STORAGE_PROVIDER is minio'))).toBe(true);
    expect(contractOf(h.layers).contract.storage_provider).toBe('minio');
  });

  it('dev to prod: file key storage is asked again with the reason, newly relevant keys are asked, the rest kept', async () => {
    const dev = edit(VPS, {
      set: { environment: 'dev', advanced: false, auth_key_storage_backend: 'file', app_public_url: 'https://app.example.com', review: 'environment' },
      drop: ['auth_key_storage_provider', 'auth_key_secret_name'],
      after: { review: [['environment', 'prod'], ['auth_key_storage_backend', 'secret-manager'], ['auth_key_storage_provider', ENTER], ['auth_key_secret_name', ENTER], ['api_secrets.add', ENTER], ['review', ENTER]] },
    });
    const h = await runScript(dev);
    // The secrets the API requires outside dev are newly required entries of api_secrets.
    expect(h.ids.slice(h.ids.indexOf('review') + 1)).toEqual(['environment', 'auth_key_storage_backend', 'auth_key_storage_provider', 'auth_key_secret_name', 'api_secrets.add', 'review']);
    expect(h.lines).toContain('auth_key_storage_backend needs a new answer: file key storage is only allowed in dev, not prod (set auth_key_storage_backend: secret-manager with auth_key_secret_name)');
    expect(h.lines.some((l) => /^api_secrets needs a new answer: api_secrets\.[A-Z_]+: is required outside dev/.test(l))).toBe(true);
    expect(contractOf(h.layers).answers.api_secrets).toEqual(redacted(VPS_SECRET_NAMES));
    expect(contractOf(h.layers).contract).toMatchObject({ environment: 'prod', auth_key_storage_backend: 'secret-manager', project_name: 'acme-saas' });
  });

  it('a change that keeps everything valid asks nothing else; the old answer is the default', async () => {
    const h = await runScript(edit(VPS, { set: { review: 'project_name' }, after: { review: [['project_name', 'acme-two'], ['review', ENTER]] } }));
    expect(asked(h, 'project_name')[1]?.default).toBe('acme-saas');
    expect(contractOf(h.layers).contract.project_name).toBe('acme-two');
  });

  it('an accepted derived default follows its source: a new api_image moves worker_image too', async () => {
    const h = await runScript(edit(VPS, { set: { review: 'api_image' }, after: { review: [['api_image', 'ghcr.io/acme/api:2.0.0'], ['review', ENTER]] } }));
    expect(h.ids.slice(h.ids.indexOf('review') + 1)).toEqual(['api_image', 'review']);
    expect(contractOf(h.layers).contract.worker_image).toBe('ghcr.io/acme/api:2.0.0');
    // Not recorded as an answer, so the written answers file keeps it derived as well.
    expect(h.layers.at(-1)?.values).not.toHaveProperty('worker_image');
  });

  it('a typed worker image that differs from the API image stays as typed', async () => {
    const h = await runScript(edit(VPS, { set: { worker_image: 'ghcr.io/acme/worker:1.4.2', review: 'api_image' }, after: { review: [['api_image', 'ghcr.io/acme/api:2.0.0'], ['review', ENTER]] } }));
    expect(contractOf(h.layers).contract.worker_image).toBe('ghcr.io/acme/worker:1.4.2');
  });

  it('the summary lists every answer, secrets only as set / not set', async () => {
    const h = await runScript(VPS);
    const summary = h.lines.slice(h.lines.findIndex((l) => l.startsWith('Your answers')));
    expect(summary[0]).toBe('Your answers (preset vps, target vps):');
    expect(summary.some((l) => /^ {2}project_name +acme-saas$/.test(l))).toBe(true);
    const secrets = [...VPS_SECRET_NAMES].sort().map((name) => `${name} \\(not set\\)`).join(', ');
    expect(summary.some((l) => new RegExp(`^ {2}api_secrets +${secrets}(\\s|$)`).test(l))).toBe(true);
    expect(summary.some((l) => /^ {2}backup_retention_days +14 +\(advanced, not asked\)$/.test(l))).toBe(true);
  });
});

describe('flags win over prompts', () => {
  const flags: AnswerLayer[] = [
    { source: 'team.yaml', values: { project_name: 'from-file', acme_email: 'ops@example.com', api_env: { LOG_LEVEL: 'info' } } },
    { source: '--preset', values: { preset: 'vps' } },
    { source: '--var', values: { 'api_secrets.DATABASE_URL': 'ref-db' } },
  ];

  it('a key given by a flag is not asked; --preset skips the first question; map entries from flags stay', async () => {
    const h = await runScript(edit(VPS, { drop: ['preset', 'project_name', 'acme_email', 'api_env.add'] }), { layers: flags });
    expect(h.ids).not.toContain('preset');
    const { answers } = contractOf(h.layers);
    expect(answers).toMatchObject({ project_name: 'from-file', api_env: { LOG_LEVEL: 'info' } });
    expect(answers.api_secrets).toEqual({ ...redacted(VPS_SECRET_NAMES), DATABASE_URL: 'ref-db' });
    const summary = h.lines.join('\n');
    expect(summary).toMatch(/project_name +from-file +\(from team\.yaml\)/);
  });

  it('a bad flag fails before any question, listing every problem', async () => {
    // An empty script: any question would fail the test with "unexpected question".
    const error = await runScript([], { layers: [{ source: '--var', values: { preset: 'vps', project_name: 'Bad Name', acme_email: 'nope', nonsense: 1 } }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).problems.map((p) => p.key).sort()).toEqual(['acme_email', 'nonsense', 'project_name']);
  });
});

describe('the previous bundle pre-fills every answer', () => {
  const previous = {
    preset: 'vps',
    environment: 'staging',
    project_name: 'old-name',
    api_image: 'ghcr.io/acme/api:1.0.0',
    web_image: 'ghcr.io/acme/web:1.0.0',
    app_public_url: 'https://old.example.com',
    acme_email: 'old@example.com',
    secrets_provider: 'vault_hcp',
    vault_addr: 'https://vault.example.com:8200',
    storage_bucket_name: 'old-bucket',
    s3_region: 'eu-west-1',
    backup_retention_days: 30,
    api_env: { LOG_LEVEL: 'debug' },
    // The secrets staging needs with Vault, and one the app reads but does not require.
    api_secrets: redacted(['DATABASE_URL', 'REDIS_URL', 'OPENAI_API_KEY', 'SECRET_KEY', 'AUTH_PASSWORD_PEPPER', 'AUTH_REFRESH_TOKEN_PEPPER', 'VAULT_TOKEN', 'AUTH_JWKS_ETAG_SALT']),
  };
  // Vault HCP instead of Infisical: its address, Transit key and namespace instead of the Infisical keys.
  const vaultRun = edit(VPS, {
    drop: ['infisical_base_url', 'infisical_project_id', 'infisical_environment', 'infisical_secret_path', 'infisical_signing_secret_name'],
    after: { storage_bucket_name: [['vault_addr', ENTER], ['vault_transit_key', ENTER], ['vault_namespace', ENTER]] },
  });
  const accept = vaultRun.map(([id]) => [id, id === 'advanced' ? false : ENTER] as Step);

  it('offers the previous answers as defaults; keeps secret names; hidden advanced answers keep their old value', async () => {
    const h = await runScript(accept, { previous });
    expect(asked(h, 'preset')[0]?.default).toBe('vps');
    expect(asked(h, 'environment')[0]?.default).toBe('staging');
    expect(asked(h, 'project_name')[0]?.default).toBe('old-name');
    const { answers, contract } = contractOf(h.layers);
    expect(answers).toMatchObject({ project_name: 'old-name', api_env: { LOG_LEVEL: 'debug' }, backup_retention_days: 30 });
    expect(answers.api_secrets).toEqual(previous.api_secrets);
    expect(contract).toMatchObject({ secrets_provider: 'vault_hcp', vault_addr: 'https://vault.example.com:8200' });
  });

  it('with --include-secrets the redacted values are asked, masked', async () => {
    // The required ones first, then the others the previous bundle names.
    const values = {
      DATABASE_URL: 'db-value',
      REDIS_URL: 'rediss://:redis-pw@redis:6379/0',
      OPENAI_API_KEY: 'sk-value',
      SECRET_KEY: 'secret-key-value',
      AUTH_PASSWORD_PEPPER: 'password-pepper-value',
      AUTH_REFRESH_TOKEN_PEPPER: 'refresh-pepper-value',
      VAULT_TOKEN: 'vault-token-value',
      AUTH_JWKS_ETAG_SALT: 'etag-salt-value',
    };
    const script = edit(accept, { after: { 'api_env.add': [] }, set: {} }).flatMap((s): Step[] =>
      s[0] === 'api_secrets.add' ? [...Object.entries(values).map(([name, value]): Step => [`api_secrets.${name}`, value]), s] : [s],
    );
    const h = await runScript(script, { previous, includeSecrets: true });
    for (const name of Object.keys(values)) expect(asked(h, `api_secrets.${name}`)[0]?.kind, name).toBe('password');
    expect(contractOf(h.layers).answers.api_secrets).toEqual(values);
  });
});

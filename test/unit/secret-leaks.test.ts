/**
 * The secret canary check (no-plain-secrets) means it: it knows which strings are secret values and
 * which are references, never reports a reference, a value equal to its env name, a short value or a
 * word, and still fails a bundle where a planted sentinel value reaches a file outside the secret
 * files. And with External Secrets, a store key that looks like a secret value is refused, naming
 * the key and never the value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { runEmbedded } from '../../src/checks/runner.js';
import { filesOf } from '../../src/checks/types.js';
import { resolveContract } from '../../src/targets/contract.js';
import { secretShape } from '../../src/contract/secret-shapes.js';
import { leakProblems, secretCanaries } from '../../src/targets/shared/invariants.js';
import { TARGETS } from '../targets.js';
import { K8S_ANSWERS, layer, OTHER_ANSWERS, VPS_ANSWERS } from '../fixtures.js';

type Answers = Record<string, unknown>;

function checks(answers: Answers, edit: (files: Map<string, string>) => void = () => undefined, includeSecrets = true) {
  const resolved = resolveContract([layer(answers)]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  const bundle = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets });
  const files = new Map(filesOf(bundle.files));
  edit(files);
  const target = TARGETS[resolved.contract.target];
  return { bundle, result: Object.fromEntries(target.embeddedChecks(resolved.contract).map((c) => [c.id, runEmbedded(c, files)])) };
}

const SELF_REFERENCES = { DATABASE_URL: 'DATABASE_URL', REDIS_URL: 'REDIS_URL' };
const devVps = { ...VPS_ANSWERS, environment: 'dev', secrets_provider: 'vault_dev', auth_key_storage_backend: 'file', api_secrets: { ...SELF_REFERENCES, VAULT_TOKEN: 'VAULT_TOKEN' } };
const devOther = { ...OTHER_ANSWERS, environment: 'dev', api_secrets: SELF_REFERENCES };

describe('no-plain-secrets: references and names are not leaks', () => {
  for (const [name, answers] of [['vps', devVps], ['other', devOther]] as const) {
    it(`${name}: api_secrets whose values are their own names generate without a leak failure`, () => {
      const { result } = checks(answers);
      expect(result['no-plain-secrets']?.status, result['no-plain-secrets']?.detail).toBe('pass');
    });
  }

  it('k8s with External Secrets: store keys are references, they may appear in the values and the answers', () => {
    const { bundle, result } = checks(K8S_ANSWERS);
    expect(result['no-plain-secrets']?.status, result['no-plain-secrets']?.detail).toBe('pass');
    const values = bundle.files.find((f) => f.path.endsWith('values.prod.yaml'))?.content ?? '';
    expect(values).toContain('acme-saas/prod/database-url');
  });

  it('short values, words and the redaction marker are never canaries', () => {
    const canaries = secretCanaries({ api_secrets: { A: 'short', B: 'password', C: '<redacted>', D: 'REDIS_URL', REDIS_URL: 'x', E: 'Production' }, web_secrets: {} }, { references: false });
    expect(canaries).toEqual([]);
    expect(secretCanaries({ api_secrets: { A: 'SENTINEL-long-value' }, web_secrets: {} }, { references: true })).toEqual([]);
    expect(secretCanaries({ api_secrets: { A: 'SENTINEL-long-value' }, web_secrets: {} }, { references: false })).toEqual([{ key: 'api_secrets.A', value: 'SENTINEL-long-value' }]);
  });
});

describe('no-plain-secrets: a real leak still fails', () => {
  const SENTINEL = 'SENTINELleak7f3a9c';
  for (const [name, answers, where] of [
    ['vps', { ...VPS_ANSWERS, api_secrets: { ...(VPS_ANSWERS.api_secrets as Answers), OPENAI_API_KEY: SENTINEL } }, 'README.md'],
    ['other', { ...OTHER_ANSWERS, api_secrets: { ...(OTHER_ANSWERS.api_secrets as Answers), OPENAI_API_KEY: SENTINEL } }, 'env/api.env'],
    ['k8s without External Secrets', { ...K8S_ANSWERS, external_secrets_enabled: false, external_secrets_store: undefined, api_secrets: { ...(K8S_ANSWERS.api_secrets as Answers), OPENAI_API_KEY: SENTINEL } }, 'README.md'],
  ] as const) {
    it(`${name}: the sentinel planted in ${where} fails, naming the key and not the value`, () => {
      const clean = checks(answers as Answers);
      expect(clean.result['no-plain-secrets']?.status, clean.result['no-plain-secrets']?.detail).toBe('pass');
      // The value is in the secret files only (written with --include-secrets).
      const holders = clean.bundle.files.filter((f) => f.content.includes(SENTINEL));
      expect(holders.length).toBeGreaterThan(0);
      for (const f of holders) expect(f.mode, `${f.path} holds a secret value`).toBe(0o600);
      const { result } = checks(answers as Answers, (files) => files.set(where, `${files.get(where) ?? ''}\nleaked: ${SENTINEL}\n`));
      expect(result['no-plain-secrets']?.status).toBe('fail');
      expect(result['no-plain-secrets']?.detail).toContain(`${where} contains the value of api_secrets.OPENAI_API_KEY`);
      expect(result['no-plain-secrets']?.detail).not.toContain(SENTINEL);
    });
  }
});

describe('k8s with External Secrets: a store key that looks like a secret value is refused', () => {
  const shapes: Record<string, string> = {
    'an OpenAI key': 'sk-proj-SENTINELabcdEFGH1234ijklMNOP5678qrstUVWX',
    'a legacy OpenAI key': 'sk-SENTINEL0123456789abcdefABCDEF0123456789',
    'an AWS secret key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSENTINEL0Kz',
    'an AWS access key id': 'AKIAIOSFODNN7SENTINL',
    'a JWT': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJTRU5USU5FTCJ9.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'a PEM block': '-----BEGIN PRIVATE KEY-----SENTINEL',
    'a Stripe key': 'sk_live_SENTINEL4eC39HqLyjWDarjtT1zdp7dc',
    'a Stripe webhook secret': 'whsec_SENTINELMfKQ9r8GKYqrTwjUPD8ILPZIo2',
    'a GitHub token': 'ghp_SENTINEL16C7e42F292c6912E7710c838347Ae',
    'a hex secret': 'a3f1c9e07b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5',
    'a long random string': 'Xk9mQ2vB7nR4tY8wL3pZ6cF1hJ5dG0sA',
  };
  for (const [what, value] of Object.entries(shapes)) {
    it(`${what}`, () => {
      const resolved = resolveContract([layer({ ...K8S_ANSWERS, api_secrets: { ...(K8S_ANSWERS.api_secrets as Answers), OPENAI_API_KEY: value } })]);
      expect(resolved.ok).toBe(false);
      if (resolved.ok) return;
      const problem = resolved.problems.find((p) => p.key === 'api_secrets.OPENAI_API_KEY');
      expect(problem?.message).toMatch(/looks like a secret value/);
      expect(JSON.stringify(resolved.problems)).not.toContain(value);
      expect(JSON.stringify(resolved.problems)).not.toContain('SENTINEL');
    });
  }

  it('keys, paths, ARNs and ids are not mistaken for secrets', () => {
    for (const ref of [
      'acme-saas/prod/database-url',
      'secret/data/acme#database_url',
      'projects/acme-saas-prod/secrets/database-url/versions/latest',
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf',
      'DatabaseUrlForTheProductionApi2024',
      'kv/data/AcmeSaasProductionEnvironment#RedisConnectionUrl',
      '0b9f3c2e-1d4a-4b8e-9c7f-2a6b5d8e1f03',
      'platform/acme/saas-starter/prod/api/DATABASE_URL',
      'sk-prod/openai',
    ]) expect(secretShape(ref), ref).toBeUndefined();
  });

  it('finds many canaries in one pass exactly as searching each one would', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'a', 'b', '\n', 'é'), maxLength: 300 });
    const value = fc.string({ unit: fc.constantFrom('a', 'b', 'a', 'b', 'é'), minLength: 8, maxLength: 11 });
    fc.assert(
      fc.property(text, fc.array(value, { maxLength: 30 }), (content, values) => {
        const canaries = values.map((v, i) => ({ key: `api_secrets.S${i}`, value: v }));
        const files = new Map([['README.md', content]]);
        const expected = canaries.filter((c) => content.includes(c.value)).map((c) => `README.md contains the value of ${c.key} (a secret value outside the secret files)`);
        expect(leakProblems(files, () => false, canaries)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * The chart and the contract cannot drift apart:
 *  - the chart in the bundle is the static chart, byte for byte, and no file of it is forgotten;
 *  - values.schema.json is closed everywhere, values.yaml satisfies it and sets every key it declares,
 *    and every `.Values.x.y` a template reads is declared;
 *  - values generated from many contracts (random, seeded) satisfy the schema, and every key the
 *    generator emits is declared there; the schema's patterns accept everything the contract accepts;
 *  - the env the chart will assemble from the values is exactly the target's env contract.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { filesOf } from '../../src/checks/types.js';
import { runEmbedded } from '../../src/checks/runner.js';
import { CPU_QUANTITY, ENV_NAME, isHostName, MEMORY_QUANTITY } from '../../src/contract/formats.js';
import { resolveContract } from '../../src/targets/contract.js';
import { CHART_DEFAULTS, CHART_DIR, CHART_FILES, VALUES_SCHEMA_TEXT } from '../../src/targets/k8s/chart.js';
import { chartEnvModel, k8sEmbeddedChecks } from '../../src/targets/k8s/checks.js';
import { kubeEnvValue } from '../../src/targets/k8s/manifest-invariants.js';
import { effectiveValues, valuesSchemaProblems } from '../../src/targets/k8s/values-schema.js';
import { chartValues, valuesYaml } from '../../src/targets/k8s/values.js';
import { k8sEnv, k8sView } from '../../src/targets/k8s/view.js';
import { K8S_ANSWERS, layer } from '../fixtures.js';
import { TARGETS } from '../targets.js';

type Json = Record<string, unknown>;
const CHART_SOURCE = join(import.meta.dirname, '..', '..', 'templates', 'k8s', 'chart');
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const VALUES_SCHEMA = JSON.parse(VALUES_SCHEMA_TEXT) as Json;

function contractOf(values: Json) {
  const result = resolveContract([layer(values)]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.contract;
}

/** Follow `$ref`s of the chart schema. */
function deref(node: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  return deref(obj(obj(VALUES_SCHEMA.definitions)[ref.replace('#/definitions/', '')]));
}

/** The schema node that describes a path of keys, or undefined when the schema does not declare it. */
function schemaAt(path: readonly string[]): Json | undefined {
  let node = deref(VALUES_SCHEMA);
  for (const key of path) {
    const props = obj(node.properties);
    if (Object.hasOwn(props, key)) node = deref(obj(props[key]));
    else if (node.additionalProperties && typeof node.additionalProperties === 'object') node = deref(obj(node.additionalProperties));
    else return undefined;
  }
  return node;
}

/** Every key path in a values object (objects only; list items are covered by the schema's items). */
function keyPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Json).flatMap(([k, v]) => [[...prefix, k], ...keyPaths(v, [...prefix, k])]);
}

describe('the chart in the bundle', () => {
  it('lists every file under templates/k8s/chart, and the plan copies each byte for byte', () => {
    const onDisk = readdirSync(CHART_SOURCE, { recursive: true, encoding: 'utf8' })
      .filter((p) => statSync(join(CHART_SOURCE, p)).isFile())
      .map((p) => p.split('\\').join('/'))
      .sort();
    expect(Object.keys(CHART_FILES).sort()).toEqual(onDisk);
    const contract = contractOf(K8S_ANSWERS);
    const resolved = resolveContract([layer(K8S_ANSWERS)]);
    if (!resolved.ok) throw new Error('unreachable');
    const files = filesOf(buildBundle({ contract, target: TARGETS[contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: false }).files);
    for (const path of onDisk) expect(files.get(`${CHART_DIR}/${path}`), path).toBe(readFileSync(join(CHART_SOURCE, path), 'utf8'));
  });
});

describe('values.schema.json', () => {
  it('closes every object: unknown keys are errors, maps say what their values are', () => {
    const open: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (!node || typeof node !== 'object') return;
      const n = node as Json;
      if (n.type === 'object' && (n.additionalProperties === undefined || n.additionalProperties === true)) open.push(where);
      for (const [k, v] of Object.entries(n)) walk(v, `${where}/${k}`);
    };
    walk(VALUES_SCHEMA, '#');
    expect(open).toEqual([]);
  });

  it('accepts values.yaml, which sets every key the schema declares', () => {
    expect(valuesSchemaProblems(CHART_DEFAULTS)).toEqual([]);
    const missing: string[] = [];
    const walk = (node: Json, value: unknown, path: string[]): void => {
      for (const [key, child] of Object.entries(obj(node.properties))) {
        const v = obj(value)[key];
        if (v === undefined) missing.push([...path, key].join('.'));
        else walk(deref(obj(child)), v, [...path, key]);
      }
    };
    walk(deref(VALUES_SCHEMA), CHART_DEFAULTS, []);
    expect(missing).toEqual([]);
  });

  it('declares every .Values path a template reads', () => {
    const undeclared: string[] = [];
    for (const [path, text] of Object.entries(CHART_FILES)) {
      for (const match of text.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        const keys = (match[1] ?? '').slice(1).split('.');
        if (!schemaAt(keys)) undeclared.push(`${path}: .Values.${keys.join('.')}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('uses the contract formats: env names, hosts and quantities the contract accepts are accepted', () => {
    const defs = obj(VALUES_SCHEMA.definitions);
    expect(obj(obj(defs.plainEnv).propertyNames).pattern).toBe(ENV_NAME.source);
    expect(obj(obj(defs.resourceList).properties).cpu).toEqual({ type: 'string', pattern: CPU_QUANTITY.source });
    expect(obj(obj(defs.resourceList).properties).memory).toEqual({ type: 'string', pattern: MEMORY_QUANTITY.source });
    const hostPattern = new RegExp(String(obj(obj(defs.hostList).items).pattern), 'u');
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.string({ maxLength: 20 })), (host) => {
        if (isHostName(host)) expect(hostPattern.test(host), host).toBe(true);
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Values generated from many contracts

const envValue = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '$', '(', ')', '"', "'", '#', ':', '-', 'é', '中', 'y', 'e', 's', 'o', 'n'), maxLength: 12 });
const envName = fc.constantFrom('ON', 'Y', 'NO', 'FEATURE_X', 'LOG_LEVEL', 'TZ');
const quantity = fc.record({ cpu: fc.constantFrom('100m', '250m', '1', '0.5'), memory: fc.constantFrom('128Mi', '1Gi', '512M') });
const contracts = fc.record({
  enable_worker: fc.boolean(),
  external_secrets_enabled: fc.boolean(),
  ingress_enabled: fc.boolean(),
  api: fc.boolean(),
  issuer: fc.boolean(),
  autoscaling_enabled: fc.boolean(),
  https: fc.boolean(),
  api_replicas: fc.integer({ min: 1, max: 100 }),
  worker_replicas: fc.integer({ min: 1, max: 3 }),
  env: fc.dictionary(envName, envValue, { maxKeys: 4 }),
  webSecrets: fc.boolean(),
  resources: fc.record({ requests: quantity, limits: fc.constant({ cpu: '2', memory: '2Gi' }) }),
  digest: fc.boolean(),
  migrations_job: fc.boolean(),
});

type Sample = typeof contracts extends fc.Arbitrary<infer T> ? T : never;

function sampleAnswers(s: Sample): Json {
  const answers: Json = {
    ...K8S_ANSWERS,
    environment: s.https ? 'prod' : 'dev',
    app_public_url: s.https ? 'https://app.example.com' : 'http://app.example.com',
    enable_worker: s.enable_worker,
    migrations_job: s.migrations_job,
    external_secrets_enabled: s.external_secrets_enabled,
    ingress_enabled: s.ingress_enabled,
    autoscaling_enabled: s.autoscaling_enabled,
    api_replicas: s.api_replicas,
    worker_replicas: s.worker_replicas,
    api_env: s.env,
    api_resources: s.resources,
    web_image: s.digest ? `ghcr.io/acme/web@sha256:${'ab'.repeat(32)}` : 'ghcr.io/acme/web:1.0.0',
  };
  if (s.ingress_enabled && s.api) answers.api_hosts = ['api.example.com'];
  if (s.ingress_enabled && s.issuer) answers.tls_cluster_issuer = 'letsencrypt';
  if (!s.external_secrets_enabled) {
    delete answers.external_secrets_store;
    answers.api_secrets = {
      DATABASE_URL: 'postgresql+asyncpg://u:p@db/x',
      // Outside dev the API takes Redis only over TLS with a password.
      REDIS_URL: s.https ? 'rediss://:p@r:6379/0' : 'redis://r:6379/0',
      OPENAI_API_KEY: 'sk-test',
      SECRET_KEY: 'secret key value',
      AUTH_PASSWORD_PEPPER: 'password pepper value',
      AUTH_REFRESH_TOKEN_PEPPER: 'refresh pepper value',
    };
    if (s.webSecrets) answers.web_secrets = { SESSION_SECRET: 'session value' };
  } else if (s.webSecrets) {
    answers.web_secrets = { SESSION_SECRET: 'acme/prod#session' };
  }
  return answers;
}

describe('values generated from the contract', () => {
  it('satisfy values.schema.json, declare nothing it does not, read back exactly, and carry the env contract', () => {
    fc.assert(
      fc.property(contracts, (sample) => {
        const contract = contractOf(sampleAnswers(sample));
        const values = chartValues(k8sView(contract)) as unknown as Json;
        for (const path of keyPaths(values)) expect(schemaAt(path), `values key ${path.join('.')} is not in values.schema.json`).toBeDefined();
        const text = valuesYaml('values.yaml', ['test'], values);
        const back = obj(parseYaml(text, { version: '1.1' }));
        expect(back).toEqual(JSON.parse(JSON.stringify(values)));
        expect(valuesSchemaProblems(effectiveValues(back))).toEqual([]);
        const model = chartEnvModel(back);
        const env = k8sEnv(contract);
        const asMap = (vars: readonly { name: string; value: string }[]) => Object.fromEntries(vars.map((v) => [v.name, v.value]));
        expect(model.api).toEqual(asMap(env.api));
        expect(model.web).toEqual(asMap(env.web));
        expect(model.worker).toEqual(env.worker ? asMap(env.worker) : undefined);
        expect(obj(back.migrations)).toEqual({ enabled: sample.migrations_job });
      }),
      { seed: 20_260_101, numRuns: 80 },
    );
  });

  it('give the API false/false/dedicated and the worker true/true/dedicated when the worker is on; the API true/true/inline otherwise', () => {
    const flags = (env: Json) => [env.ENABLE_BILLING_RETRY_WORKER, env.ENABLE_BILLING_STREAM_REPLAY, env.BILLING_RETRY_DEPLOYMENT_MODE];
    const dedicated = chartEnvModel(chartValues(k8sView(contractOf(K8S_ANSWERS))) as unknown as Json);
    expect(flags(dedicated.api)).toEqual(['false', 'false', 'dedicated']);
    expect(flags(obj(dedicated.worker))).toEqual(['true', 'true', 'dedicated']);
    const inline = chartEnvModel(chartValues(k8sView(contractOf({ ...K8S_ANSWERS, enable_worker: false }))) as unknown as Json);
    expect(flags(inline.api)).toEqual(['true', 'true', 'inline']);
    expect(inline.worker).toBeUndefined();
  });

  it('write migrations.enabled from migrations_job (on by default), and nothing else of the Job: the chart owns its defaults', () => {
    const values = (extra: Json) => chartValues(k8sView(contractOf({ ...K8S_ANSWERS, ...extra }))) as unknown as Json;
    expect(values({}).migrations).toEqual({ enabled: true });
    expect(values({ migrations_job: false }).migrations).toEqual({ enabled: false });
    expect(effectiveValues(values({})).migrations).toMatchObject({ enabled: true, backoffLimit: 1, activeDeadlineSeconds: 300 });
    expect(k8sView(contractOf(K8S_ANSWERS)).migrations).toEqual({
      enabled: true,
      job: 'acme-saas-migrate',
      copy: 'acme-saas-migrations',
      command: ['alembic', '-c', 'alembic.ini', 'upgrade', 'heads'],
    });
  });

  it('quote what Helm would read as something else (YAML 1.1 booleans, Go numbers) in keys and values', () => {
    const text = valuesYaml('v.yaml', [], { api: { env: { ON: 'yes', Y: 'n', N: '0o17', B: '0b101', U: '1_000', T: '1:20', E: '' } } });
    expect(text).toContain('"ON": "yes"');
    expect(text).toContain('"N": "0o17"');
    expect(text).toContain('U: "1_000"');
    expect(obj(obj(parseYaml(text, { version: '1.1' })).api)).toEqual({ env: { ON: 'yes', Y: 'n', N: '0o17', B: '0b101', U: '1_000', T: '1:20', E: '' } });
  });
});

describe('embedded checks of a k8s bundle', () => {
  const resolved = resolveContract([layer(K8S_ANSWERS)]);
  if (!resolved.ok) throw new Error('fixture');
  const bundle = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: false });
  const valuesPath = `${CHART_DIR}/values.prod.yaml`;
  const run = (edit: (s: string) => string) => {
    const files = new Map(filesOf(bundle.files));
    files.set(valuesPath, edit(files.get(valuesPath) ?? ''));
    return Object.fromEntries(k8sEmbeddedChecks(resolved.contract).map((c) => [c.id, runEmbedded(c, files)]));
  };

  it('pass on the generated bundle', () => {
    expect(Object.values(run((s) => s)).map((r) => `${r.id}: ${r.status} ${r.detail}`)).toEqual([
      'helm-values-schema: pass ok',
      'helm-values-contract: pass ok',
      'no-plain-secrets: pass ok',
      'app-env: pass ok',
    ]);
  });

  it('catch an unknown key and a wrong type through the schema', () => {
    const result = run((s) => s.replace('  replicaCount: 2\n', '  replicaCount: "two"\n  replicas: 2\n'));
    expect(result['helm-values-schema']?.status).toBe('fail');
    expect(result['helm-values-schema']?.detail).toMatch(/must NOT have additional properties \(replicas\)/);
    expect(result['helm-values-schema']?.detail).toMatch(/\/api\/replicaCount must be integer/);
  });

  it('catch values that would put the API back on billing replay while the worker runs', () => {
    const result = run((s) => s.replace('    ALLOWED_HOSTS:', '    ENABLE_BILLING_STREAM_REPLAY: "true"\n    ALLOWED_HOSTS:'));
    expect(result['helm-values-contract']?.detail).toMatch(/api env: ENABLE_BILLING_STREAM_REPLAY would be "true", expected "false"/);
  });

  it('catch migrations.enabled that does not follow migrations_job', () => {
    const result = run((s) => s.replace('migrations:\n  enabled: true', 'migrations:\n  enabled: false'));
    expect(result['helm-values-schema']?.status).toBe('pass');
    expect(result['helm-values-contract']?.detail).toMatch(/migrations.enabled is false, expected true \(migrations_job\)/);
  });

  it('catch DATABASE_URL as plain env', () => {
    const result = run((s) => s.replace('    ALLOWED_HOSTS:', '    DATABASE_URL: "postgresql://u:p@db/x"\n    ALLOWED_HOSTS:'));
    expect(result['helm-values-schema']?.status).toBe('fail');
    expect(result['helm-values-contract']?.detail).toMatch(/api.env sets DATABASE_URL in plain text/);
    expect(result['no-plain-secrets']?.detail).toMatch(/sets DATABASE_URL outside a secret file/);
  });
});

describe('kubeEnvValue', () => {
  it('reads env values as the kubelet does: $$ is $, an unknown $(NAME) stays', () => {
    expect(kubeEnvValue('a$$b')).toBe('a$b');
    expect(kubeEnvValue('$$(HOME)')).toBe('$(HOME)');
    expect(kubeEnvValue('costs $$$$5')).toBe('costs $$5');
    expect(kubeEnvValue('trailing $')).toBe('trailing $');
  });
});

describe('secrets in a k8s bundle', () => {
  const build = (values: Json, includeSecrets = false) => {
    const resolved = resolveContract([layer(values)]);
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
    return buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets });
  };

  it('with External Secrets the answers file keeps the store keys (references), so it reproduces the bundle', () => {
    const bundle = build(K8S_ANSWERS);
    const answers = filesOf(bundle.files).get('starter-answers.yaml') ?? '';
    expect(answers).toContain('DATABASE_URL: acme-saas/prod/database-url');
    expect(answers).not.toContain('<redacted>');
    const again = resolveContract([layer(obj(parseYaml(answers)))]);
    expect(again.ok).toBe(true);
    if (again.ok) expect(buildBundle({ contract: again.contract, target: TARGETS[again.contract.target], preset: again.preset, answers: again.answers, version: 'test', includeSecrets: false }).files).toEqual(bundle.files);
  });

  it('without External Secrets the values are redacted and written only with --include-secrets, 0600', () => {
    const apiSecrets = {
      DATABASE_URL: 'postgresql+asyncpg://u:sentinel-db@db/x',
      REDIS_URL: 'rediss://:sentinel-redis@r:6380/0',
      OPENAI_API_KEY: 'sentinel-openai',
      SECRET_KEY: 'sentinel-secret-key',
      AUTH_PASSWORD_PEPPER: 'sentinel-password-pepper',
      AUTH_REFRESH_TOKEN_PEPPER: 'sentinel-refresh-pepper',
    };
    const values = { ...K8S_ANSWERS, external_secrets_enabled: false, external_secrets_store: null, api_secrets: apiSecrets };
    const without = filesOf(build(values).files);
    for (const name of Object.keys(apiSecrets)) expect(without.get('starter-answers.yaml')).toContain(`${name}: <redacted>`);
    expect(without.has('ops/charts/secrets/values.prod.yaml')).toBe(false);
    expect(without.get('ops/charts/secrets/values.prod.yaml.example')).toContain('"DATABASE_URL": ""');
    expect(without.get('ops/charts/secrets/.gitignore')).toContain('*.yaml');
    for (const [path, content] of without) expect(content, path).not.toMatch(/sentinel/);
    const withSecrets = build(values, true).files;
    const secret = withSecrets.find((f) => f.path === 'ops/charts/secrets/values.prod.yaml');
    expect(secret).toMatchObject({ kind: 'secret', mode: 0o600 });
    expect(obj(parseYaml(secret?.content ?? '', { version: '1.1' }))).toEqual({ api: { secrets: apiSecrets } });
    for (const f of withSecrets) if (f !== secret) expect(f.content, f.path).not.toMatch(/sentinel/);
  });
});

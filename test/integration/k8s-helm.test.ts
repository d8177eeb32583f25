/**
 * The Kubernetes bundle under the real Helm: the rendered topology (billing flags, BFF routing), the
 * chart's schema rejecting bad values through `helm lint`, the checks catching a tampered chart, plain
 * secrets, env values of any shape reaching the container unchanged (a property, seeded), and the
 * migrations hook Job (its hooks, command, env and hook copy of the Secret; none with migrations_job off).
 * A missing helm skips visibly; with REQUIRE_REAL_TOOLS=1 it fails.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import type { PlannedFile } from '../../src/bundle/plan.js';
import { parseManifests, schemaProblems, type Manifest } from '../../src/checks/embedded/kubernetes.js';
import { runChecks } from '../../src/checks/runner.js';
import { resolveContract } from '../../src/targets/contract.js';
import { CHART_DIR } from '../../src/targets/k8s/chart.js';
import { kubeEnvValue } from '../../src/targets/k8s/manifest-invariants.js';
import { TARGETS } from '../targets.js';
import { K8S_ANSWERS, layer } from '../fixtures.js';
import { CHECK_SCRATCH, requireOrSkip, runTool, scratchDir, writeTree } from '../real-tools.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

/** Secret values (no External Secrets): every one the API needs in prod, each with a sentinel that must not leak. */
const PLAIN_API_SECRETS = {
  DATABASE_URL: 'postgresql+asyncpg://u:sentinel-pw@db/x',
  REDIS_URL: 'rediss://:sentinel-redis@r:6380/0',
  OPENAI_API_KEY: 'sentinel-openai',
  SECRET_KEY: 'sentinel-secret-key',
  AUTH_PASSWORD_PEPPER: 'sentinel-password-pepper',
  AUTH_REFRESH_TOKEN_PEPPER: 'sentinel-refresh-pepper',
};

function bundleOf(values: Json, includeSecrets = false) {
  const resolved = resolveContract([layer(values)]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems, null, 2));
  const { files } = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets });
  return { contract: resolved.contract, files };
}

const edit = (files: PlannedFile[], path: string, change: (s: string) => string) => files.map((f) => (f.path === path ? { ...f, content: change(f.content) } : f));

async function checks(bundle: ReturnType<typeof bundleOf>, files = bundle.files) {
  const target = TARGETS.k8s;
  const run = await runChecks({ files, embedded: target.embeddedChecks(bundle.contract), tools: target.toolChecks(bundle.contract), requireTools: true, scratch: CHECK_SCRATCH });
  return Object.fromEntries(run.results.map((r) => [r.id, r]));
}

const podOf = (doc: Manifest | undefined): Json => obj(obj(obj(doc?.spec).template).spec);
const containerOf = (doc: Manifest | undefined): Json => list(podOf(doc).containers)[0] ?? {};
const annotationsOf = (doc: Manifest | undefined): Json => obj(obj(doc?.metadata).annotations);
const HOOK = 'helm.sh/hook';

/** Every env entry of a container with the Secret it reads, the Secret's name replaced by `<secret>`. */
function envEntries(doc: Manifest | undefined, secretName: string): unknown[] {
  return list(containerOf(doc).env).map((e) => {
    const ref = obj(obj(e.valueFrom).secretKeyRef);
    if (!e.valueFrom) return e;
    expect(ref.name, `${String(e.name)} is read from ${String(ref.name)}`).toBe(secretName);
    return { ...e, valueFrom: { secretKeyRef: { ...ref, name: '<secret>' } } };
  });
}

function containerEnv(doc: Manifest | undefined): Record<string, string> {
  const container = containerOf(doc);
  return Object.fromEntries(list(container.env).filter((e) => typeof e.value === 'string').map((e) => [String(e.name), kubeEnvValue(String(e.value))]));
}

const gate = requireOrSkip('helm');

describe.skipIf(gate.skip)(`the k8s bundle under the real helm${gate.label}`, () => {
  let helm: string;
  const scratch: string[] = [];
  beforeAll(() => {
    helm = gate.path('helm');
  });
  afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

  async function template(files: readonly PlannedFile[], valueFiles: readonly string[], extra: { path: string; content: string }[] = []) {
    const dir = scratchDir('k8s-helm');
    scratch.push(dir);
    writeTree(dir, [...files, ...extra]);
    const run = await runTool(helm, ['template', 'acme-saas', CHART_DIR, '--namespace', 'acme-saas', ...valueFiles.flatMap((f) => ['-f', f])], { cwd: dir });
    const parsed = run.exitCode === 0 ? parseManifests(run.stdout) : { docs: [], problems: [] };
    const find = (kind: string, name: string) => parsed.docs.find((d) => d.kind === kind && d.metadata?.name === name);
    return { ...run, ...parsed, find };
  }

  it('renders the dedicated worker topology: api false/false/dedicated, worker true/true/dedicated, and /api to the web app', async () => {
    const bundle = bundleOf({ ...K8S_ANSWERS, ingress_hosts: ['app.example.com', 'www.example.com'], api_hosts: ['api.example.com'] });
    const r = await template(bundle.files, [`${CHART_DIR}/values.prod.yaml`]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await schemaProblems(r.docs)).toEqual([]);
    const flags = (env: Record<string, string>) => [env.ENABLE_BILLING_RETRY_WORKER, env.ENABLE_BILLING_STREAM_REPLAY, env.BILLING_RETRY_DEPLOYMENT_MODE];
    expect(flags(containerEnv(r.find('Deployment', 'acme-saas-api')))).toEqual(['false', 'false', 'dedicated']);
    expect(flags(containerEnv(r.find('Deployment', 'acme-saas-worker')))).toEqual(['true', 'true', 'dedicated']);
    // The worker runs with the API's own env (only the billing flags differ).
    const { ENABLE_BILLING_RETRY_WORKER: _a, ENABLE_BILLING_STREAM_REPLAY: _b, BILLING_RETRY_DEPLOYMENT_MODE: _c, ...apiRest } = containerEnv(r.find('Deployment', 'acme-saas-api'));
    expect(containerEnv(r.find('Deployment', 'acme-saas-worker'))).toMatchObject(apiRest);

    const routes = (name: string) =>
      list(obj(r.find('Ingress', name)?.spec).rules).flatMap((rule) =>
        list(obj(rule.http).paths).map((p) => `${String(rule.host)}${String(p.path)} ${String(p.pathType)} -> ${String(obj(obj(p.backend).service).name)}`),
      );
    expect(routes('acme-saas')).toEqual([
      'app.example.com/api Prefix -> acme-saas-web',
      'app.example.com/ Prefix -> acme-saas-web',
      'www.example.com/api Prefix -> acme-saas-web',
      'www.example.com/ Prefix -> acme-saas-web',
    ]);
    expect(routes('acme-saas-api')).toEqual(['api.example.com/ Prefix -> acme-saas-api']);
  });

  it('renders the single-process topology without a worker: api true/true/inline', async () => {
    const r = await template(bundleOf({ ...K8S_ANSWERS, enable_worker: false }).files, [`${CHART_DIR}/values.prod.yaml`]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(containerEnv(r.find('Deployment', 'acme-saas-api'))).toMatchObject({ ENABLE_BILLING_RETRY_WORKER: 'true', ENABLE_BILLING_STREAM_REPLAY: 'true', BILLING_RETRY_DEPLOYMENT_MODE: 'inline' });
    expect(r.find('Deployment', 'acme-saas-worker')).toBeUndefined();
  });

  it('lets an explicit value override the API flags (seed R4: "unless explicitly overridden"), and the checks then flag it', async () => {
    const bundle = bundleOf(K8S_ANSWERS);
    const own = { path: 'own.yaml', content: 'api:\n  env:\n    ENABLE_BILLING_RETRY_WORKER: "true"\n' };
    const r = await template(bundle.files, [`${CHART_DIR}/values.prod.yaml`, 'own.yaml'], [own]);
    expect(containerEnv(r.find('Deployment', 'acme-saas-api')).ENABLE_BILLING_RETRY_WORKER).toBe('true');
    const tampered = edit(bundle.files, `${CHART_DIR}/values.prod.yaml`, (s) => s.replace('    ALLOWED_HOSTS:', '    ENABLE_BILLING_RETRY_WORKER: "true"\n    ALLOWED_HOSTS:'));
    const byId = await checks(bundle, tampered);
    expect(byId['helm-template']?.detail).toMatch(/Deployment\/acme-saas-api: ENABLE_BILLING_RETRY_WORKER is "true", expected false/);
  });

  it.each([
    ['an unknown key', (s: string) => s.replace('fullnameOverride:', 'fullnameOverrides: "x"\nfullnameOverride:'), /Additional property fullnameOverrides is not allowed/],
    ['a wrong type', (s: string) => s.replace('  replicaCount: 2\n', '  replicaCount: "two"\n'), /replicaCount: Invalid type\. Expected: integer, given: string/],
    ['DATABASE_URL as plain env', (s: string) => s.replace('    ALLOWED_HOSTS:', '    DATABASE_URL: "postgresql://u:p@db/x"\n    ALLOWED_HOSTS:'), /Property name of "DATABASE_URL" does not match/],
    ['an enabled ingress without hosts', (s: string) => s.replace(/  hosts:\n    - "app.example.com"\n/, '  hosts: []\n'), /hosts: Array must have at least 1 items/],
  ])('helm lint --strict rejects %s through values.schema.json', async (_what, change, message) => {
    const bundle = bundleOf(K8S_ANSWERS);
    const byId = await checks(bundle, edit(bundle.files, `${CHART_DIR}/values.prod.yaml`, change));
    expect(byId['helm-lint']?.status).toBe('fail');
    expect(byId['helm-lint']?.detail).toMatch(message);
    expect(byId['helm-values-schema']?.status).toBe('fail');
  });

  it.each([
    ['/api routed to the API on the app host', 'templates/ingress.yaml', (s: string) => s.replace('          - path: /api\n            pathType: Prefix\n            backend:\n              service:\n                name: {{ $full }}-web', '          - path: /api\n            pathType: Prefix\n            backend:\n              service:\n                name: {{ $full }}-api'), /Ingress\/acme-saas: app\.example\.com\/api goes to acme-saas-api, expected acme-saas-web/],
    ['a pod allowed to run as root', 'templates/_helpers.tpl', (s: string) => s.replace('runAsNonRoot: true\nrunAsUser:', 'runAsUser:'), /the pod does not set runAsNonRoot: true/],
    ['the replay flag left on in the API', 'templates/_helpers.tpl', (s: string) => s.replace('"ENABLE_BILLING_STREAM_REPLAY" "false"', '"ENABLE_BILLING_STREAM_REPLAY" "true"'), /acme-saas-api: ENABLE_BILLING_STREAM_REPLAY is "true", expected false/],
    ['a missing readiness probe', 'templates/_helpers.tpl', (s: string) => s.replace('readinessProbe:', 'readinessProbeX:'), /readinessProbe must GET \/health\/ready/],
    ['the hook copy of the Secret deleted on success', 'templates/migrations-job.yaml', (s: string) => s.replace('"helm.sh/hook-delete-policy" "before-hook-creation" }}', '"helm.sh/hook-delete-policy" "before-hook-creation,hook-succeeded" }}'), /ExternalSecret\/acme-saas-migrations: annotation helm\.sh\/hook-delete-policy is "before-hook-creation,hook-succeeded", expected "before-hook-creation"/],
    ['a migrations Job that reads the release\'s Secret', 'templates/migrations-job.yaml', (s: string) => s.replace('"secretName" $name)', '"secretName" (printf "%s-api" $full))'), /Job\/acme-saas-migrate: env DATABASE_URL is neither a plain value nor key DATABASE_URL of Secret acme-saas-migrations/],
    ['another migration command', 'templates/migrations-job.yaml', (s: string) => s.replace('"upgrade", "heads"]', '"upgrade", "head"]'), /Job\/acme-saas-migrate: command is \["alembic","-c","alembic.ini","upgrade","head"\]/],
    ['a migrations Job running after the rollout', 'templates/migrations-job.yaml', (s: string) => s.replace('helm.sh/hook: pre-install,pre-upgrade\n    helm.sh/hook-weight: "0"', 'helm.sh/hook: post-install,post-upgrade\n    helm.sh/hook-weight: "0"'), /Job\/acme-saas-migrate: annotation helm\.sh\/hook is "post-install,post-upgrade"/],
    ['a migrations pod the API Service selects', 'templates/migrations-job.yaml', (s: string) => s.replace('{{- $ctx := dict "root" . "component" "migrations" }}', '{{- $ctx := dict "root" . "component" "api" }}'), /Job\/acme-saas-migrate: its pod matches the selector of Service\/acme-saas-api/],
    ['a migrations container with a writable root filesystem', 'templates/migrations-job.yaml', (s: string) => s.replace('{{- include "starter.containerSecurityContext" . | nindent 12 }}', 'readOnlyRootFilesystem: false'), /Job\/acme-saas-migrate: readOnlyRootFilesystem is not true/],
    ['a wrong type in a manifest', 'templates/api-service.yaml', (s: string) => s.replace('port: {{ .Values.api.service.port }}', 'port: "{{ .Values.api.service.port }}"'), /Service\/acme-saas-api: \/spec\/ports\/0\/port must be integer/],
  ])('helm template output fails the checks with %s', async (_what, path, change, message) => {
    const bundle = bundleOf(K8S_ANSWERS);
    const byId = await checks(bundle, edit(bundle.files, `${CHART_DIR}/${path}`, change));
    expect(byId['helm-template']?.status).toBe('fail');
    expect(byId['helm-template']?.detail).toMatch(message);
  });

  it('plain Secrets: the chart refuses to render without the secret values, and renders them with --include-secrets', async () => {
    const values = { ...K8S_ANSWERS, external_secrets_enabled: false, external_secrets_store: null, api_secrets: PLAIN_API_SECRETS };
    const without = await template(bundleOf(values).files, [`${CHART_DIR}/values.prod.yaml`]);
    expect(without.exitCode).not.toBe(0);
    expect(without.stderr).toMatch(/the api reads DATABASE_URL from its Secret: add it to api.secrets/);
    const withSecrets = bundleOf(values, true);
    const secretsFile = withSecrets.files.find((f) => f.path === 'ops/charts/secrets/values.prod.yaml');
    expect(secretsFile).toMatchObject({ kind: 'secret', mode: 0o600 });
    const r = await template(withSecrets.files, [`${CHART_DIR}/values.prod.yaml`, 'ops/charts/secrets/values.prod.yaml']);
    expect(r.exitCode, r.stderr).toBe(0);
    const data = obj(r.find('Secret', 'acme-saas-api')?.data);
    for (const [name, value] of Object.entries(PLAIN_API_SECRETS)) expect(Buffer.from(String(data[name]), 'base64').toString(), name).toBe(value);
    expect(r.find('ExternalSecret', 'acme-saas-api')).toBeUndefined();
    // Only the 0600 secret values file carries the value.
    for (const f of withSecrets.files) if (f.path !== 'ops/charts/secrets/values.prod.yaml') expect(f.content, f.path).not.toMatch(/sentinel/);
  });

  it('delivers env values of any shape to the container unchanged ($, $(NAME), quotes, YAML 1.1 words, Unicode)', async () => {
    const units = ['$', '$$', '$(HOME)', '$(', ')', '"', "'", '\\', '#', ': ', '- ', 'yes', 'on', '0o17', '~', 'null', '{', '}', '[', ']', '&a', '*a', '!', '%', '@', '`', ' ', 'é', '中', '😀', 'a', 'Z', '0'];
    const value = fc.string({ unit: fc.constantFrom(...units), minLength: 1, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 12, maxLength: 12 }), async (values) => {
        const apiEnv = Object.fromEntries(values.map((v, i) => [`PROP_${String(i).padStart(2, '0')}`, v]));
        const bundle = bundleOf({ ...K8S_ANSWERS, api_env: { ...apiEnv, ON: 'yes', N: 'no' } });
        const r = await template(bundle.files, [`${CHART_DIR}/values.prod.yaml`]);
        expect(r.exitCode, r.stderr).toBe(0);
        expect(await schemaProblems(r.docs)).toEqual([]);
        expect(containerEnv(r.find('Deployment', 'acme-saas-api'))).toMatchObject({ ...apiEnv, ON: 'yes', N: 'no' });
        expect(containerEnv(r.find('Deployment', 'acme-saas-worker'))).toMatchObject(apiEnv);
        expect(containerEnv(r.find('Job', 'acme-saas-migrate'))).toEqual(containerEnv(r.find('Deployment', 'acme-saas-api')));
      }),
      { seed: 20_260_404, numRuns: 8 },
    );
  });

  it('runs the migrations as a pre-install/pre-upgrade hook Job with the API\'s image and env, reading a hook copy of the ExternalSecret', async () => {
    const r = await template(bundleOf(K8S_ANSWERS).files, [`${CHART_DIR}/values.prod.yaml`]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await schemaProblems(r.docs)).toEqual([]);
    const job = r.find('Job', 'acme-saas-migrate');
    const api = r.find('Deployment', 'acme-saas-api');
    expect(annotationsOf(job)).toEqual({ [HOOK]: 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '0', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    expect(obj(job?.spec)).toMatchObject({ backoffLimit: 1, activeDeadlineSeconds: 300 });
    const pod = podOf(job);
    expect(pod).toMatchObject({ restartPolicy: 'Never', automountServiceAccountToken: false, serviceAccountName: 'acme-saas-migrations', securityContext: podOf(api).securityContext });
    const container = containerOf(job);
    expect(container.command).toEqual(['alembic', '-c', 'alembic.ini', 'upgrade', 'heads']);
    expect(container.args).toBeUndefined();
    expect(container.workingDir).toBeUndefined();
    expect(container.image).toBe(containerOf(api).image);
    expect(container.securityContext).toEqual(containerOf(api).securityContext);
    expect(container.volumeMounts).toEqual([{ name: 'scratch-0', mountPath: '/tmp' }]);
    // The same env, plain and secret, as the API; only the Secret it reads differs (the hook copy).
    expect(envEntries(job, 'acme-saas-migrations')).toEqual(envEntries(api, 'acme-saas-api'));
    expect(containerEnv(job)).toMatchObject({ AUTO_RUN_MIGRATIONS: 'false', ENABLE_BILLING_RETRY_WORKER: 'false' });
    expect(containerEnv(job)).not.toHaveProperty('DATABASE_URL');
    // The hook copy: created first, kept after success (a hook-succeeded copy would be gone before the Job runs).
    const copy = r.find('ExternalSecret', 'acme-saas-migrations');
    expect(annotationsOf(copy)).toEqual({ [HOOK]: 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation' });
    const apiSecret = obj(r.find('ExternalSecret', 'acme-saas-api')?.spec);
    expect(obj(copy?.spec)).toEqual({ ...apiSecret, target: { ...obj(apiSecret.target), name: 'acme-saas-migrations' } });
    expect(annotationsOf(r.find('ServiceAccount', 'acme-saas-migrations'))).toMatchObject({ 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation' });
    // The release's own objects are no hooks, so they exist only after the Job succeeded.
    expect(r.docs.filter((d) => HOOK in annotationsOf(d)).map((d) => `${String(d.kind)}/${String(d.metadata?.name)}`).sort()).toEqual([
      'ExternalSecret/acme-saas-migrations',
      'Job/acme-saas-migrate',
      'ServiceAccount/acme-saas-migrations',
    ]);
  });

  it('without External Secrets the Job reads a hook copy of the plain Secret, with the same data', async () => {
    const values = { ...K8S_ANSWERS, enable_worker: false, external_secrets_enabled: false, external_secrets_store: null, api_secrets: PLAIN_API_SECRETS };
    const bundle = bundleOf(values, true);
    const r = await template(bundle.files, [`${CHART_DIR}/values.prod.yaml`, 'ops/charts/secrets/values.prod.yaml']);
    expect(r.exitCode, r.stderr).toBe(0);
    const copy = r.find('Secret', 'acme-saas-migrations');
    expect(copy?.data).toEqual(r.find('Secret', 'acme-saas-api')?.data);
    expect(annotationsOf(copy)).toEqual({ [HOOK]: 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation' });
    const job = r.find('Job', 'acme-saas-migrate');
    expect(envEntries(job, 'acme-saas-migrations')).toEqual(envEntries(r.find('Deployment', 'acme-saas-api'), 'acme-saas-api'));
    expect(containerEnv(job)).toMatchObject({ ENABLE_BILLING_RETRY_WORKER: 'true', BILLING_RETRY_DEPLOYMENT_MODE: 'inline' });
    expect(r.find('ExternalSecret', 'acme-saas-migrations')).toBeUndefined();
    const byId = await checks(bundle);
    expect(Object.values(byId).filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('with migrations_job false renders no Job, no hook copy and no hook at all, and passes every check', async () => {
    const bundle = bundleOf({ ...K8S_ANSWERS, migrations_job: false });
    const r = await template(bundle.files, [`${CHART_DIR}/values.prod.yaml`]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.docs.filter((d) => d.kind === 'Job' || String(d.metadata?.name).endsWith('-migrations'))).toEqual([]);
    expect(r.docs.filter((d) => HOOK in annotationsOf(d))).toEqual([]);
    const byId = await checks(bundle);
    expect(Object.values(byId).filter((c) => c.status !== 'pass')).toEqual([]);
    // Turned back on in the values alone, the checks see a Job the answers do not call for.
    const tampered = edit(bundle.files, `${CHART_DIR}/values.prod.yaml`, (s) => s.replace('migrations:\n  enabled: false', 'migrations:\n  enabled: true'));
    const again = await checks(bundle, tampered);
    expect(again['helm-values-contract']?.detail).toMatch(/migrations.enabled is true, expected false \(migrations_job\)/);
    expect(again['helm-template']?.detail).toMatch(/Job\/acme-saas-migrate was rendered but the answers do not call for it/);
  });

  it("the runbook's manual migration commands (migrations_job false) render the same Job as the hook", async () => {
    const off = bundleOf({ ...K8S_ANSWERS, migrations_job: false });
    const readme = off.files.find((f) => f.path === 'README.md')?.content ?? '';
    const line = readme.split('\n').find((l) => l.startsWith('helm template ') && l.includes('--show-only templates/migrations-job.yaml'));
    expect(line, 'the runbook has no helm template ... --show-only line').toBeDefined();
    const [render, apply] = (line ?? '').split(' | ');
    expect(apply).toBe('kubectl -n acme-saas apply -f -');
    expect(readme).toContain('kubectl -n acme-saas wait --for=condition=complete job/acme-saas-migrate --timeout=10m');
    expect(render).not.toMatch(/['"\\$]/); // plain words: split like the shell would
    const dir = scratchDir('k8s-helm-manual');
    scratch.push(dir);
    writeTree(dir, off.files);
    const manual = await runTool(helm, (render ?? '').split(' ').slice(1), { cwd: dir });
    expect(manual.exitCode, manual.stderr).toBe(0);
    const hook = await template(bundleOf(K8S_ANSWERS).files, [`${CHART_DIR}/values.prod.yaml`]);
    const manualDocs = parseManifests(manual.stdout).docs;
    expect(manualDocs.map((d) => `${String(d.kind)}/${String(d.metadata?.name)}`).sort()).toEqual(['ExternalSecret/acme-saas-migrations', 'Job/acme-saas-migrate', 'ServiceAccount/acme-saas-migrations']);
    expect(manualDocs.find((d) => d.kind === 'Job')).toEqual(hook.find('Job', 'acme-saas-migrate'));
  });

  it('passes the generated values with every check, and the values file parses as Helm reads it', async () => {
    const bundle = bundleOf(K8S_ANSWERS);
    const byId = await checks(bundle);
    expect(Object.values(byId).filter((r) => r.status !== 'pass')).toEqual([]);
    const values = parseYaml(bundle.files.find((f) => f.path === `${CHART_DIR}/values.prod.yaml`)?.content ?? '', { version: '1.1' });
    expect(obj(obj(values).worker).enabled).toBe(true);
  });
});

describe('helm template output parsing', () => {
  it('reports YAML errors and documents that are not objects', () => {
    expect(parseManifests('a: [\n').problems.length).toBeGreaterThan(0);
    expect(parseManifests('--- 3\n').problems).toEqual(['rendered YAML: a document is not a Kubernetes object']);
    expect(parseManifests('---\n# only a comment\n---\nkind: X\n').docs).toEqual([{ kind: 'X' }]);
  });

  it('names an object of a kind the checks have no schema for', async () => {
    expect(await schemaProblems([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }])).toEqual(['ConfigMap/x: no schema known for v1 ConfigMap']);
  });

  it('reports schema violations by path', async () => {
    const problems = await schemaProblems([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 'eighty' }] } }]);
    expect(problems).toEqual(['Service/s: /spec/ports/0/port must be integer']);
  });
});

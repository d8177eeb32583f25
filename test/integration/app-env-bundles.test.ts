/**
 * The app env contract on real bundles: every golden bundle's API gets ALLOWED_HOSTS without ports,
 * and every Host header its clients and probes send, read from the bundle's own files (compose
 * healthchecks, the Caddyfile, the web app's API_BASE_URL, the rendered probes and Ingress), passes
 * port-stripping host matching as the app does it. The `app-env` check passes each golden bundle and
 * fails a bundle edited to break it, naming the service and the setting.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import type { PlannedFile } from '../../src/bundle/plan.js';
import { readCaddyfile, upstreams } from '../../src/checks/embedded/caddyfile.js';
import { parseManifests, type Manifest } from '../../src/checks/embedded/kubernetes.js';
import type { AnyContract as Contract } from '../../src/targets/keys.js';
import { allowedHostList, hostAccepted } from '../../src/contract/app-env/hosts.js';
import { resolveContract } from '../../src/targets/contract.js';
import { parseDotenv } from '../../src/render/dotenv.js';
import { plainEnvValues } from '../../src/render/plain-env.js';
import { CHART_DIR } from '../../src/targets/k8s/chart.js';
import { kubeEnvValue } from '../../src/targets/k8s/manifest-invariants.js';
import { TARGETS } from '../targets.js';
import { CHECK_SCRATCH, requireOrSkip, runTool, scratchDir, writeTree } from '../real-tools.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

const casesDir = join(import.meta.dirname, '..', 'golden', 'cases');
const cases = readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).sort();

function bundleOf(caseFile: string): { contract: Contract; files: PlannedFile[] } {
  const values = parse(readFileSync(join(casesDir, caseFile), 'utf8')) as Record<string, unknown>;
  const resolved = resolveContract([{ source: caseFile, values }]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return { contract: resolved.contract, files: buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: false }).files };
}

const content = (files: readonly PlannedFile[], path: string) => files.find((f) => f.path === path)?.content ?? '';
const hostOfUrl = (url: string) => new URL(url).host;

async function appEnv(contract: Contract, files: PlannedFile[]): Promise<string[]> {
  const check = TARGETS[contract.target].embeddedChecks(contract).find((c) => c.id === 'app-env');
  if (!check) throw new Error('no app-env check');
  const bundle = new Map(files.map((f) => [f.path, f.content]));
  await check.prepare?.(bundle);
  return check.run(bundle);
}

function edit(files: PlannedFile[], path: string, change: (text: string) => string): PlannedFile[] {
  return files.map((f) => (f.path === path ? { ...f, content: change(f.content) } : f));
}

describe('Host headers of every client and probe, read from the vps and other bundles', () => {
  for (const caseFile of cases.filter((c) => c.startsWith('vps-') || c.startsWith('other-'))) {
    it(`${caseFile}: ALLOWED_HOSTS has no port and accepts every Host header`, () => {
      const { contract, files } = bundleOf(caseFile);
      const clients: string[] = [];
      let allowed: string[];
      if (contract.target === 'vps') {
        const api = parseDotenv(content(files, 'ops/compose/env/api.env'));
        allowed = allowedHostList(api.get('ALLOWED_HOSTS') ?? '');
        clients.push(hostOfUrl(parseDotenv(content(files, 'ops/compose/env/web.env')).get('API_BASE_URL') ?? ''));
        const compose = obj(parse(content(files, 'ops/compose/docker-compose.prod.yml')));
        for (const name of ['api', 'worker']) {
          const test = obj(obj(obj(compose.services)[name]).healthcheck).test;
          if (test === undefined) continue;
          const url = /https?:\/\/[^'"\s)]+/.exec(JSON.stringify(test))?.[0];
          expect(url, `${name} healthcheck`).toBeDefined();
          clients.push(hostOfUrl(url ?? ''));
        }
        for (const block of readCaddyfile(content(files, 'ops/compose/caddy/Caddyfile'))) {
          if (block.header.length > 0 && upstreams(block).includes('api:8000')) clients.push(...block.header.map((h) => h.replace(/^https?:\/\//, '')));
        }
        if (contract.api_public_url) expect(clients).toContain(new URL(contract.api_public_url).host);
      } else {
        allowed = allowedHostList(plainEnvValues(content(files, 'env/api.env')).get('ALLOWED_HOSTS') ?? '');
        clients.push(hostOfUrl(plainEnvValues(content(files, 'env/web.env')).get('API_BASE_URL') ?? ''), 'localhost:8000', '127.0.0.1:8000');
      }
      expect(allowed.filter((h) => /:\d+$/.test(h))).toEqual([]);
      expect(clients.length).toBeGreaterThan(1);
      expect(clients.filter((host) => !hostAccepted(allowed, host))).toEqual([]);
    });
  }
});

describe('the app-env check', () => {
  for (const caseFile of cases) {
    it(`passes the golden bundle ${caseFile}`, async () => {
      const { contract, files } = bundleOf(caseFile);
      expect(await appEnv(contract, files)).toEqual([]);
    });
  }

  it('vps: a port in ALLOWED_HOSTS, a missing app secret and a refused Redis URL are each named with the service', async () => {
    const { contract, files } = bundleOf('vps-worker-api-host.yaml');
    const withPort = edit(files, 'ops/compose/env/api.env', (t) => t.replace(/^ALLOWED_HOSTS='api,/m, "ALLOWED_HOSTS='api:8000,"));
    expect(await appEnv(contract, withPort)).toContainEqual(expect.stringMatching(/^api: ALLOWED_HOSTS must list bare host names without a port/));
    expect(await appEnv(contract, withPort)).toContainEqual(expect.stringMatching(/^api: ALLOWED_HOSTS does not accept the Host header api:8000 that the web app/));
    const noSecretKey = edit(files, 'ops/compose/secrets/api.env.example', (t) => t.replace(/^SECRET_KEY=$/m, ''));
    expect(await appEnv(contract, noSecretKey)).toEqual(['api: SECRET_KEY is required outside dev (ENVIRONMENT other than development, dev, demo or test) (set api_secrets.SECRET_KEY)', 'worker: SECRET_KEY is required outside dev (ENVIRONMENT other than development, dev, demo or test) (set api_secrets.SECRET_KEY)']);
    const plainRedis = [...files, { path: 'ops/compose/secrets/api.env', content: 'REDIS_URL=redis://redis:6379/0\n', mode: 0o600 } as PlannedFile];
    expect(await appEnv(contract, plainRedis)).toContainEqual('api: REDIS_URL must use rediss:// (TLS) in production (set api_secrets.REDIS_URL to rediss://:<password>@<host>:<port>/0)');
  });

  it('other: a provider setting removed from the env file is named', async () => {
    const { contract, files } = bundleOf('other-inline.yaml');
    const broken = edit(files, 'env/api.env', (t) => t.replace(/^AZURE_KEY_VAULT_URL=.*\n/m, ''));
    expect(await appEnv(contract, broken)).toEqual([expect.stringMatching(/^api: AZURE_KEY_VAULT_URL is required when either SECRETS_PROVIDER is azure_kv/)]);
  });

  it('k8s: the values carry what the chart gives the API; a port in ALLOWED_HOSTS fails', async () => {
    const { contract, files } = bundleOf('k8s-prod-inline.yaml');
    const values = `${CHART_DIR}/values.prod.yaml`;
    const broken = edit(files, values, (t) => t.replace(/ALLOWED_HOSTS: "shop-api,/, 'ALLOWED_HOSTS: "shop-api:8000,'));
    expect(broken).not.toEqual(files);
    expect(await appEnv(contract, broken)).toContainEqual(expect.stringMatching(/^api: ALLOWED_HOSTS must list bare host names/));
  });
});

const gate = requireOrSkip('helm');

describe.skipIf(gate.skip)(`k8s: Host headers of the rendered probes, the web app and the API Ingress${gate.label}`, () => {
  const scratch: string[] = [];
  afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

  for (const caseFile of cases.filter((c) => c.startsWith('k8s-'))) {
    it(`${caseFile}: every Host header the API receives is accepted, in the namespace of the answers and in another one`, async () => {
      const { contract, files } = bundleOf(caseFile);
      const dir = scratchDir('app-env-k8s');
      scratch.push(dir);
      const secretsFile = `ops/charts/secrets/values.${contract.environment}.yaml`;
      const extra = files.some((f) => f.path === `${secretsFile}.example`) ? [{ path: secretsFile, content: JSON.stringify({ api: { secrets: Object.fromEntries(Object.keys(contract.api_secrets).map((k) => [k, 'placeholder'])) }, ...(Object.keys(contract.web_secrets).length > 0 ? { web: { secrets: Object.fromEntries(Object.keys(contract.web_secrets).map((k) => [k, 'placeholder'])) } } : {}) }) }] : [];
      writeTree(dir, [...files, ...extra]);
      for (const namespace of [contract.namespace ?? '', 'elsewhere']) {
        const args = ['template', contract.project_name, CHART_DIR, '--namespace', namespace, '-f', `${CHART_DIR}/values.${contract.environment}.yaml`, ...(extra.length > 0 ? ['-f', secretsFile] : [])];
        const run = await runTool(gate.path('helm'), args, { cwd: dir });
        expect(run.exitCode, run.stderr).toBe(0);
        const docs: Manifest[] = parseManifests(run.stdout).docs;
        const deployment = (suffix: string) => docs.find((d) => d.kind === 'Deployment' && String(d.metadata?.name).endsWith(suffix));
        const container = (d: Manifest | undefined) => list(obj(obj(obj(d?.spec).template).spec).containers)[0] ?? {};
        const env = (d: Manifest | undefined) => new Map(list(container(d).env).filter((e) => typeof e.value === 'string').map((e) => [String(e.name), kubeEnvValue(String(e.value))]));
        const apiEnv = env(deployment('-api'));
        const allowed = allowedHostList(apiEnv.get('ALLOWED_HOSTS') ?? '');
        expect(allowed.filter((h) => /:\d+$/.test(h))).toEqual([]);
        const service = `${contract.project_name}-api`;
        const clients = [
          hostOfUrl(env(deployment('-web')).get('API_BASE_URL') ?? ''),
          `${service}.${namespace}.svc.cluster.local:8000`,
          `${service}.${namespace}:8000`,
          // A probe without a Host header sends the pod IP, which no ALLOWED_HOSTS entry names.
          ...['-api', '-worker']
            .map(deployment)
            .filter((d) => d !== undefined)
            .flatMap((d) => ['startupProbe', 'readinessProbe', 'livenessProbe'].map((p) => String(list(obj(obj(container(d)[p]).httpGet).httpHeaders).find((h) => h.name === 'Host')?.value ?? '10.0.0.7:8000'))),
          ...docs.filter((d) => d.kind === 'Ingress').flatMap((d) => list(obj(d.spec).rules).filter((r) => list(obj(r.http).paths).some((p) => obj(obj(p.backend).service).name === service)).map((r) => String(r.host))),
        ];
        expect(clients.filter((host) => !hostAccepted(allowed, host)), `namespace ${namespace}`).toEqual([]);
      }
    });
  }
});

describe('the examples', () => {
  const required = process.env.REQUIRE_REAL_TOOLS === '1';
  for (const example of ['vps.answers.yaml', 'k8s.answers.yaml']) {
    it(`examples/${example}: complete for its providers, every check passes (app-env included), the runbook names the migration`, async () => {
      const { runChecks } = await import('../../src/checks/runner.js');
      const values = parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', example), 'utf8')) as Record<string, unknown>;
      const resolved = resolveContract([{ source: example, values }]);
      expect(resolved.ok && resolved.warnings).toEqual([]);
      if (!resolved.ok) return;
      const files = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: false }).files;
      const target = TARGETS[resolved.contract.target];
      const run = await runChecks({ files, embedded: target.embeddedChecks(resolved.contract), tools: target.toolChecks(resolved.contract), requireTools: required, scratch: CHECK_SCRATCH });
      expect(run.results.map((r) => r.id)).toContain('app-env');
      expect(run.results.filter((r) => r.status === 'fail' || (required && r.status !== 'pass'))).toEqual([]);
      expect(content(files, 'README.md')).toContain('alembic -c alembic.ini upgrade heads');
    });
  }
});

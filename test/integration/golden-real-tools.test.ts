/**
 * Every golden case checked with the real tools (docker compose, caddy, bash), and broken bundles
 * proven to fail them. With REQUIRE_REAL_TOOLS=1 (CI) a missing tool fails instead of skipping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import type { PlannedFile } from '../../src/bundle/plan.js';
import { runChecks } from '../../src/checks/runner.js';
import { findTool } from '../../src/checks/tools.js';
import { resolveContract } from '../../src/targets/contract.js';
import { TARGETS } from '../targets.js';
import { CHECK_SCRATCH } from '../real-tools.js';
import { terraformGate } from '../terraform-env.js';

const required = process.env.REQUIRE_REAL_TOOLS === '1';
const casesDir = join(import.meta.dirname, '..', 'golden', 'cases');
const cases = readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).sort();

function bundleOf(caseFile: string) {
  const values = parse(readFileSync(join(casesDir, caseFile), 'utf8')) as Record<string, unknown>;
  const resolved = resolveContract([{ source: caseFile, values }]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  const bundle = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: false });
  return { contract: resolved.contract, files: bundle.files };
}

async function check(contract: ReturnType<typeof bundleOf>['contract'], files: PlannedFile[], caseFile = '') {
  const target = TARGETS[contract.target];
  const tools = target.toolChecks(contract);
  const offline = tools.filter((t) => isOfflineRootCheck(caseFile, t.id));
  const run = await runChecks({ files, embedded: target.embeddedChecks(contract), tools: tools.filter((t) => !offline.includes(t)), requireTools: required, scratch: CHECK_SCRATCH });
  if (offline.length === 0) return run;
  // terraform validate/test of a google or azurerm root: a stated SKIP here (no provider offline), judged below.
  const rest = await runChecks({ files, embedded: [], tools: offline, requireTools: false, scratch: CHECK_SCRATCH });
  return { ...run, results: [...run.results, ...rest.results], toolProblem: run.toolProblem || rest.toolProblem };
}

/** Roots whose provider has no offline mirror here (google, azurerm): init-based checks SKIP, stating it. */
const OFFLINE_ROOTS: Readonly<Record<string, string>> = { 'gcp-': 'ops/infra/gcp' };
const offlineRoots = (caseFile: string) => Object.entries(OFFLINE_ROOTS).filter(([prefix]) => caseFile.startsWith(prefix)).map(([, root]) => root);
const PROVIDER_SKIP = /terraform init could not install hashicorp\/(google|azurerm)/;
const isOfflineRootCheck = (caseFile: string, id: string) => offlineRoots(caseFile).some((root) => id === `terraform-validate:${root}` || id === `terraform-test:${root}`);
/** Exactly the provider-install SKIPs of terraform validate/test of such a root are accepted; every other check must pass. */
function providerSkip(caseFile: string, result: { id: string; status: string; detail: string }): boolean {
  return result.status === 'skip' && isOfflineRootCheck(caseFile, result.id) && PROVIDER_SKIP.test(result.detail);
}

describe('real tools on every golden case', () => {
  // Terraform bundles validate against the local provider mirror (TF_CLI_CONFIG_FILE), as a user's CI would.
  let restore: (() => void) | undefined;
  beforeAll(() => {
    if (cases.some((c) => c.startsWith('aws-'))) restore = terraformGate().useMirror();
  });
  afterAll(() => restore?.());
  for (const caseFile of cases) {
    it(`${caseFile}: every check passes${required ? '' : ' (tools may SKIP: REQUIRE_REAL_TOOLS is not set)'}`, async () => {
      const { contract, files } = bundleOf(caseFile);
      const run = await check(contract, files, caseFile);
      const failures = run.results.filter((r) => r.status !== 'pass' && (required || r.status === 'fail') && !providerSkip(caseFile, r));
      expect(failures).toEqual([]);
      for (const root of offlineRoots(caseFile)) {
        for (const id of [`terraform-validate:${root}`, `terraform-test:${root}`]) {
          const result = run.results.find((r) => r.id === id);
          expect(result?.status === 'pass' || (result?.status === 'skip' && PROVIDER_SKIP.test(result.detail)), `${id}: ${result?.status} ${result?.detail}`).toBe(true);
        }
      }
      expect(run.toolProblem).toBe(false);
      for (const skipped of run.results.filter((r) => r.status === 'skip')) console.warn(`SKIP ${caseFile} ${skipped.id}: ${skipped.detail}`);
    });
  }
});

describe('real tools catch broken bundles', async () => {
  const compose = await findTool('docker-compose');
  const caddy = await findTool('caddy');
  const { contract, files } = bundleOf('vps-worker-api-host.yaml');
  const edit = (path: string, change: (s: string) => string) => files.map((f) => (f.path === path ? { ...f, content: change(f.content) } : f));

  it.skipIf(!compose && !required)(`docker compose rejects a service that depends on a missing one${compose ? '' : ' (SKIP: docker-compose not found)'}`, async () => {
    const broken = edit('ops/compose/docker-compose.prod.yml', (s) => s.replace('      web:\n        condition: service_healthy', '      webb:\n        condition: service_healthy'));
    const run = await check(contract, broken);
    const byId = Object.fromEntries(run.results.map((r) => [r.id, r]));
    expect(byId['docker-compose-config']?.status).toBe('fail');
    expect(byId['compose-semantics']?.detail).toContain('no service named webb');
  });

  it.skipIf(!compose && !required)(`docker compose sees a tampered worker flag in the resolved configuration${compose ? '' : ' (SKIP: docker-compose not found)'}`, async () => {
    const broken = edit('ops/compose/env/api.env', (s) => s.replace("ENABLE_BILLING_STREAM_REPLAY='false'", "ENABLE_BILLING_STREAM_REPLAY='true'"));
    const run = await check(contract, broken);
    const byId = Object.fromEntries(run.results.map((r) => [r.id, r]));
    expect(byId['docker-compose-config']?.detail).toContain('resolved api service: ENABLE_BILLING_STREAM_REPLAY');
    expect(byId['worker-topology']?.status).toBe('fail');
  });

  it.skipIf(!caddy && !required)(`caddy validate rejects a broken Caddyfile${caddy ? '' : ' (SKIP: caddy not found)'}`, async () => {
    const broken = edit('ops/compose/caddy/Caddyfile', (s) => s.replace('encode zstd gzip', 'encode zstd gzip\n\tnot_a_directive on'));
    const run = await check(contract, broken);
    expect(run.results.find((r) => r.id === 'caddy-validate')?.status).toBe('fail');
  });
});

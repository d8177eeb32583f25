/**
 * The Kubernetes target end to end, as a user runs it: the acceptance command of issue 4 (chart and
 * values that pass `helm lint --strict` and `helm template`, every manifest valid), and `validate` on
 * a bundle whose values file was edited by hand (exit 1, naming the helm check).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireOrSkip } from '../real-tools.js';
import { ensureBuilt, exists, humanOnly, jsonOnly, leftovers, ROOT, runCli, workspace, type Workspace } from './helpers.js';

const EXAMPLE = join(ROOT, 'examples', 'k8s.answers.yaml');
const K8S = ['setup', 'wizard', '--non-interactive', '--preset', 'k8s', '--answers-file', EXAMPLE] as const;
const VALUES = 'ops/charts/starter/values.prod.yaml';

interface Check {
  id: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
}

const gate = requireOrSkip('helm');
let ws: Workspace;

beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('k8s');
});

afterAll(async () => {
  await ws?.cleanup();
});

describe.skipIf(gate.skip)(`k8s bundle from the built CLI${gate.label}`, () => {
  test('the acceptance command writes a chart and values that helm lint --strict and helm template accept', async () => {
    const out = join(await ws.sub('accept'), 'deploy');
    const r = await runCli([...K8S, '--out', out, '--require-tools'], { tmp: ws.tmp, timeout: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    humanOnly(r);
    for (const id of ['helm-values-schema', 'helm-values-contract', 'no-plain-secrets', 'helm-lint', 'helm-template']) expect(r.stderr).toMatch(new RegExp(`PASS ${id}:`));
    for (const path of ['README.md', 'ops/charts/starter/Chart.yaml', 'ops/charts/starter/values.schema.json', VALUES, 'starter-report.json']) {
      expect(await exists(join(out, path)), path).toBe(true);
    }
    const report = JSON.parse(await readFile(join(out, 'starter-report.json'), 'utf8')) as { checks: Check[] };
    expect(report.checks.find((c) => c.id === 'helm-template')?.detail).toMatch(/^ok \(helm v3/);
    expect(await leftovers(out)).toEqual([]);
  });

  test('validate fails (exit 1) naming helm-lint when the values file gets an unknown key or a wrong type by hand', async () => {
    const out = join(await ws.sub('validate'), 'deploy');
    const gen = await runCli([...K8S, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(gen.code, gen.stderr).toBe(0);
    const fresh = await runCli(['validate', out, '--require-tools'], { tmp: ws.tmp, timeout: 60_000 });
    expect(fresh.code, fresh.stderr).toBe(0);

    const path = join(out, VALUES);
    const original = await readFile(path, 'utf8');
    await writeFile(path, original.replace('worker:\n  enabled: true\n', 'worker:\n  enabled: true\n  replicas: 3\n'));
    const unknown = await runCli(['validate', out, '--json'], { tmp: ws.tmp, timeout: 60_000 });
    expect(unknown.code, unknown.stderr).toBe(1);
    const checks = jsonOnly<{ ok: boolean; checks: Check[] }>(unknown).checks;
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId['helm-lint']?.status).toBe('fail');
    expect(byId['helm-lint']?.detail).toMatch(/worker: Additional property replicas is not allowed/);
    expect(byId['helm-values-schema']?.detail).toMatch(/\/worker must NOT have additional properties \(replicas\)/);
    expect(byId.manifest?.detail).toMatch(/values\.prod\.yaml was edited by hand/);

    await writeFile(path, original.replace('  targetCPUUtilizationPercentage: 75\n', '  targetCPUUtilizationPercentage: "75%"\n'));
    const wrongType = await runCli(['validate', out], { tmp: ws.tmp, timeout: 60_000 });
    expect(wrongType.code, wrongType.stderr).toBe(1);
    humanOnly(wrongType);
    expect(wrongType.stderr).toMatch(/FAIL helm-lint:/);
    expect(wrongType.stderr).toMatch(/targetCPUUtilizationPercentage: Invalid type\. Expected: integer, given: string/);
  });

  test("validate never copies the operator's secret values file into the checks' scratch space", async () => {
    const dir = await ws.sub('plain-secrets');
    const out = join(dir, 'deploy');
    // A later answers file switches External Secrets off (null removes the store the example names).
    await writeFile(join(dir, 'plain.yaml'), 'external_secrets_enabled: false\nexternal_secrets_store: null\n');
    const gen = await runCli([...K8S, '--answers-file', join(dir, 'plain.yaml'), '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(gen.code, gen.stderr).toBe(0);
    // An unfilled copy of the example (empty values) would fail helm lint if the checks read it:
    // they use placeholders of the same keys instead, so validate passes.
    const example = await readFile(join(out, 'ops/charts/secrets/values.prod.yaml.example'), 'utf8');
    await writeFile(join(out, 'ops/charts/secrets/values.prod.yaml'), example, { mode: 0o600 });
    const r = await runCli(['validate', out, '--require-tools'], { tmp: ws.tmp, timeout: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/PASS helm-lint:/);
  });
});

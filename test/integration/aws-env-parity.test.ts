/**
 * The env the AWS blueprint really gives each service (its app-env module, planned by real Terraform
 * with the bundle's own terraform.tfvars and a mocked AWS provider) equals the env the TypeScript side
 * derives for the same contract: the env the embedded app-env check judges and the env inventory lists.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import type { AwsContract } from '../../src/targets/aws/keys.js';
import { awsEnv, INFRA_DIR } from '../../src/targets/aws/view.js';
import { resolveContract } from '../../src/targets/contract.js';
import { runTool, scratchDir, writeTree } from '../real-tools.js';
import { TARGETS } from '../targets.js';
import { terraformGate } from '../terraform-env.js';

const casesDir = join(import.meta.dirname, '..', 'golden', 'cases');
const cases = readdirSync(casesDir).filter((f) => f.startsWith('aws-') && f.endsWith('.yaml')).sort();
const gate = terraformGate();

/** The blueprint test's mocked provider and overrides (everything before its file-level variables). */
function mocksOf(blueprintTest: string): string {
  const cut = blueprintTest.search(/^variables \{/m);
  if (cut < 0) throw new Error('the blueprint test has no file-level variables block to cut at');
  return blueprintTest.slice(0, cut);
}

describe.skipIf(gate.skip)(`aws: the app-env module's env equals the TypeScript side's, planned by terraform${gate.label}`, () => {
  let restore: () => void = () => undefined;
  const dirs: string[] = [];
  beforeAll(() => {
    restore = gate.useMirror();
  });
  afterAll(() => {
    restore();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const caseFile of cases) {
    it(caseFile, async () => {
      const values = parse(readFileSync(join(casesDir, caseFile), 'utf8')) as Record<string, unknown>;
      const resolved = resolveContract([{ source: caseFile, values }]);
      if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
      const contract = resolved.contract as AwsContract;
      const bundle = buildBundle({ contract, target: TARGETS.aws, preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: false });
      const dir = scratchDir('aws-parity');
      dirs.push(dir);
      writeTree(dir, bundle.files);
      const root = join(dir, ...INFRA_DIR.split('/'));
      const env = awsEnv(contract);
      const map = (vars: readonly { name: string; value: string }[] | undefined) => Object.fromEntries((vars ?? []).map((v) => [v.name, v.value]));
      const expected = { api: map(env.api), web: map(env.web), worker: map(env.worker) };
      const expectedPath = join(dir, 'expected-env.json');
      writeFileSync(expectedPath, JSON.stringify(expected));
      const blueprintTest = join(root, 'tests', 'blueprint.tftest.hcl');
      const test = `${mocksOf(readFileSync(blueprintTest, 'utf8'))}
run "parity" {
  command = plan
${['api', 'web', 'worker']
  .map(
    (role) => `  assert {
    condition     = jsonencode(module.app_env.${role}_env) == jsonencode(jsondecode(file(${JSON.stringify(expectedPath)})).${role})
    error_message = "${role} env differs: ${'${'}jsonencode(module.app_env.${role}_env)}"
  }`,
  )
  .join('\n')}
}
`;
      rmSync(blueprintTest);
      writeFileSync(join(root, 'tests', 'parity.tftest.hcl'), test);
      const tf = gate.terraform();
      const env2 = { ...(process.env as Record<string, string>) };
      const init = await runTool(tf, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: root, env: env2, timeoutMs: 120_000 });
      expect(init.exitCode, init.stderr).toBe(0);
      const run = await runTool(tf, ['test', '-no-color'], { cwd: root, env: env2, timeoutMs: 120_000 });
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toContain('1 passed, 0 failed');
    }, 180_000);
  }
});

/**
 * The Terraform tool checks through the real runner, offline: terraform with the provider mirror
 * (hashicorp/aws only). The fixture passes; a fmt slip, an unknown attribute and a failing test
 * each fail their own check; a configuration needing hashicorp/google (not in the mirror) is a SKIP
 * naming it, and a failure with --require-tools.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlannedFile } from '../../src/bundle/plan.js';
import { runChecks } from '../../src/checks/runner.js';
import type { CheckResult } from '../../src/checks/types.js';
import { terraformEmbeddedChecks } from '../../src/targets/terraform/embedded-checks.js';
import { terraformToolChecks } from '../../src/targets/terraform/tool-checks.js';
import { CHECK_SCRATCH } from '../real-tools.js';
import { terraformGate } from '../terraform-env.js';
import { fixtureFiles, TF_MODULE, TF_ROOT, withFile } from '../terraform-fixture.js';

const gate = terraformGate();

async function run(files: readonly PlannedFile[], requireTools = false): Promise<{ byId: Record<string, CheckResult>; toolProblem: boolean }> {
  const result = await runChecks({ files, embedded: terraformEmbeddedChecks([TF_ROOT]), tools: terraformToolChecks([TF_ROOT], [TF_MODULE]), requireTools, scratch: CHECK_SCRATCH, limits: { timeoutMs: 120_000 } });
  return { byId: Object.fromEntries(result.results.map((r) => [r.id, r])), toolProblem: result.toolProblem };
}

const status = (byId: Record<string, CheckResult>) => Object.fromEntries(Object.entries(byId).map(([id, r]) => [id, r.status]));

describe.skipIf(gate.skip)(`terraform tool checks through the runner${gate.label}`, () => {
  let restore: () => void;
  beforeAll(() => {
    gate.terraform();
    restore = gate.useMirror();
  });
  afterAll(() => restore?.());

  it('pass on the fixture', async () => {
    const { byId, toolProblem } = await run(fixtureFiles(), true);
    expect(status(byId)).toEqual({
      'terraform-parse': 'pass',
      'terraform-references': 'pass',
      'terraform-tfvars': 'pass',
      'terraform-fmt': 'pass',
      [`terraform-validate:${TF_ROOT}`]: 'pass',
      [`terraform-test:${TF_ROOT}`]: 'pass',
      [`terraform-test:${TF_MODULE}`]: 'pass',
    });
    expect(toolProblem).toBe(false);
  }, 120_000);

  it('fail fmt on a misaligned attribute, naming the file and the fix', async () => {
    const files = withFile(fixtureFiles(), `${TF_ROOT}/terraform.tfvars`, (s) => s.replace('project_name = "acme"', 'project_name =   "acme"'));
    const { byId } = await run(files);
    expect(byId['terraform-fmt']?.status).toBe('fail');
    expect(byId['terraform-fmt']?.detail).toContain(`${TF_ROOT}/terraform.tfvars is not formatted as terraform fmt writes it; run \`terraform fmt -recursive ops/infra\``);
    expect(byId[`terraform-validate:${TF_ROOT}`]?.status).toBe('pass');
  }, 120_000);

  it('fail validate on an unknown attribute, one line with file:line: summary — detail', async () => {
    const files = withFile(fixtureFiles(), `${TF_ROOT}/main.tf`, (s) => s.replace('  tags   = local.common_tags\n', '  tags   = local.common_tags\n  colour = "blue"\n'));
    const { byId } = await run(files);
    expect(byId[`terraform-validate:${TF_ROOT}`]?.status).toBe('fail');
    expect(byId[`terraform-validate:${TF_ROOT}`]?.detail).toMatch(new RegExp(`^\`terraform validate -json -no-color\` failed:\\n${TF_ROOT}/main\\.tf:15: Unsupported argument — An argument named "colour" is not expected here\\.`));
    expect(byId['terraform-fmt']?.status).toBe('pass');
  }, 120_000);

  it('fail test when an assertion does not hold, naming the run', async () => {
    const files = withFile(fixtureFiles(), `${TF_MODULE}/tests/app_env.tftest.hcl`, (s) => s.replace('"acme-prod"', '"acme-staging"'));
    const { byId } = await run(files);
    expect(byId[`terraform-test:${TF_MODULE}`]?.status).toBe('fail');
    expect(byId[`terraform-test:${TF_MODULE}`]?.detail).toBe(
      [
        '`terraform test -no-color` failed:',
        `${TF_MODULE}: run "name_prefix" failed`,
        `${TF_MODULE}/tests/app_env.tftest.hcl:10: Test assertion failed — name_prefix must join project and environment (output.name_prefix is "acme-prod")`,
        'Failure! 0 passed, 1 failed.',
      ].join('\n'),
    );
    expect(byId[`terraform-test:${TF_ROOT}`]?.status).toBe('pass');
  }, 120_000);

  it('skip init-based checks when a provider is not in the mirror, saying which and how to fix; fail them with --require-tools', async () => {
    const google = '    google = {\n      source  = "hashicorp/google"\n      version = "~> 6.0"\n    }\n';
    const files = withFile(fixtureFiles(), `${TF_ROOT}/versions.tf`, (s) => s.replace('    aws = {\n', `${google}    aws = {\n`));
    const { byId, toolProblem } = await run(files);
    for (const id of [`terraform-validate:${TF_ROOT}`, `terraform-test:${TF_ROOT}`]) {
      expect(byId[id]?.status).toBe('skip');
      expect(byId[id]?.detail).toContain('terraform init could not install hashicorp/google');
      expect(byId[id]?.detail).toContain('point TF_CLI_CONFIG_FILE at a CLI config with a filesystem_mirror holding hashicorp/google, or allow registry access');
    }
    expect(toolProblem).toBe(false);
    expect(byId['terraform-fmt']?.status).toBe('pass');
    expect(byId[`terraform-test:${TF_MODULE}`]?.status).toBe('pass');
    const required = await run(files, true);
    expect(required.byId[`terraform-validate:${TF_ROOT}`]?.status).toBe('fail');
    expect(required.toolProblem).toBe(true);
  }, 120_000);
});

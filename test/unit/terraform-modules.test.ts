import { describe, expect, it } from 'vitest';
import { filesOf } from '../../src/checks/types.js';
import { runEmbedded } from '../../src/checks/runner.js';
import { terraformEmbeddedChecks, prepareTerraform } from '../../src/targets/terraform/embedded-checks.js';
import { parseHclFiles, syntaxProblems } from '../../src/targets/terraform/hcl.js';
import { readVariables } from '../../src/targets/terraform/modules.js';
import { traversalsIn } from '../../src/targets/terraform/references.js';
import { parseType, typeMisfits } from '../../src/targets/terraform/type-fit.js';
import { fixtureFiles, TF_MODULE, TF_ROOT, withFile } from '../terraform-fixture.js';
import type { PlannedFile } from '../../src/bundle/plan.js';

async function check(files: readonly PlannedFile[]): Promise<Record<string, string[]>> {
  const map = filesOf(files);
  const checks = terraformEmbeddedChecks([TF_ROOT]);
  await prepareTerraform(map);
  return Object.fromEntries(checks.map((c) => [c.id, ((r) => (r.status === 'pass' ? [] : r.detail.split('\n')))(runEmbedded(c, map))]));
}

describe('traversalsIn', () => {
  const refs = (s: string) => traversalsIn(s).map((t) => t.text);
  it('finds traversals in templates and expressions, not calls, keys, strings, iterators or attributes of results', () => {
    expect(refs('${var.a}-${local.b}')).toEqual(['var.a', 'local.b']);
    expect(refs('${merge(var.t, { Name = aws_s3_bucket.c.id, "x.y" = "var.no" })}')).toEqual(['var.t', 'aws_s3_bucket.c.id']);
    expect(refs('${[for s in var.list : upper(s.name) if s != ""]}')).toEqual(['var.list']);
    expect(refs('${{ for k, v in var.m : k => v.name }}')).toEqual(['var.m']);
    expect(refs('${aws_subnet.x[var.i].id}${data.aws_vpc.main.id}${module.env.name}')).toEqual(['var.i', 'aws_subnet.x[var.i].id', 'data.aws_vpc.main', 'module.env.name']);
    expect(refs('${provider::aws::arn_parse(var.arn).region}')).toEqual(['var.arn']);
    expect(refs('${jsonencode(var.x).length}$${var.literal}%%{nope}')).toEqual(['var.x']);
    expect(refs('%{ for n in var.names }${n.x}%{ endfor }')).toEqual(['var.names']);
    expect(refs('${"pre-${local.inner}"}${aws_instance.web[*].id}')).toEqual(['local.inner', 'aws_instance.web[*].id']);
    expect(refs('${var.a == 1 ? local.b : 2.5e+3}')).toEqual(['var.a', 'local.b']);
  });
});

describe('syntaxProblems', () => {
  it('one line per diagnostic, path:line:col: message', () => {
    const message = 'parse config: [ops/infra/aws/x.tf:1,7-2,1: Invalid multi-line string; Quoted strings may not be split. ops/infra/aws/x.tf:3,1-1: Unterminated template string; No closing marker.]';
    expect(syntaxProblems('ops/infra/aws/x.tf', message)).toEqual([
      'ops/infra/aws/x.tf:1:7: Invalid multi-line string; Quoted strings may not be split.',
      'ops/infra/aws/x.tf:3:1: Unterminated template string; No closing marker.',
    ]);
  });
});

describe('terraform embedded checks', () => {
  it('pass on the fixture', async () => {
    expect(await check(fixtureFiles())).toEqual({ 'terraform-parse': [], 'terraform-references': [], 'terraform-tfvars': [] });
  });

  it('report exactly a dangling var.typo, local.nope and a bad module input', async () => {
    let files = withFile(fixtureFiles(), `${TF_ROOT}/extra.tf`, 'resource "aws_s3_bucket" "extra" {\n  bucket = "${var.typo}-${local.nope}"\n}\n');
    files = withFile(files, `${TF_ROOT}/main.tf`, (s) => s.replace('  environment  = var.environment\n', '  environmnt   = var.environment\n'));
    const result = await check(files);
    expect(result['terraform-parse']).toEqual([]);
    expect(result['terraform-references']).toEqual([
      `${TF_ROOT}/extra.tf: resource "aws_s3_bucket" "extra" refers to var.typo, but ${TF_ROOT} declares no variable "typo"; declare it or fix the name`,
      `${TF_ROOT}/extra.tf: resource "aws_s3_bucket" "extra" refers to local.nope, but ${TF_ROOT} defines no local "nope"; define it in a locals block or fix the name`,
      `${TF_ROOT}/main.tf: module "app_env" passes environmnt, but ${TF_MODULE} declares no variable "environmnt" (did you mean environment?); remove the argument or declare the variable`,
      `${TF_ROOT}/main.tf: module "app_env" does not pass environment, which ${TF_MODULE} requires (no default, ${TF_MODULE}/variables.tf); pass environment = … or give the variable a default`,
    ]);
  });

  it('report a missing module source, an unknown output and a syntax error with its position', async () => {
    let files = withFile(fixtureFiles(), `${TF_ROOT}/outputs.tf`, (s) => s.replace('module.app_env.name_prefix', 'module.app_env.name_prefx'));
    files = withFile(files, `${TF_ROOT}/more.tf`, 'module "gone" {\n  source = "../modules/gone"\n}\n');
    const result = await check(files);
    expect(result['terraform-references']).toEqual([
      `${TF_ROOT}/outputs.tf: output "name_prefix" refers to module.app_env.name_prefx, but ${TF_MODULE} has no output "name_prefx" (did you mean module.app_env.name_prefix?); add the output to ${TF_MODULE} or fix the name`,
      `${TF_ROOT}/more.tf: module "gone": source "../modules/gone" is ops/infra/modules/gone, which holds no .tf file in the bundle; point it at a module directory of the bundle`,
    ]);
    const broken = await check(withFile(fixtureFiles(), `${TF_MODULE}/main.tf`, (s) => s.replace('locals {', 'locals {\n  bad = ')));
    expect(broken['terraform-parse']).toEqual([expect.stringMatching(new RegExp(`^${TF_MODULE}/main\\.tf:2:9: Invalid expression`))]);
    expect(broken['terraform-references']).toEqual([`${TF_MODULE}: not cross-checked, a file there does not parse (see terraform-parse); fix it first`]);
  });

  it('check tfvars keys, types, literals, nullability and required variables', async () => {
    const tfvars = [
      'region       = 12',
      'project_nam  = "acme"',
      'tags = {',
      '  Owner = ["x"]',
      '}',
      'buckets = {',
      '  upload = "x"',
      '}',
      'environment = var.x',
      '',
    ].join('\n');
    const result = await check(withFile(fixtureFiles(), `${TF_ROOT}/terraform.tfvars`, tfvars));
    const file = `${TF_ROOT}/terraform.tfvars`;
    const object = 'object({uploads = string, logs = optional(string)})';
    expect(result['terraform-tfvars']).toEqual([
      `${file}: environment is an expression; a variable file holds literal values only (write the value itself, or escape a literal \${ as $\${)`,
      `${file}: buckets.uploads is missing (required by ${object}) (variable "buckets" in ${TF_ROOT}/variables.tf is ${object}); fix the value`,
      `${file}: buckets.upload is not an attribute of ${object} (variable "buckets" in ${TF_ROOT}/variables.tf is ${object}); fix the value`,
      `${file}: project_nam is not a variable of ${TF_ROOT}; remove it, or declare variable "project_nam" in ${TF_ROOT}`,
      `${file}: tags.Owner is a list, expected a string (variable "tags" in ${TF_ROOT}/variables.tf is map(string)); fix the value`,
      `${TF_ROOT}: variable "project_name" (${TF_ROOT}/variables.tf) has no default and no value in ${file}; set project_name there`,
    ]);
    const json = await check(withFile(withFile(fixtureFiles(), `${TF_ROOT}/terraform.tfvars`, undefined), `${TF_ROOT}/terraform.tfvars.json`, '{"region": "eu-west-1", "project_name": "a", "buckets": {"uploads": "${literal}"}, "tags": null}'));
    expect(json['terraform-tfvars']).toEqual([]);
  });
});

describe('readVariables', () => {
  it('reads each variable with its type, default, flags and description', async () => {
    const files = new Map(fixtureFiles().filter((f) => f.path.startsWith(`${TF_ROOT}/`) && f.path.split('/').length === 4).map((f) => [f.path, f.content]));
    const parsed = await parseHclFiles(files);
    const json = new Map([...parsed].flatMap(([p, r]) => (r.ok ? [[p, r.json] as const] : [])));
    const vars = readVariables(json);
    expect(vars.map((v) => [v.name, v.type, v.hasDefault, v.default, v.nullable, v.sensitive])).toEqual([
      ['buckets', 'object({\n    uploads = string\n    logs    = optional(string)\n  })', false, undefined, true, false],
      ['environment', 'string', true, 'prod', true, false],
      ['project_name', 'string', false, undefined, true, false],
      ['region', 'string', false, undefined, true, false],
      ['tags', 'map(string)', true, {}, true, false],
    ]);
    expect(vars.find((v) => v.name === 'region')?.description).toBe('AWS region of the deployment');
  });
});

describe('typeMisfits', () => {
  const fit = (type: string, value: unknown) => typeMisfits(parseType(type), value, 'v');
  it('follows Terraform conversions and reports each misfit with its path', () => {
    expect(fit('string', 1)).toEqual([]);
    expect(fit('number', '12')).toEqual([]);
    expect(fit('number', 'x')).toEqual(['v is a string, expected a number']);
    expect(fit('bool', 'true')).toEqual([]);
    expect(fit('bool', 1)).toEqual(['v is a number, expected a bool (true or false)']);
    expect(fit('list(string)', ['a', {}])).toEqual(['v[1] is a map, expected a string']);
    expect(fit('map(number)', { a: 1, b: 'z' })).toEqual(['v.b is a string, expected a number']);
    expect(fit('tuple([string, number])', ['a'])).toEqual(['v has 1 elements, expected 2 (tuple([string, number]))']);
    expect(fit('object({ a = string, b = optional(number, 3) })', { a: 'x' })).toEqual([]);
    expect(fit('object({ a = string, b = optional(list(string), ["x", "y"]) })', { b: [1] })).toEqual(['v.a is missing (required by object({a = string, b = optional(list(string))}))']);
    expect(fit('any', { x: [1] })).toEqual([]);
    expect(() => parseType('strin')).toThrow(/unknown type "strin"/);
  });
});

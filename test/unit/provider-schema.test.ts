/**
 * The provider-schema check on all three clouds: the AWS blueprint (rendered by the aws target) and
 * small Google and Azure fixtures pass; each seeded mistake (a misspelt argument, a block at the
 * wrong level, a missing required argument or block, a read-only attribute set, a single block
 * repeated, an unknown type) fails, naming the file, the line, the resource address and the right
 * name. And the checked-in schemas describe every type the blueprints and fixtures declare.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { filesOf, type BundleFiles } from '../../src/checks/types.js';
import { resolveContract } from '../../src/targets/contract.js';
import { providerSchemaCheck } from '../../src/targets/terraform/provider-schema-check.js';
import { LineFinder } from '../../src/targets/terraform/provider-schema-lines.js';
import { PROVIDER_PACKAGES, typesInSources } from '../../scripts/extract-provider-schemas.mjs';
import { AWS_ANSWERS, layer } from '../fixtures.js';
import { REPO_ROOT } from '../real-tools.js';
import { TARGETS } from '../targets.js';

async function check(files: BundleFiles): Promise<string[]> {
  const schemaCheck = providerSchemaCheck();
  await schemaCheck.prepare?.(files);
  return schemaCheck.run(files);
}

function awsBundle(): Map<string, string> {
  const resolved = resolveContract([layer(AWS_ANSWERS)]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  const bundle = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: false });
  return new Map(filesOf(bundle.files));
}

/** The bundle with `from` replaced by `to` in one file (the replacement must apply). */
function edited(files: ReadonlyMap<string, string>, path: string, from: string, to: string): Map<string, string> {
  const text = files.get(path) ?? '';
  if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
  return new Map([...files, [path, text.replace(from, to)]]);
}

const lineOf = (text: string, needle: string, nth = 0): number => {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle}`);
  return text.slice(0, at).split('\n').length;
};

describe('terraform-provider-schema on the AWS blueprint (hashicorp/aws 5.100.0)', () => {
  const base = awsBundle();
  const dir = 'ops/infra/aws';

  it('passes the rendered blueprint', async () => {
    expect(await check(base)).toEqual([]);
  });

  it('names a misspelt argument, with the right name', async () => {
    const files = edited(base, `${dir}/alb.tf`, '  drop_invalid_header_fields = true', '  drop_invalid_header_field  = true');
    const line = lineOf(files.get(`${dir}/alb.tf`) ?? '', 'drop_invalid_header_field ');
    expect(await check(files)).toEqual([`${dir}/alb.tf:${line}: aws_lb.main: unknown argument or block "drop_invalid_header_field" (did you mean drop_invalid_header_fields?) in hashicorp/aws 5.100.0; fix the name or remove it`]);
  });

  it('names a block at the wrong level, and where it belongs', async () => {
    const from = '    assign_public_ip = false\n  }\n\n  deployment_circuit_breaker {\n    enable   = true\n    rollback = true\n  }\n';
    const files = edited(base, `${dir}/ecs.tf`, from, '    assign_public_ip = false\n\n    deployment_circuit_breaker {\n      enable   = true\n      rollback = true\n    }\n  }\n');
    const text = files.get(`${dir}/ecs.tf`) ?? '';
    const problems = await check(files);
    expect(problems).toEqual([`${dir}/ecs.tf:${lineOf(text, '    deployment_circuit_breaker {')}: aws_ecs_service.api: block network_configuration: "deployment_circuit_breaker" is not an argument or block here; it belongs in the top level of the block (hashicorp/aws 5.100.0); move it there`]);
  });

  it('names a missing required argument and a missing required block', async () => {
    const noStatus = edited(base, `${dir}/storage.tf`, '    status = "Enabled"\n', '');
    const text = noStatus.get(`${dir}/storage.tf`) ?? '';
    expect(await check(noStatus)).toEqual([`${dir}/storage.tf:${lineOf(text, 'versioning_configuration {')}: aws_s3_bucket_versioning.app: block versioning_configuration: missing required argument "status" (hashicorp/aws 5.100.0); set status = …`]);
    const noBlock = edited(base, `${dir}/storage.tf`, '  versioning_configuration {\n    status = "Enabled"\n  }\n', '');
    const blockText = noBlock.get(`${dir}/storage.tf`) ?? '';
    expect(await check(noBlock)).toEqual([`${dir}/storage.tf:${lineOf(blockText, 'resource "aws_s3_bucket_versioning" "app"')}: aws_s3_bucket_versioning.app: missing required block "versioning_configuration" (hashicorp/aws 5.100.0); add versioning_configuration { … }`]);
  });

  it('names a read-only attribute that is set', async () => {
    const files = edited(base, `${dir}/storage.tf`, '  force_destroy = !local.is_prod\n', '  force_destroy = !local.is_prod\n  arn           = "arn:aws:s3:::x"\n');
    const line = lineOf(files.get(`${dir}/storage.tf`) ?? '', '  arn ');
    expect(await check(files)).toEqual([`${dir}/storage.tf:${line}: aws_s3_bucket.app: "arn" is read-only (computed by hashicorp/aws 5.100.0); remove it`]);
  });

  it('names a single block that is repeated', async () => {
    const health = '  health_check {\n    path                = "/api/health/ready"\n';
    const files = edited(base, `${dir}/alb.tf`, health, `  health_check {\n    path = "/"\n  }\n\n${health}`);
    const line = lineOf(files.get(`${dir}/alb.tf`) ?? '', '  health_check {', 1);
    expect(await check(files)).toEqual([`${dir}/alb.tf:${line}: aws_lb_target_group.web: block "health_check" is given 2 times, but hashicorp/aws 5.100.0 allows at most one; merge them into one block`]);
  });

  it('names an unknown resource type, with the right one, and a misspelt provider argument', async () => {
    const files = edited(edited(base, `${dir}/storage.tf`, 'resource "aws_s3_bucket_versioning" "app"', 'resource "aws_s3_bucket_versionning" "app"'), `${dir}/versions.tf`, '  region = var.aws_region', '  regin = var.aws_region');
    const problems = await check(files);
    expect(problems).toContainEqual(expect.stringMatching(/^ops\/infra\/aws\/storage\.tf:\d+: aws_s3_bucket_versionning\.app: unknown resource type "aws_s3_bucket_versionning" in hashicorp\/aws 5\.100\.0 \(did you mean aws_s3_bucket_versioning\?\); fix the type$/));
    expect(problems).toContainEqual(expect.stringMatching(/^ops\/infra\/aws\/versions\.tf:\d+: provider "aws": unknown argument or block "regin" \(did you mean region\?\)/));
  });

  it('reports a block written as an attribute, and checks the content of dynamic blocks', async () => {
    const asAttribute = edited(base, `${dir}/storage.tf`, '  versioning_configuration {\n    status = "Enabled"\n  }\n', '  versioning_configuration = {\n    status = "Enabled"\n  }\n');
    expect(await check(asAttribute)).toContainEqual(expect.stringContaining('aws_s3_bucket_versioning.app: "versioning_configuration" is a block; write versioning_configuration { … } instead of versioning_configuration = { … }'));
    const dynamic = edited(base, `${dir}/ecs.tf`, '      container_name   = "api"\n', '      container_nme    = "api"\n');
    expect(await check(dynamic)).toContainEqual(expect.stringMatching(/aws_ecs_service\.api: block load_balancer: unknown argument or block "container_nme" \(did you mean container_name\?\)/));
  });
});

function fixture(provider: string): Map<string, string> {
  const path = `ops/infra/${provider}/main.tf`;
  return new Map([[path, readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'schema', provider, 'main.tf'), 'utf8')]]);
}

const SEEDED: Record<string, { label: string; mistakes: { what: string; from: string; to: string; expected: RegExp }[] }> = {
  google: {
    label: 'hashicorp/google 6.50.0',
    mistakes: [
      { what: 'a misspelt argument', from: '  uniform_bucket_level_access = true', to: '  uniform_bucket_level_acess  = true', expected: /^main\.tf:38: google_storage_bucket\.app: unknown argument or block "uniform_bucket_level_acess" \(did you mean uniform_bucket_level_access\?\)/ },
      { what: 'a block at the wrong level', from: '    scaling {\n      min_instance_count = 0\n      max_instance_count = 2\n    }\n\n    containers {\n', to: '    containers {\n      scaling {\n        min_instance_count = 0\n        max_instance_count = 2\n      }\n\n', expected: /^main\.tf:53: google_cloud_run_v2_service\.web: block template\.containers: "scaling" is not an argument or block here; it belongs in the top level of the block or the template block/ },
      { what: 'a missing required argument', from: '  location                    = var.region\n', to: '', expected: /^main\.tf:35: google_storage_bucket\.app: missing required argument "location" \(hashicorp\/google 6\.50\.0\); set location = …$/ },
      { what: 'a read-only attribute set', from: '  ingress  = "INGRESS_TRAFFIC_ALL"\n', to: '  ingress  = "INGRESS_TRAFFIC_ALL"\n  uri      = "https://web.example.com"\n', expected: /^main\.tf:50: google_cloud_run_v2_service\.web: "uri" is read-only \(computed by hashicorp\/google 6\.50\.0\); remove it$/ },
      { what: 'a single block repeated', from: '  versioning {\n    enabled = true\n  }\n', to: '  versioning {\n    enabled = true\n  }\n\n  versioning {\n    enabled = false\n  }\n', expected: /^main\.tf:45: google_storage_bucket\.app: block "versioning" is given 2 times, but hashicorp\/google 6\.50\.0 allows at most one/ },
      { what: 'a missing required block', from: 'output "project_number" {', to: 'resource "google_cloud_run_v2_service" "api" {\n  name     = "api"\n  location = var.region\n}\n\noutput "project_number" {', expected: /^main\.tf:80: google_cloud_run_v2_service\.api: missing required block "template" \(hashicorp\/google 6\.50\.0\); add template \{ … \}$/ },
    ],
  },
  azurerm: {
    label: 'hashicorp/azurerm 4.55.0',
    mistakes: [
      { what: 'a misspelt argument', from: '  account_replication_type        = "LRS"', to: '  account_replication_typ         = "LRS"', expected: /^main\.tf:25: azurerm_storage_account\.app: unknown argument or block "account_replication_typ" \(did you mean account_replication_type\?\)/ },
      { what: 'a block at the wrong level', from: '    max_replicas = 2\n', to: '    max_replicas = 2\n\n    traffic_weight {\n      percentage = 100\n    }\n', expected: /^main\.tf:70: azurerm_container_app\.web: block template: "traffic_weight" is not an argument or block here; it belongs in the ingress block/ },
      { what: 'a missing required argument', from: '  revision_mode                = "Single"\n', to: '', expected: /^main\.tf:55: azurerm_container_app\.web: missing required argument "revision_mode" \(hashicorp\/azurerm 4\.55\.0\)/ },
      { what: 'a read-only attribute set', from: '  min_tls_version                 = "TLS1_2"\n', to: '  min_tls_version                 = "TLS1_2"\n  primary_blob_endpoint           = "https://acmeapp.blob.core.windows.net/"\n', expected: /^main\.tf:29: azurerm_storage_account\.app: "primary_blob_endpoint" is read-only/ },
      { what: 'a single block repeated', from: '  ingress {\n', to: '  ingress {\n    target_port = 80\n\n    traffic_weight {\n      percentage = 100\n    }\n  }\n\n  ingress {\n', expected: /^main\.tf:91: azurerm_container_app\.web: block "ingress" is given 2 times, but hashicorp\/azurerm 4\.55\.0 allows at most one/ },
    ],
  },
};

for (const [provider, { label, mistakes }] of Object.entries(SEEDED)) {
  describe(`terraform-provider-schema on a ${provider} configuration (${label})`, () => {
    const path = `ops/infra/${provider}/main.tf`;
    const base = fixture(provider);

    it('passes the fixture', async () => {
      expect(await check(base)).toEqual([]);
    });

    it.each(mistakes)('names $what with file, line, address and the right name', async ({ from, to, expected }) => {
      const problems = await check(edited(base, path, from, to));
      expect(problems.map((p) => p.replace(`ops/infra/${provider}/`, ''))).toContainEqual(expect.stringMatching(expected));
    });
  });
}

describe('terraform-provider-schema on other providers', () => {
  it('checks the built-in terraform_data, and leaves types of providers without a schema (null, random) alone', async () => {
    const text = 'resource "terraform_data" "marker" {\n  inputs = "x"\n}\n\nresource "null_resource" "n" {\n  anything = true\n}\n\nresource "random_id" "r" {\n  byte_length = 8\n}\n';
    expect(await check(new Map([['main.tf', text]]))).toEqual(['main.tf:2: terraform_data.marker: unknown argument or block "inputs" (did you mean input?) in terraform.io/builtin/terraform (Terraform 1.11); fix the name or remove it']);
  });

  it('reports a directory whose files do not parse, instead of passing it', async () => {
    expect(await check(new Map([['ops/infra/aws/main.tf', 'resource "aws_vpc" "x" {\n']]))).toEqual(['ops/infra/aws: not checked against the provider schemas, a file there does not parse (see terraform-parse); fix it first']);
  });
});

describe('the schemas the check reads', () => {
  const used = typesInSources();
  for (const [provider, pkg] of Object.entries(PROVIDER_PACKAGES)) {
    it(`schemas/terraform/${provider}.json describes every ${provider} type the blueprints and fixtures declare (else run npm run provider-schemas)`, () => {
      const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'terraform', `${provider}.json`), 'utf8')) as { version: string; package: string; resources: object; dataSources: object };
      expect([schema.package, schema.version]).toEqual([`${pkg.name}@${pkg.version}`, pkg.provider]);
      const described = new Set([...Object.keys(schema.resources).map((t) => `resource.${t}`), ...Object.keys(schema.dataSources).map((t) => `data.${t}`)]);
      const wanted = [...(used.get(provider) ?? [])].sort();
      expect(wanted.length).toBeGreaterThan(0);
      expect(wanted.filter((key) => !described.has(key))).toEqual([]);
      expect([...described].filter((key) => !wanted.includes(key))).toEqual([]);
    });
  }
});

describe('line finding (the parser gives no line numbers)', () => {
  const text = 'resource "a_b" "x" {\n  n {\n    k = 1\n  }\n  n {\n    k = 2\n  }\n}\n\nresource "a_b" "y" {\n  k = 3\n}\n';
  it('finds the n-th nested block, an argument in it, and stops at the next top-level block', () => {
    const lines = new LineFinder(text);
    expect(lines.lineOf('resource', ['a_b', 'x'], [{ block: 'n', index: 1 }, { argument: 'k' }])).toBe(6);
    expect(lines.lineOf('resource', ['a_b', 'x'], [{ block: 'n', index: 0 }])).toBe(2);
    expect(lines.lineOf('resource', ['a_b', 'y'], [{ argument: 'k' }])).toBe(11);
    expect(lines.lineOf('resource', ['a_b', 'x'], [{ argument: 'missing' }])).toBe(1);
  });
});

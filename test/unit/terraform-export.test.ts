import { describe, expect, it } from 'vitest';
import { parse } from '@cdktf/hcl2json';
import { ContractError } from '../../src/errors.js';
import { AWS_VARIABLES } from '../../src/targets/aws/blueprint.js';
import { isFieldKey } from '../../src/targets/keys.js';
import { exportTfvars, REDACTED_MARKER, REQUIRED_MARKER } from '../../src/targets/terraform-export.js';
import { AWS_ANSWERS } from '../fixtures.js';

const layer = (values: Record<string, unknown>) => [{ source: 'answers.yaml', values }];

describe('infra terraform export', () => {
  it('knows the variables the blueprint declares, each a contract key of the same name', () => {
    expect(AWS_VARIABLES.length).toBeGreaterThan(40);
    expect(AWS_VARIABLES).toContain('acm_certificate_arn');
    expect(AWS_VARIABLES.filter((name) => !isFieldKey(name))).toEqual([]);
  });

  it('filled: the values the bundle would get, parsed back as HCL and as JSON', async () => {
    const hcl = exportTfvars({ provider: 'aws', mode: 'filled', format: 'hcl', layers: layer(AWS_ANSWERS), includeSecrets: false });
    const parsed = (await parse('terraform.tfvars', hcl.content)) as Record<string, unknown>;
    expect(parsed.project_name).toBe('acme-saas');
    expect(parsed.api_secrets).toEqual(AWS_ANSWERS.api_secrets);
    expect(parsed.db_instance_class).toBe('db.t4g.micro');
    const json = exportTfvars({ provider: 'aws', mode: 'filled', format: 'json', layers: layer(AWS_ANSWERS), includeSecrets: false });
    expect(JSON.parse(json.content).aws_region).toBe('eu-west-1');
    expect(json.variables).toEqual(hcl.variables);
  });

  it('filled: every missing or invalid input at once, and a typo is an error naming the variable', () => {
    const { acm_certificate_arn: _a, storage_bucket_name: _b, ...rest } = AWS_ANSWERS;
    try {
      exportTfvars({ provider: 'aws', mode: 'filled', format: 'hcl', layers: layer({ ...rest, api_cpu: 300, db_instance_clas: 'db.t4g.small' }), includeSecrets: false });
      expect.unreachable('filled mode must fail');
    } catch (error) {
      expect(error).toBeInstanceOf(ContractError);
      const problems = (error as ContractError).problems;
      const keys = problems.map((p) => p.key);
      expect(keys).toEqual(expect.arrayContaining(['acm_certificate_arn', 'storage_bucket_name', 'api_cpu', 'db_instance_clas']));
      expect(problems.find((p) => p.key === 'db_instance_clas')?.hint ?? problems.find((p) => p.key === 'db_instance_clas')?.message).toContain('db_instance_class');
    }
  });

  it('template: placeholders for what is required, redacted secret maps, problems as warnings', async () => {
    const { acm_certificate_arn: _a, ...rest } = AWS_ANSWERS;
    const result = exportTfvars({ provider: 'aws', mode: 'template', format: 'hcl', layers: layer({ ...rest, db_instance_clas: 'x' }), includeSecrets: false });
    const parsed = (await parse('terraform.tfvars', result.content)) as Record<string, unknown>;
    expect(parsed.acm_certificate_arn).toBe(REQUIRED_MARKER);
    const secrets = parsed.api_secrets as Record<string, string>;
    expect(Object.values(secrets).every((v) => v === REDACTED_MARKER)).toBe(true);
    expect(result.content).not.toContain('acme-saas/prod/secret-key');
    expect(result.warnings.map((w) => w.key)).toEqual(expect.arrayContaining(['acm_certificate_arn', 'db_instance_clas']));
    const kept = exportTfvars({ provider: 'aws', mode: 'template', format: 'hcl', layers: layer(rest), includeSecrets: true });
    expect(kept.content).toContain('acme-saas/prod/secret-key');
  });

  it('template with no answers: the required inputs as placeholders', async () => {
    const result = exportTfvars({ provider: 'aws', mode: 'template', format: 'json', layers: [], includeSecrets: false });
    const values = JSON.parse(result.content) as Record<string, unknown>;
    for (const name of ['project_name', 'api_image', 'web_image', 'app_public_url', 'storage_bucket_name', 'aws_region']) expect(values[name]).toBe(REQUIRED_MARKER);
  });

  it.each(['aws', 'azure', 'gcp'] as const)('%s: the variables are the blueprint\'s own, each a contract key', (provider) => {
    const result = exportTfvars({ provider, mode: 'template', format: 'json', layers: [], includeSecrets: false });
    const names = Object.keys(JSON.parse(result.content) as Record<string, unknown>);
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((name) => !isFieldKey(name))).toEqual([]);
  });
});

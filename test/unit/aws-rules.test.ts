import { describe, expect, it } from 'vitest';
import { resolveContract } from '../../src/targets/contract.js';
import { AWS_ANSWERS } from '../fixtures.js';

const problems = (values: Record<string, unknown>) => {
  const r = resolveContract([{ source: 'answers.yaml', values: { ...AWS_ANSWERS, ...values } }]);
  return r.ok ? [] : r.problems.map((p) => `${p.key}: ${p.message}`);
};

describe('aws contract rules', () => {
  it('the example answers are a valid contract; the blueprint provides DATABASE_URL and REDIS_URL', () => {
    const r = resolveContract([{ source: 'answers.yaml', values: AWS_ANSWERS }]);
    expect(r.ok ? [] : r.problems).toEqual([]);
    if (r.ok) {
      expect(r.contract.api_base_url).toBe('http://acme-saas-api:8000');
      expect(r.contract.s3_region).toBe('eu-west-1');
    }
  });

  it('Fargate memory must fit the CPU size', () => {
    expect(problems({ api_cpu: 256, api_memory: 4096 })).toEqual([expect.stringMatching(/^api_memory: 4096 MiB does not fit api_cpu 256/)]);
    expect(problems({ api_cpu: 1024, api_memory: 3072 })).toEqual([]);
    expect(problems({ web_cpu: 300 })).toEqual([expect.stringMatching(/^web_cpu: must be a Fargate CPU size/)]);
  });

  it('HTTPS outside dev, with a certificate; the scheme of the URLs follows it', () => {
    expect(problems({ acm_certificate_arn: undefined })).toEqual([expect.stringMatching(/^acm_certificate_arn: is required with enable_https/)]);
    expect(problems({ enable_https: false, acm_certificate_arn: undefined })).toEqual(expect.arrayContaining([expect.stringMatching(/^enable_https: must be true in prod/)]));
    expect(problems({ app_public_url: 'https://app.example.com:8443' })).toEqual([expect.stringMatching(/^app_public_url: must be an origin without a port or path/)]);
    expect(problems({ api_public_url: 'https://app.example.com' })).toEqual([expect.stringMatching(/^api_public_url: must be a different host/)]);
  });

  it('secrets are Secrets Manager references, never values; one worker', () => {
    expect(problems({ api_secrets: { ...(AWS_ANSWERS.api_secrets as object), SECRET_KEY: 'not a name!' } })).toEqual(expect.arrayContaining([expect.stringMatching(/^api_secrets\.SECRET_KEY: /)]));
    expect(problems({ worker_desired_count: 2 })).toEqual([expect.stringMatching(/^worker_desired_count: must be 1/)]);
    expect(problems({ tf_state_key: 'x/terraform.tfstate' })).toEqual([expect.stringMatching(/^tf_state_key: has no effect without tf_state_bucket/)]);
  });
});

/** The Kubernetes target's contract: derived defaults, lists from every source, and its cross-field rules. */
import { describe, expect, it } from 'vitest';
import { parseVarFlags } from '../../src/contract/vars.js';
import { resolveContract } from '../../src/targets/contract.js';
import { K8S_ANSWERS, layer, VPS_ANSWERS } from '../fixtures.js';

const keysOf = (r: ReturnType<typeof resolveContract>) => (r.ok ? [] : r.problems.map((p) => p.key));
const problemsOf = (r: ReturnType<typeof resolveContract>) => (r.ok ? [] : r.problems);
function contractOf(...layers: Record<string, unknown>[]) {
  const result = resolveContract(layers.map((values, i) => layer(values, `layer${i}`)));
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.contract;
}

describe('k8s contract: defaults', () => {
  it('derives the namespace, the in-cluster API URL, the ingress host and the TLS secret', () => {
    const contract = contractOf(K8S_ANSWERS);
    expect(contract).toMatchObject({
      namespace: 'acme-saas',
      api_base_url: 'http://acme-saas-api:8000',
      ingress_hosts: ['app.example.com'],
      tls_secret_name: 'acme-saas-tls',
      ingress_enabled: true,
      external_secrets_enabled: true,
      external_secrets_store_kind: 'ClusterSecretStore',
      api_replicas: 2,
      worker_replicas: 1,
      autoscaling_enabled: false,
      migrations_job: true,
    });
  });

  it('derives no TLS secret for a plain-http app (dev)', () => {
    const contract = contractOf({ ...K8S_ANSWERS, environment: 'dev', app_public_url: 'http://app.dev.example.com' });
    expect(contract.tls_secret_name).toBeUndefined();
    expect(contract.ingress_hosts).toEqual(['app.dev.example.com']);
  });

  it('reports a missing project_name once, not the keys derived from it', () => {
    const { project_name: _p, ...rest } = K8S_ANSWERS;
    expect(keysOf(resolveContract([layer(rest)]))).toEqual(['project_name']);
  });
});

describe('k8s contract: list keys', () => {
  it('take a JSON list from --var, and a later source replaces the whole list', () => {
    const vars = parseVarFlags(['ingress_hosts=["app.example.com","www.example.com"]']);
    expect(vars.problems).toEqual([]);
    const result = resolveContract([layer({ ...K8S_ANSWERS, ingress_hosts: ['app.example.com', 'old.example.com'] }), vars.layer]);
    expect(result.ok && result.contract.ingress_hosts).toEqual(['app.example.com', 'www.example.com']);
  });

  it('read a plain string as a comma-separated list (answers files of other tools, --var a,b)', () => {
    const vars = parseVarFlags(['api_hosts=api.example.com, api2.example.com']);
    const result = resolveContract([layer(K8S_ANSWERS), vars.layer]);
    expect(result.ok && result.contract.api_hosts).toEqual(['api.example.com', 'api2.example.com']);
  });

  it('reject a host that is not a lower-case DNS name, an IP, or a duplicate', () => {
    const problems = problemsOf(resolveContract([layer({ ...K8S_ANSWERS, ingress_hosts: ['App.example.com', '10.0.0.1', 'app.example.com', 'app.example.com'] })]));
    expect(problems.map((p) => p.key)).toEqual(expect.arrayContaining(['ingress_hosts.0', 'ingress_hosts.1', 'ingress_hosts']));
    expect(problems.find((p) => p.key === 'ingress_hosts.1')?.message).toMatch(/IP address/);
  });
});

describe('k8s contract: ingress rules', () => {
  it('app_public_url must be served by the Ingress', () => {
    const problems = problemsOf(resolveContract([layer({ ...K8S_ANSWERS, ingress_hosts: ['www.example.com'] })]));
    expect(problems).toEqual([expect.objectContaining({ key: 'ingress_hosts', message: expect.stringContaining('app.example.com') })]);
  });

  it('an API host is never an app host (app hosts send /api to the web app)', () => {
    expect(keysOf(resolveContract([layer({ ...K8S_ANSWERS, api_hosts: ['app.example.com'] })]))).toEqual(['api_hosts']);
  });

  it('api_hosts and tls_cluster_issuer have no effect without the Ingress, and say so', () => {
    const keys = keysOf(resolveContract([layer({ ...K8S_ANSWERS, ingress_enabled: false, api_hosts: ['api.example.com'], tls_cluster_issuer: 'letsencrypt' })]));
    expect(keys).toEqual(['api_hosts', 'tls_cluster_issuer']);
    expect(resolveContract([layer({ ...K8S_ANSWERS, ingress_enabled: 'false' })]).ok).toBe(true);
  });
});

describe('k8s contract: secrets', () => {
  it('External Secrets needs its store, and the secret maps name keys in it', () => {
    const { external_secrets_store: _s, ...rest } = K8S_ANSWERS;
    const problems = problemsOf(
      resolveContract([layer({ ...rest, api_secrets: { ...(K8S_ANSWERS.api_secrets as object), DATABASE_URL: 'postgresql+asyncpg://u:p@db/x', REDIS_URL: 'rediss://:p@redis:6379/0', TOKEN_A: '<redacted>', TOKEN_B: 'acme/prod#token' } })]),
    );
    expect(problems.map((p) => p.key)).toEqual(['api_secrets.DATABASE_URL', 'api_secrets.REDIS_URL', 'api_secrets.TOKEN_A', 'external_secrets_store']);
    expect(problems.find((p) => p.key === 'api_secrets.TOKEN_A')?.message).toMatch(/redacted/);
  });

  it('without External Secrets the maps hold values, and a store is an answer without effect', () => {
    const plain: Record<string, unknown> = { ...K8S_ANSWERS, external_secrets_enabled: false,
      api_secrets: {
        DATABASE_URL: 'postgresql+asyncpg://u:p@db/x',
        REDIS_URL: 'rediss://:p@r:6379/0',
        OPENAI_API_KEY: 'sk-test',
        SECRET_KEY: 'secret-key-value',
        AUTH_PASSWORD_PEPPER: 'password-pepper-value',
        AUTH_REFRESH_TOKEN_PEPPER: 'refresh-pepper-value',
      },
    };
    expect(keysOf(resolveContract([layer(plain)]))).toEqual(['external_secrets_store']);
    const { external_secrets_store: _s, ...withoutStore } = plain;
    expect(resolveContract([layer(withoutStore)]).ok).toBe(true);
  });

  it('file key storage cannot work on Kubernetes, even in dev', () => {
    const keys = keysOf(resolveContract([layer({ ...K8S_ANSWERS, environment: 'dev', auth_key_storage_backend: 'file' })]));
    expect(keys).toEqual(['auth_key_storage_backend']);
  });

  it('MinIO storage needs its endpoint, as on other container platforms', () => {
    const { s3_region: _r, ...rest } = K8S_ANSWERS;
    const minio = { ...rest, storage_provider: 'minio', api_secrets: { ...(K8S_ANSWERS.api_secrets as object), MINIO_ACCESS_KEY: 'acme-saas/prod/minio-access-key', MINIO_SECRET_KEY: 'acme-saas/prod/minio-secret-key' } };
    expect(keysOf(resolveContract([layer(minio)]))).toEqual(['minio_endpoint']);
    expect(resolveContract([layer({ ...minio, minio_endpoint: 'https://minio.example.com' })]).ok).toBe(true);
  });
});

describe('k8s contract: workloads', () => {
  const resources = (requests: Record<string, string>, limits: Record<string, string>) => ({ requests, limits });

  it('accepts Kubernetes quantities and rejects anything else', () => {
    expect(resolveContract([layer({ ...K8S_ANSWERS, api_resources: resources({ cpu: '0.5', memory: '512M' }, { cpu: '2', memory: '1.5Gi' }) })]).ok).toBe(true);
    const keys = keysOf(resolveContract([layer({ ...K8S_ANSWERS, api_resources: resources({ cpu: '250 m', memory: '512MB' }, { cpu: '0', memory: '1Gi' }) })]));
    expect(keys).toEqual(['api_resources.limits.cpu', 'api_resources.requests.cpu', 'api_resources.requests.memory']);
  });

  it('requests must fit within limits (compared as quantities, not strings)', () => {
    const keys = keysOf(resolveContract([layer({ ...K8S_ANSWERS, web_resources: resources({ cpu: '1500m', memory: '1025Mi' }, { cpu: '1', memory: '1Gi' }) })]));
    expect(keys).toEqual(['web_resources.requests.cpu', 'web_resources.requests.memory']);
    expect(resolveContract([layer({ ...K8S_ANSWERS, web_resources: resources({ cpu: '1000m', memory: '1024Mi' }, { cpu: '1', memory: '1Gi' }) })]).ok).toBe(true);
  });

  it('resources are replaced as a whole: a partial object names what is missing', () => {
    expect(keysOf(resolveContract([layer({ ...K8S_ANSWERS, api_resources: { limits: { cpu: '1', memory: '1Gi' } } })]))).toEqual(['api_resources.requests']);
  });

  it('autoscaling bounds are ordered, and numbers from --var are read as numbers', () => {
    const vars = parseVarFlags(['autoscaling_enabled=true', 'autoscaling_min_replicas=5', 'autoscaling_max_replicas=3']);
    expect(keysOf(resolveContract([layer(K8S_ANSWERS), vars.layer]))).toEqual(['autoscaling_min_replicas']);
  });

  it('migrations_job is a boolean, read from --var as one, and a k8s key only', () => {
    const vars = parseVarFlags(['migrations_job=false']);
    const result = resolveContract([layer(K8S_ANSWERS), vars.layer]);
    expect(result.ok && result.contract.migrations_job).toBe(false);
    expect(keysOf(resolveContract([layer({ ...K8S_ANSWERS, migrations_job: 'sometimes' })]))).toEqual(['migrations_job']);
    expect(keysOf(resolveContract([layer({ ...VPS_ANSWERS, migrations_job: false })]))).toEqual(['migrations_job']);
  });

  it('keys of other targets are not accepted', () => {
    expect(keysOf(resolveContract([layer({ ...K8S_ANSWERS, acme_email: 'ops@example.com' })]))).toEqual(['acme_email']);
  });
});

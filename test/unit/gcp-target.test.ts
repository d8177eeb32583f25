/**
 * The GCP target: its services list mirrors the provider-free module, its rules refuse what Cloud
 * Run or Secret Manager would refuse, its derived values and env are the ones the blueprint computes,
 * and the rendered configuration enables every Google API the blueprint uses (or, switched off, the
 * runbook lists each one), proven by the bundle's own check and broken on purpose.
 */
import { readFileSync } from 'node:fs';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { resolveContract } from '../../src/targets/contract.js';
import { GCP_VARIABLES } from '../../src/targets/gcp/blueprint.js';
import { DEFAULT_PROJECT_SERVICES, requiredProjectServices } from '../../src/targets/gcp/keys-services.js';
import type { GcpContract } from '../../src/targets/gcp/keys.js';
import { imageHost, pullableByCloudRun } from '../../src/targets/gcp/rules.js';
import { gcpEnv, servicesPlan, TFVARS_PATH } from '../../src/targets/gcp/view.js';
import { isFieldKey } from '../../src/targets/keys.js';
import { exportTfvars } from '../../src/targets/terraform-export.js';
import { GCP_ANSWERS } from '../fixtures.js';
import { TARGETS } from '../targets.js';

type Answers = Record<string, unknown>;
const resolve = (answers: Answers) => resolveContract([{ source: 'answers.yaml', values: answers }]);
const problems = (answers: Answers) => {
  const result = resolve(answers);
  return result.ok ? [] : result.problems.map((p) => `${p.key}: ${p.message}`);
};
const contractOf = (answers: Answers): GcpContract => {
  const result = resolve(answers);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.contract as GcpContract;
};
const envOf = (vars: { name: string; value: string }[] | undefined) => new Map((vars ?? []).map((v) => [v.name, v.value]));

async function bundle(answers: Answers) {
  const result = resolve(answers);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const target = TARGETS.gcp;
  const files = buildBundle({ contract: result.contract, target, preset: result.preset, answers: result.answers, version: 'test', includeSecrets: false }).files;
  return { contract: result.contract, files: new Map(files.map((f) => [f.path, f.content])) };
}

async function checkProblems(contract: Parameters<(typeof TARGETS)['gcp']['embeddedChecks']>[0], files: Map<string, string>, id: string) {
  const check = TARGETS.gcp.embeddedChecks(contract).find((c) => c.id === id);
  if (!check) throw new Error(`no ${id} check`);
  await check.prepare?.(files);
  return check.run(files);
}

describe('gcp services list', () => {
  it('mirrors the gcp-services module, which holds every API the blueprint uses', () => {
    const main = readFileSync('templates/terraform/modules/gcp-services/main.tf', 'utf8');
    const block = /default_services = \[([^\]]*)\]/.exec(main)?.[1] ?? '';
    expect([...block.matchAll(/"([^"]+)"/g)].map((m) => m[1])).toEqual([...DEFAULT_PROJECT_SERVICES]);
    for (const api of ['compute', 'iam', 'redis', 'run', 'secretmanager', 'servicenetworking', 'sqladmin', 'storage', 'vpcaccess']) expect(DEFAULT_PROJECT_SERVICES).toContain(`${api}.googleapis.com`);
    expect(requiredProjectServices(true)).toContain('artifactregistry.googleapis.com');
  });

  it('the rendered configuration enables every listed service, and the check fails when the blueprint stops enabling them', async () => {
    const { contract, files } = await bundle(GCP_ANSWERS);
    const tfvars = (await parse('terraform.tfvars', files.get(TFVARS_PATH) ?? '')) as Answers;
    expect(tfvars.enable_project_services).toBe(true);
    expect(tfvars.project_services).toEqual(requiredProjectServices(false));
    expect(servicesPlan(contract as GcpContract).enabled).toEqual(requiredProjectServices(false));
    expect(await checkProblems(contract, files, 'gcp-project-services')).toEqual([]);
    const project = 'ops/infra/gcp/project.tf';
    const broken = new Map(files).set(project, (files.get(project) ?? '').replace('toset(module.project_services.enabled)', 'toset([])'));
    expect(await checkProblems(contract, broken, 'gcp-project-services')).toEqual([
      `${project}: google_project_service.enabled must enable toset(module.project_services.enabled) (it has \${toset([])}); re-generate the bundle`,
    ]);
  });

  it('switched off: enables none, and the runbook lists each API of the override list to enable by hand (the check fails without it)', async () => {
    const extra = [...requiredProjectServices(false), 'logging.googleapis.com'];
    const { contract, files } = await bundle({ ...GCP_ANSWERS, enable_project_services: false, project_services: extra });
    const plan = servicesPlan(contract as GcpContract);
    expect(plan.enabled).toEqual([]);
    const readme = files.get('README.md') ?? '';
    for (const service of extra) expect(readme).toContain(`gcloud services enable ${service} --project acme-saas-prod`);
    expect(await checkProblems(contract, files, 'gcp-project-services')).toEqual([]);
    const broken = new Map(files).set('README.md', readme.replace(/gcloud services enable run\.googleapis\.com[^\n]*\n/, ''));
    expect(await checkProblems(contract, broken, 'gcp-project-services')).toEqual([
      'README.md: enable_project_services is false, but the runbook does not list run.googleapis.com to enable by hand; re-generate the bundle',
    ]);
  });

  it('an override list must keep every API the blueprint uses', () => {
    expect(problems({ ...GCP_ANSWERS, project_services: ['run.googleapis.com', 'logging.googleapis.com'] })).toContain(
      'project_services: replaces the default list and lacks compute.googleapis.com, iam.googleapis.com, redis.googleapis.com, secretmanager.googleapis.com, servicenetworking.googleapis.com, sqladmin.googleapis.com, storage.googleapis.com, vpcaccess.googleapis.com, which the blueprint uses',
    );
    expect(problems({ ...GCP_ANSWERS, image_registry_upstream: 'ghcr.io', project_services: requiredProjectServices(false) })).toContain(
      'project_services: replaces the default list and lacks artifactregistry.googleapis.com, which the blueprint uses',
    );
  });
});

describe('gcp rules', () => {
  it('accept the fixture', () => {
    expect(problems(GCP_ANSWERS)).toEqual([]);
  });

  it('refuse images Cloud Run cannot pull unless their registry is proxied', () => {
    expect(imageHost('ghcr.io/acme/api:1')).toBe('ghcr.io');
    expect(imageHost('library/nginx:1')).toBeUndefined();
    expect(pullableByCloudRun('europe-west1-docker.pkg.dev')).toBe(true);
    expect(pullableByCloudRun('ghcr.io')).toBe(false);
    const ghcr = { ...GCP_ANSWERS, api_image: 'ghcr.io/acme/api:1.4.2' };
    expect(problems(ghcr)).toEqual(['image_registry_upstream: is required: api_image is on ghcr.io, which Cloud Run cannot pull from (it pulls from Artifact Registry and Docker Hub)']);
    expect(problems({ ...ghcr, image_registry_upstream: 'quay.io' })).toEqual(['api_image: is on ghcr.io, which Cloud Run cannot pull from, and image_registry_upstream proxies quay.io only']);
    expect(problems({ ...ghcr, image_registry_upstream: 'ghcr.io' })).toEqual([]);
    expect(problems({ ...ghcr, image_registry_upstream: 'ghcr.io', image_registry_username: 'bot' })).toEqual([
      'image_registry_password_secret: is required with the other registry credential: a private upstream needs a user name and a token secret',
    ]);
  });

  it('refuse secret values and memory that does not fit the vCPUs', () => {
    expect(problems({ ...GCP_ANSWERS, api_secrets: { ...(GCP_ANSWERS.api_secrets as Answers), SECRET_KEY: 'not a name!' } })).toEqual([
      'api_secrets.SECRET_KEY: must name a Secret Manager secret: a name (letters, digits, _ and -) or projects/<project>/secrets/<name>, optionally with /versions/<n>',
    ]);
    expect(problems({ ...GCP_ANSWERS, api_cpu_limit: '4', api_memory_limit: '1Gi' })).toEqual([
      'api_memory_limit: 1Gi does not fit api_cpu_limit 4: Cloud Run allows 2048Mi to 16Gi with 4 vCPU',
    ]);
  });

  it('refuse storage other than gcs, naming the target', () => {
    expect(problems({ ...GCP_ANSWERS, storage_provider: 's3', s3_region: 'eu-west-1' })).toContain('storage_provider: s3 does not fit the gcp target');
  });
});

describe('gcp view', () => {
  it('derives the run.app URLs, the projects and the production sizes from project_id, project_number and region', () => {
    const contract = contractOf(GCP_ANSWERS);
    expect(contract.api_base_url).toBe('https://acme-saas-prod-api-123456789012.europe-west1.run.app');
    expect(contract.gcp_project_id).toBe('acme-saas-prod');
    expect(contract.db_password_secret).toBe('acme-saas-prod-db-password');
    expect([contract.redis_tier, contract.api_min_instances]).toEqual(['STANDARD_HA', 1]);
    const { app_public_url: _app, ...noApp } = GCP_ANSWERS;
    expect(contractOf({ ...noApp, environment: 'dev' }).app_public_url).toBe('https://acme-saas-dev-web-123456789012.europe-west1.run.app');
  });

  it('gives the worker the API env (user api_env included) with the worker billing flags, and the API the hosts of its clients and probes', () => {
    const env = gcpEnv(contractOf({ ...GCP_ANSWERS, api_env: { LOGGING_SINKS: 'stdout' } }));
    const [api, worker] = [envOf(env.api), envOf(env.worker)];
    expect(worker.get('LOGGING_SINKS')).toBe('stdout');
    expect([api.get('ENABLE_BILLING_RETRY_WORKER'), api.get('ENABLE_BILLING_STREAM_REPLAY'), api.get('BILLING_RETRY_DEPLOYMENT_MODE')]).toEqual(['false', 'false', 'dedicated']);
    expect([worker.get('ENABLE_BILLING_RETRY_WORKER'), worker.get('ENABLE_BILLING_STREAM_REPLAY'), worker.get('BILLING_RETRY_DEPLOYMENT_MODE')]).toEqual(['true', 'true', 'dedicated']);
    expect(api.get('ALLOWED_HOSTS')).toBe('127.0.0.1,acme-saas-prod-api-123456789012.europe-west1.run.app,localhost');
    expect(api.get('GCP_PROJECT_ID')).toBe('acme-saas-prod');
    // The app falls back to GCP_PROJECT_ID; GCP_SM_PROJECT_ID is not needed.
    expect(api.has('GCP_SM_PROJECT_ID')).toBe(false);
    const inline = envOf(gcpEnv(contractOf({ ...GCP_ANSWERS, enable_worker: false })).api);
    expect([inline.get('ENABLE_BILLING_RETRY_WORKER'), inline.get('ENABLE_BILLING_STREAM_REPLAY')]).toEqual(['true', 'true']);
  });

  it('infra terraform export --provider gcp writes the bundle\'s variables', async () => {
    expect(GCP_VARIABLES.filter((name) => !isFieldKey(name))).toEqual([]);
    const out = exportTfvars({ provider: 'gcp', mode: 'filled', format: 'hcl', layers: [{ source: 'answers.yaml', values: GCP_ANSWERS }], includeSecrets: false });
    const { files } = await bundle(GCP_ANSWERS);
    expect(out.content).toBe(files.get(TFVARS_PATH));
  });
});

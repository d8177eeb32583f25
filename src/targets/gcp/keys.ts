/**
 * The keys only the GCP target reads (project, network, Cloud Run sizes, Cloud SQL, Memorystore,
 * the bucket's location, the image registry proxy), its defaults, derived values and rules. Light on
 * purpose (zod and src/contract only). The blueprint's variables carry the same names
 * (templates/terraform/gcp/variables.tf).
 */
import { z } from 'zod';
import type { Contract } from '../../contract/contract.js';
import type { FieldSpec } from '../../contract/fields.js';
import { CONNECTION_SECRETS } from '../../contract/literals.js';
import { settingRelevant } from '../../contract/app-env/planned.js';
import { appSetting } from '../../contract/app-env/settings.js';
import { asRecord } from '../../contract/records.js';
import { withWorker } from '../../contract/relevance.js';
import type { KeysOf, TargetKeySet } from '../../contract/target-keys.js';
import { gcpProblems, proxiedRegistry } from './rules.js';
import { requiredProjectServices } from './keys-services.js';

type Answers = Record<string, unknown>;

export const CLOUD_RUN_CPU = ['1', '2', '4', '8'] as const;
const GCP_PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(\d|[12]\d|3[0-2])$/;
const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
const cpu = z.enum(CLOUD_RUN_CPU);
const memory = z.string().regex(/^[1-9][0-9]*(Mi|Gi)$/, 'must be a memory size such as 512Mi or 2Gi');
const instances = z.number().int().min(0).max(1000);
const gcp = (description: string, extra: { advanced?: boolean } = {}) => ({ description, targets: ['gcp'] as const, ...extra });

const GCP_FIELDS = {
  project_id: { schema: z.string().regex(GCP_PROJECT, 'must be a GCP project ID: 6-30 lower-case letters, digits and -, starting with a letter'), ...gcp('GCP project of every resource (GCP_PROJECT_ID, and GCP_SM_PROJECT_ID when the app needs it, derive from it).') },
  project_number: {
    schema: z.string().regex(/^[1-9]\d{5,18}$/, "must be the project's number (digits): gcloud projects describe <project_id> --format='value(projectNumber)'"),
    ...gcp("Number of project_id: the services' deterministic run.app URLs (https://<service>-<number>.<region>.run.app) contain it."),
  },
  region: { schema: z.string().regex(/^[a-z]+-[a-z]+\d$/, 'must be a GCP region such as europe-west1'), ...gcp('Region of Cloud Run, Cloud SQL, Memorystore and the VPC connector.') },
  enable_project_services: { schema: z.boolean(), ...gcp('Enable the Google APIs of project_services on apply; false enables none, and the runbook lists what to enable by hand.') },
  project_services: {
    schema: z.array(z.string().regex(/^[a-z][a-z0-9-]*\.googleapis\.com$/, 'must be an API service name such as run.googleapis.com')).min(1),
    ...gcp('The Google APIs to enable. Replaces the default list (every API the blueprint uses, which it must keep); add names to extend it.', { advanced: true }),
  },
  vpc_subnet_cidr: { schema: z.string().regex(CIDR, 'must be an IPv4 CIDR range such as 10.30.0.0/20'), ...gcp('CIDR range of the VPC subnet (private Google access on).', { advanced: true }) },
  vpc_connector_cidr: {
    schema: z.string().regex(CIDR, 'must be an IPv4 CIDR range').refine((v) => v.endsWith('/28'), 'must be a /28 range (the connector needs exactly a /28)'),
    ...gcp('CIDR range (/28) of the Serverless VPC Access connector.', { advanced: true }),
  },
  private_service_cidr_prefix: { schema: z.number().int().min(16).max(24), ...gcp('Prefix length of the Private Service Access range (Cloud SQL and Memorystore).', { advanced: true }) },
  api_cpu_limit: { schema: cpu, ...gcp('vCPUs of an API instance: 1, 2, 4 or 8.', { advanced: true }) },
  api_memory_limit: { schema: memory, ...gcp('Memory of an API instance (must fit api_cpu_limit).', { advanced: true }) },
  web_cpu_limit: { schema: cpu, ...gcp('vCPUs of a web instance: 1, 2, 4 or 8.', { advanced: true }) },
  web_memory_limit: { schema: memory, ...gcp('Memory of a web instance (must fit web_cpu_limit).', { advanced: true }) },
  worker_cpu_limit: { schema: cpu, ...gcp('vCPUs of the worker instance (always allocated).', { advanced: true }) },
  worker_memory_limit: { schema: memory, ...gcp('Memory of the worker instance (must fit worker_cpu_limit).', { advanced: true }) },
  api_min_instances: { schema: instances, ...gcp('Minimum API instances (0 scales to zero; default 1 in prod).', { advanced: true }) },
  api_max_instances: { schema: instances.min(1), ...gcp('Maximum API instances.', { advanced: true }) },
  web_min_instances: { schema: instances, ...gcp('Minimum web instances (0 scales to zero; default 1 in prod).', { advanced: true }) },
  web_max_instances: { schema: instances.min(1), ...gcp('Maximum web instances.', { advanced: true }) },
  db_tier: { schema: z.string().regex(/^db-(custom-\d+-\d+|f1-micro|g1-small)$/, 'must be a Cloud SQL Enterprise tier such as db-custom-1-3840'), ...gcp('Cloud SQL machine tier (Enterprise edition).', { advanced: true }) },
  db_disk_size_gb: { schema: z.number().int().min(10).max(65536), ...gcp('Initial database disk in GB (grows automatically).', { advanced: true }) },
  db_backup_retention_count: { schema: z.number().int().min(1).max(365), ...gcp('Automated backups Cloud SQL keeps.', { advanced: true }) },
  db_password_secret: {
    schema: z.string().regex(SECRET_ID, 'must be a Secret Manager secret name in project_id (letters, digits, _ and -)'),
    ...gcp('Existing Secret Manager secret holding the database password (default <project_name>-<environment>-db-password); Terraform writes DATABASE_URL from it.', { advanced: true }),
  },
  redis_tier: { schema: z.enum(['BASIC', 'STANDARD_HA']), ...gcp('Memorystore tier: BASIC, or STANDARD_HA with failover (default in prod).', { advanced: true }) },
  redis_memory_size_gb: { schema: z.number().int().min(1).max(300), ...gcp('Memory of the Redis instance in GB.', { advanced: true }) },
  redis_version: { schema: z.string().regex(/^REDIS_\d+_\d+$/, 'must be a Memorystore version such as REDIS_7_2'), ...gcp('Memorystore Redis version.', { advanced: true }) },
  storage_location: { schema: z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'must be a GCS location such as EU or europe-west1'), ...gcp('Location of the bucket (default: region).', { advanced: true }) },
  image_registry_upstream: {
    schema: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, 'must be a registry host such as ghcr.io').refine((host) => !host.endsWith('pkg.dev') && host !== 'docker.io', 'names a registry Cloud Run pulls from directly: leave it unset'),
    ...gcp('Registry host (e.g. ghcr.io) Cloud Run cannot pull from: its images are pulled through an Artifact Registry remote repository the blueprint creates.'),
  },
  image_registry_username: { schema: z.string().regex(/^[^\s]{1,128}$/, 'must be a user name without spaces'), ...gcp('User name for private images on image_registry_upstream.') },
  image_registry_password_secret: {
    schema: z.string().regex(SECRET_ID, 'must be a Secret Manager secret name in project_id'),
    ...gcp('Existing Secret Manager secret holding the token for image_registry_upstream (read by the Artifact Registry service agent).'),
  },
} as const satisfies Record<string, FieldSpec>;

export type GcpKeys = KeysOf<typeof GCP_FIELDS>;
/** The contract the gcp view, files and checks read. */
export type GcpContract = Contract & GcpKeys;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Cloud Run's deterministic URL of a service of this deployment, or undefined when an input is missing. */
export function runUrl(answers: Answers, service: 'api' | 'web'): string | undefined {
  const [project, environment, number, region] = [text(answers.project_name), text(answers.environment), text(answers.project_number), text(answers.region)];
  return project && environment && number && region ? `https://${project}-${environment}-${service}-${number}.${region}.run.app` : undefined;
}

function deriveGcp(answers: Answers): Readonly<Record<string, unknown>> {
  const projectId = text(answers.project_id);
  const prod = answers.environment === 'prod';
  const project = text(answers.project_name);
  const environment = text(answers.environment);
  const withProject = { ...answers, gcp_project_id: answers.gcp_project_id ?? projectId };
  const smSetting = appSetting('GCP_SM_PROJECT_ID');
  return {
    api_base_url: runUrl(answers, 'api'),
    app_public_url: runUrl(answers, 'web'),
    gcp_project_id: answers.storage_provider === 'gcs' ? projectId : undefined,
    // GCP_SM_PROJECT_ID only where the app reads it (it falls back to GCP_PROJECT_ID otherwise).
    gcp_sm_project_id: projectId && smSetting && settingRelevant(smSetting, withProject) ? projectId : undefined,
    project_services: requiredProjectServices(proxiedRegistry(answers) !== undefined),
    db_password_secret: project && environment ? `${project}-${environment}-db-password` : undefined,
    redis_tier: environment ? (prod ? 'STANDARD_HA' : 'BASIC') : undefined,
    api_min_instances: environment ? (prod ? 1 : 0) : undefined,
    web_min_instances: environment ? (prod ? 1 : 0) : undefined,
  };
}

/** DATABASE_URL and REDIS_URL: the blueprint's own secrets, unless api_secrets brings its own. */
export function blueprintConnectionSecrets(answers: Answers): readonly string[] {
  const secrets = asRecord(answers.api_secrets);
  return CONNECTION_SECRETS.filter((name) => !Object.hasOwn(secrets, name));
}

const runUrlRelevance = { after: ['project_id', 'project_number', 'region'], when: () => true, reason: 'always (its default is a run.app URL of project_number and region)' };

export const GCP_KEYS: TargetKeySet<typeof GCP_FIELDS> = {
  id: 'gcp',
  fields: GCP_FIELDS,
  required: [
    'project_id',
    'project_number',
    'region',
    'enable_project_services',
    'project_services',
    'vpc_subnet_cidr',
    'vpc_connector_cidr',
    'private_service_cidr_prefix',
    'api_cpu_limit',
    'api_memory_limit',
    'web_cpu_limit',
    'web_memory_limit',
    'worker_cpu_limit',
    'worker_memory_limit',
    'api_min_instances',
    'api_max_instances',
    'web_min_instances',
    'web_max_instances',
    'db_tier',
    'db_disk_size_gb',
    'db_backup_retention_count',
    'db_password_secret',
    'redis_tier',
    'redis_memory_size_gb',
    'redis_version',
  ],
  defaults: {
    region: 'us-central1',
    enable_project_services: true,
    vpc_subnet_cidr: '10.30.0.0/20',
    vpc_connector_cidr: '10.8.0.0/28',
    private_service_cidr_prefix: 16,
    api_cpu_limit: '1',
    api_memory_limit: '1Gi',
    web_cpu_limit: '1',
    web_memory_limit: '1Gi',
    worker_cpu_limit: '1',
    worker_memory_limit: '512Mi',
    api_max_instances: 10,
    web_max_instances: 10,
    db_tier: 'db-custom-1-3840',
    db_disk_size_gb: 20,
    db_backup_retention_count: 7,
    redis_memory_size_gb: 1,
    redis_version: 'REDIS_7_2',
  },
  storageProviders: ['gcs'],
  derive: deriveGcp,
  // api_secrets and web_secrets name Secret Manager secrets, never values.
  secretsAreReferences: () => true,
  rules: gcpProblems,
  providedEnv: blueprintConnectionSecrets,
  relevance: {
    // Their defaults are the services' run.app URLs: ask them once the project and region are known.
    api_base_url: runUrlRelevance,
    app_public_url: runUrlRelevance,
    worker_cpu_limit: withWorker,
    worker_memory_limit: withWorker,
    project_services: { after: ['enable_project_services'], when: () => true, reason: 'enabled by Terraform, or listed in the runbook to enable by hand' },
    image_registry_username: { after: ['image_registry_upstream'], when: (a) => a.image_registry_upstream !== undefined, reason: 'only with image_registry_upstream' },
    image_registry_password_secret: { after: ['image_registry_upstream'], when: (a) => a.image_registry_upstream !== undefined, reason: 'only with image_registry_upstream' },
  },
};

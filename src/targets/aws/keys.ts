/**
 * The keys only the AWS target reads (network, load balancer, Fargate sizes, RDS, ElastiCache, logs,
 * the Terraform state backend), its defaults, derived values and rules. Light on purpose (zod and
 * src/contract only): the contract is built from every target's key set without loading the targets.
 * The blueprint's variables carry the same names (templates/terraform/aws/variables.tf).
 */
import { z } from 'zod';
import type { Contract } from '../../contract/contract.js';
import type { FieldSpec } from '../../contract/fields.js';
import { bucketName } from '../../contract/formats.js';
import { CONNECTION_SECRETS } from '../../contract/literals.js';
import { asRecord } from '../../contract/records.js';
import { withWorker } from '../../contract/relevance.js';
import type { KeysOf, TargetKeySet } from '../../contract/target-keys.js';
import { awsProblems, SECRET_ARN, SECRET_NAME } from './rules.js';

type Answers = Record<string, unknown>;

/** CPU units Fargate offers, each with the memory sizes (MiB) it allows. */
export const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384] as const;
/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(1[6-9]|2[0-4])$/;
const cpu = z.number().refine((n) => (FARGATE_CPU as readonly number[]).includes(n), `must be a Fargate CPU size: ${FARGATE_CPU.join(', ')}`);
const memory = z.number().int().min(512).max(122880);
const count = z.number().int().min(1).max(100);
const secretArn = (what: string) => z.string().regex(SECRET_ARN, `must be the ARN of ${what} (arn:aws:secretsmanager:<region>:<account>:secret:<name>)`);

const AWS_FIELDS = {
  vpc_cidr: {
    schema: z.string().regex(CIDR, 'must be an IPv4 CIDR block from /16 to /24, e.g. 10.20.0.0/16'),
    description: 'CIDR block of the VPC the blueprint creates (split into two public and two private subnets).',
    targets: ['aws'],
    advanced: true,
  },
  enable_https: {
    schema: z.boolean(),
    description: 'Serve the load balancer over HTTPS with acm_certificate_arn (off only in dev).',
    targets: ['aws'],
  },
  acm_certificate_arn: {
    schema: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, 'must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)'),
    description: 'ACM certificate of the load balancer; it must cover the app host (and the API host when api_public_url is set).',
    targets: ['aws'],
  },
  api_cpu: { schema: cpu, description: 'CPU units of an API task (1024 = one vCPU).', targets: ['aws'], advanced: true },
  api_memory: { schema: memory, description: 'Memory of an API task, in MiB (must fit api_cpu).', targets: ['aws'], advanced: true },
  web_cpu: { schema: cpu, description: 'CPU units of a web task.', targets: ['aws'], advanced: true },
  web_memory: { schema: memory, description: 'Memory of a web task, in MiB (must fit web_cpu).', targets: ['aws'], advanced: true },
  worker_cpu: { schema: cpu, description: 'CPU units of the worker task.', targets: ['aws'], advanced: true },
  worker_memory: { schema: memory, description: 'Memory of the worker task, in MiB (must fit worker_cpu).', targets: ['aws'], advanced: true },
  api_desired_count: { schema: count, description: 'API tasks the ECS service keeps running.', targets: ['aws'], advanced: true },
  web_desired_count: { schema: count, description: 'Web tasks the ECS service keeps running.', targets: ['aws'], advanced: true },
  worker_desired_count: { schema: count, description: 'Worker tasks (1: billing retries must not run twice).', targets: ['aws'], advanced: true },
  db_instance_class: {
    schema: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an RDS instance class such as db.t4g.micro'),
    description: 'RDS instance class of the Postgres 16 database.',
    targets: ['aws'],
    advanced: true,
  },
  db_allocated_storage: { schema: z.number().int().min(20).max(65536), description: 'Storage of the database, in GiB (20 or more).', targets: ['aws'], advanced: true },
  db_backup_retention_days: { schema: z.number().int().min(1).max(35), description: 'Days RDS keeps automated backups (1 to 35).', targets: ['aws'], advanced: true },
  db_name: {
    schema: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must start with a letter and hold only a-z, 0-9 and _ (at most 63)'),
    description: 'Name of the database RDS creates.',
    targets: ['aws'],
    advanced: true,
  },
  db_username: {
    schema: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,15}$/, 'must start with a letter and hold only a-z, 0-9 and _ (at most 16)')
      .refine((name) => !['admin', 'postgres', 'rdsadmin', 'root'].includes(name), 'is reserved by RDS or Postgres; pick another name'),
    description: 'Master user of the database (its password is managed by RDS in Secrets Manager).',
    targets: ['aws'],
    advanced: true,
  },
  redis_node_type: {
    schema: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an ElastiCache node type such as cache.t4g.micro'),
    description: 'ElastiCache node type of the Redis replication group.',
    targets: ['aws'],
    advanced: true,
  },
  redis_auth_token_secret_name: {
    schema: z.string().regex(SECRET_NAME, 'must be a Secrets Manager secret name'),
    description: 'Existing Secrets Manager secret holding the Redis AUTH token (default <project>-<environment>/redis-auth-token).',
    targets: ['aws'],
    advanced: true,
  },
  log_retention_days: {
    schema: z.number().refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), `must be a CloudWatch Logs retention: ${LOG_RETENTION_DAYS.join(', ')}`),
    description: 'Days CloudWatch keeps the services\' logs.',
    targets: ['aws'],
    advanced: true,
  },
  registry_credentials_secret_arn: {
    schema: secretArn('a secret holding {"username","password"} for the image registry'),
    description: 'Optional: Secrets Manager secret with the credentials of a private image registry.',
    targets: ['aws'],
    advanced: true,
  },
  tf_state_bucket: {
    schema: bucketName,
    description: 'Optional: S3 bucket for the Terraform state (the bundle then has an S3 backend block).',
    targets: ['aws'],
  },
  tf_state_key: {
    schema: z.string().regex(/^[A-Za-z0-9!_.*'()/-]{1,1024}$/, 'must be an S3 object key, e.g. acme-saas/prod/terraform.tfstate').refine((key) => !key.startsWith('/'), 'must not start with /'),
    description: 'Object key of the Terraform state in tf_state_bucket (default <project>/<environment>/terraform.tfstate).',
    targets: ['aws'],
    advanced: true,
  },
  tf_state_region: {
    schema: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
    description: 'Region of tf_state_bucket (default aws_region).',
    targets: ['aws'],
    advanced: true,
  },
  tfvars_format: {
    schema: z.enum(['hcl', 'json']),
    description: 'Format of the generated variables file: terraform.tfvars (hcl) or terraform.tfvars.json (json).',
    targets: ['aws'],
    advanced: true,
  },
} as const satisfies Record<string, FieldSpec>;

export type AwsKeys = KeysOf<typeof AWS_FIELDS>;
/** The contract the aws view, files and checks read. */
export type AwsContract = Contract & AwsKeys;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The in-cluster API URL (ECS Service Connect's alias for the API), the S3 region and the state key. */
function deriveAws(answers: Answers): Readonly<Record<string, unknown>> {
  const project = text(answers.project_name);
  const environment = text(answers.environment);
  const region = text(answers.aws_region);
  const stateBucket = text(answers.tf_state_bucket);
  const app = text(answers.app_public_url);
  return {
    api_base_url: project && `http://${project}-api:8000`,
    // HTTPS when the app's URL says so (an http:// app URL is dev without a certificate).
    enable_https: app === undefined ? undefined : !app.startsWith('http://'),
    s3_region: answers.storage_provider === 's3' ? region : undefined,
    tf_state_key: stateBucket && project && environment ? `${project}/${environment}/terraform.tfstate` : undefined,
    tf_state_region: stateBucket ? region : undefined,
  };
}

/** DATABASE_URL and REDIS_URL: the blueprint's own secrets, unless api_secrets brings its own. */
export function blueprintConnectionSecrets(answers: Answers): readonly string[] {
  const secrets = asRecord(answers.api_secrets);
  return CONNECTION_SECRETS.filter((name) => !Object.hasOwn(secrets, name));
}

export const AWS_KEYS: TargetKeySet<typeof AWS_FIELDS> = {
  id: 'aws',
  fields: AWS_FIELDS,
  required: [
    'aws_region',
    'enable_https',
    'vpc_cidr',
    'api_cpu',
    'api_memory',
    'web_cpu',
    'web_memory',
    'worker_cpu',
    'worker_memory',
    'api_desired_count',
    'web_desired_count',
    'worker_desired_count',
    'db_instance_class',
    'db_allocated_storage',
    'db_backup_retention_days',
    'db_name',
    'db_username',
    'redis_node_type',
    'log_retention_days',
    'tfvars_format',
  ],
  defaults: {
    vpc_cidr: '10.20.0.0/16',
    api_cpu: 512,
    api_memory: 1024,
    web_cpu: 512,
    web_memory: 1024,
    worker_cpu: 256,
    worker_memory: 512,
    api_desired_count: 2,
    web_desired_count: 2,
    worker_desired_count: 1,
    db_instance_class: 'db.t4g.micro',
    db_allocated_storage: 20,
    db_backup_retention_days: 7,
    db_name: 'starter',
    db_username: 'starter_admin',
    redis_node_type: 'cache.t4g.micro',
    log_retention_days: 30,
    tfvars_format: 'hcl',
  },
  storageProviders: ['s3'],
  derive: deriveAws,
  // api_secrets and web_secrets name Secrets Manager secrets (ARNs or names), never values.
  secretsAreReferences: () => true,
  rules: awsProblems,
  providedEnv: blueprintConnectionSecrets,
  relevance: {
    acm_certificate_arn: { after: ['enable_https'], when: (a) => a.enable_https !== false, reason: 'only with enable_https' },
    worker_cpu: withWorker,
    worker_memory: withWorker,
    worker_desired_count: withWorker,
    tf_state_key: { after: ['tf_state_bucket'], when: (a) => a.tf_state_bucket !== undefined, reason: 'only with tf_state_bucket' },
    tf_state_region: { after: ['tf_state_bucket'], when: (a) => a.tf_state_bucket !== undefined, reason: 'only with tf_state_bucket' },
  },
};

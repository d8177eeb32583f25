/**
 * The AWS bundle's files: the static blueprint and the shared app-env module (byte for byte), the
 * variables generated from the contract (parsed back by the embedded checks), the optional S3 state
 * backend, the migration script and the runbook.
 */
import { file, MODE_SCRIPT, type PlannedFile } from '../../bundle/plan.js';
import { render } from '../../render/engine.js';
import { shellWord } from '../../render/serializers.js';
import { renderBackendS3, renderTfvars } from '../../render/tfvars.js';
import type { RenderOptions } from '../types.js';
import { APP_ENV_MODULE_FILES, tfvarsValues } from '../terraform/app-env-module.js';
import { AWS_BLUEPRINT_FILES, AWS_VARIABLES, MIGRATE_SCRIPT } from './blueprint.js';
import type { AwsContract } from './keys.js';
import { awsEnv, awsRegion, connectionSecrets, INFRA_DIR, MODULE_DIR, namePrefix, redisTokenSecret, tfvarsPath } from './view.js';
import readmeTemplate from '../../../templates/aws/README.md.hbs?raw';

/** What the API runs to migrate the database (the migration task definition's command). */
const MIGRATE_COMMAND = 'alembic -c alembic.ini upgrade heads';

const create = (name: string, value: string) => `aws secretsmanager create-secret --name ${shellWord(name)} --secret-string ${value}`;

function backendView(contract: AwsContract) {
  if (!contract.tf_state_bucket) return undefined;
  const bucket = contract.tf_state_bucket;
  const region = contract.tf_state_region ?? awsRegion(contract);
  const b = shellWord(bucket);
  return {
    bucket,
    key: contract.tf_state_key ?? '',
    region,
    bootstrap: [
      `aws s3api create-bucket --bucket ${b} --region ${region}${region === 'us-east-1' ? '' : ` --create-bucket-configuration LocationConstraint=${region}`}`,
      `aws s3api put-bucket-versioning --bucket ${b} --versioning-configuration Status=Enabled`,
      `aws s3api put-bucket-encryption --bucket ${b} --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'`,
      `aws s3api put-public-access-block --bucket ${b} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`,
    ],
  };
}

function secretsView(contract: AwsContract) {
  const prefix = namePrefix(contract);
  const rows: { name: string; what: string; reader: string; command: string }[] = [];
  const token = redisTokenSecret(contract);
  if (connectionSecrets(contract).some((c) => c.env === 'REDIS_URL' && c.own)) {
    rows.push({ name: token, what: 'the Redis AUTH token (16 to 128 characters, no space, @, " or /)', reader: 'Terraform (configures ElastiCache and writes REDIS_URL)', command: create(token, '"$(openssl rand -hex 32)"') });
  }
  if (contract.secrets_provider === 'aws_sm' && contract.aws_sm_signing_secret_arn) {
    rows.push({ name: contract.aws_sm_signing_secret_arn, what: 'the signing secret of the API', reader: `the API${contract.enable_worker ? ' and the worker' : ''} (task role)`, command: `# ${contract.aws_sm_signing_secret_arn}: ${create('<name>', '"$(openssl rand -hex 32)"')}` });
  }
  for (const [component, secrets] of [['api', contract.api_secrets], ['web', contract.web_secrets]] as const) {
    for (const env of Object.keys(secrets).sort()) {
      const ref = secrets[env] ?? '';
      const reader = component === 'api' ? `the API${contract.enable_worker ? ', the worker' : ''} and the migration task, as ${env}` : `the web app, as ${env}`;
      rows.push({ name: ref, what: `the value of ${env}`, reader, command: ref.startsWith('arn:') ? `# ${ref}: aws secretsmanager put-secret-value --secret-id ${shellWord(ref)} --secret-string '<value>'` : create(ref, "'<value>'") });
    }
  }
  if (contract.registry_credentials_secret_arn) {
    rows.push({ name: contract.registry_credentials_secret_arn, what: 'the image registry credentials, {"username":"...","password":"..."}', reader: 'ECS (execution role), to pull the images', command: `# ${contract.registry_credentials_secret_arn}: ${create('<name>', `'{"username":"<user>","password":"<token>"}'`)}` });
  }
  const connection = connectionSecrets(contract).map((c) => {
    if (c.env === 'REDIS_URL') {
      return { ...c, how: `Terraform writes the secret \`${prefix}/redis-url\` itself on apply: \`rediss://:<token>@<primary endpoint>:6379/0\`, with the token read from \`${token}\`. Nothing to do by hand; it is replaced when the endpoint or the token changes.` };
    }
    return {
      ...c,
      how: `the blueprint creates the secret \`${prefix}/database-url\` **without a value**; you write it once after the first apply. The master password is managed by RDS (output \`database_master_secret_arn\`) and rotates, so give the app its own role instead of the master user (commands below). The value never passes through Terraform.`,
      afterApply: [
        `MASTER=$(aws secretsmanager get-secret-value --secret-id "$(terraform output -raw database_master_secret_arn)" --query SecretString --output text)`,
        `# create the app's role, from a host or task that reaches the database (e.g. ECS Exec into an API task):`,
        `#   psql "host=$(terraform output -raw database_endpoint) dbname=${contract.db_name ?? ''} user=${contract.db_username ?? ''} sslmode=require" \\`,
        `#     -c "CREATE ROLE app LOGIN PASSWORD '<app password>'; GRANT ALL ON DATABASE ${contract.db_name ?? ''} TO app; GRANT ALL ON SCHEMA public TO app;"`,
        `aws secretsmanager put-secret-value --secret-id "$(terraform output -raw database_url_secret_arn)" \\`,
        `  --secret-string "postgresql+asyncpg://app:<app password>@$(terraform output -raw database_endpoint):5432/${contract.db_name ?? ''}?ssl=require"`,
      ],
    };
  });
  return { rows, connection };
}

function readme(contract: AwsContract, tfvarsFile: string): string {
  const env = awsEnv(contract);
  const appHost = new URL(contract.app_public_url).hostname;
  const apiHost = contract.api_public_url ? new URL(contract.api_public_url).hostname : undefined;
  const prefix = namePrefix(contract);
  const { rows, connection } = secretsView(contract);
  const services = ['api', 'web', ...(contract.enable_worker ? ['worker'] : [])];
  return render('aws/README.md', readmeTemplate, {
    project: contract.project_name,
    environment: contract.environment,
    region: awsRegion(contract),
    prefix,
    scheme: contract.enable_https === false ? 'HTTP' : 'HTTPS',
    https: contract.enable_https !== false,
    certificateArn: contract.acm_certificate_arn ?? '',
    appHost,
    apiHost,
    hosts: apiHost ? [appHost, apiHost] : [appHost],
    appUrl: new URL(contract.app_public_url).origin,
    apiUrl: contract.api_public_url ? new URL(contract.api_public_url).origin : '',
    apiBaseUrl: contract.api_base_url,
    allowedHosts: env.api.find((v) => v.name === 'ALLOWED_HOSTS')?.value ?? '',
    worker: contract.enable_worker,
    bucket: contract.storage_bucket_name,
    images: { api: contract.api_image, web: contract.web_image, worker: contract.worker_image },
    registrySecret: contract.registry_credentials_secret_arn,
    infraDir: INFRA_DIR,
    moduleDir: MODULE_DIR,
    tfvarsFile,
    backend: backendView(contract),
    preApply: rows,
    preApplyCommands: rows.map((r) => r.command),
    keysetSecret: contract.auth_key_storage_backend === 'secret-manager' ? contract.auth_key_secret_name : undefined,
    keysetByApp: (contract.auth_key_storage_provider ?? contract.secrets_provider) === 'aws_sm',
    connection,
    migrateCommand: MIGRATE_COMMAND,
    forceDeploy: services.map((s) => `aws ecs update-service --cluster ${prefix} --service ${prefix}-${s} --force-new-deployment --region ${awsRegion(contract)} >/dev/null`).join(' && \\\n   '),
    dbInstance: `${prefix}-db`,
    cluster: prefix,
    isProd: contract.environment === 'prod',
  });
}

export function awsFiles(contract: AwsContract, _options: RenderOptions): PlannedFile[] {
  const tfvarsFile = tfvarsPath(contract);
  const files: PlannedFile[] = [
    ...Object.entries(AWS_BLUEPRINT_FILES).map(([path, content]) => file(`${INFRA_DIR}/${path}`, content)),
    ...Object.entries(APP_ENV_MODULE_FILES).map(([path, content]) => file(`${MODULE_DIR}/${path}`, content)),
    file(tfvarsFile, renderTfvars(tfvarsValues(contract, AWS_VARIABLES), contract.tfvars_format === 'json' ? 'json' : 'hcl')),
    file(`${INFRA_DIR}/migrate.sh`, MIGRATE_SCRIPT, MODE_SCRIPT),
    file(`${INFRA_DIR}/.gitignore`, '# Terraform working files; commit .terraform.lock.hcl.\n.terraform/\n*.tfplan\ntfplan\n'),
    file('README.md', readme(contract, tfvarsFile)),
  ];
  const backend = backendView(contract);
  if (backend) files.push(file(`${INFRA_DIR}/backend.tf`, renderBackendS3({ bucket: backend.bucket, key: backend.key, region: backend.region, encrypt: true, use_lockfile: true })));
  return files;
}

/**
 * The GCP bundle's files: the static blueprint and its provider-free modules (byte for byte), the
 * variables generated from the contract (parsed back by the embedded checks) and the runbook.
 */
import { file, type PlannedFile } from '../../bundle/plan.js';
import { render } from '../../render/engine.js';
import { shellWord } from '../../render/serializers.js';
import { renderTfvars } from '../../render/tfvars.js';
import type { RenderOptions } from '../types.js';
import { APP_ENV_MODULE_FILES, tfvarsValues } from '../terraform/app-env-module.js';
import { GCP_BLUEPRINT_FILES, GCP_MODULE_FILES, GCP_VARIABLES } from './blueprint.js';
import type { GcpContract } from './keys.js';
import { proxiedRegistry } from './rules.js';
import { APP_ENV_DIR, connectionSecrets, gcpEnv, INFRA_DIR, MODULES_DIR, namePrefix, projectId, region, servicesPlan, TFVARS_PATH } from './view.js';
import readmeTemplate from '../../../templates/gcp/README.md.hbs?raw';

const MIGRATE_COMMAND = 'alembic -c alembic.ini upgrade heads';

const create = (project: string, name: string, value: string) => `printf '%s' ${value} | gcloud secrets create ${shellWord(name)} --project ${project} --replication-policy automatic --data-file=-`;

function secretsView(contract: GcpContract) {
  const project = projectId(contract);
  const rows: { name: string; what: string; reader: string; command: string }[] = [];
  const dbSecret = contract.db_password_secret ?? `${namePrefix(contract)}-db-password`;
  rows.push({ name: dbSecret, what: 'the password of the database user starter_app', reader: 'Terraform (sets the user, writes DATABASE_URL)', command: create(project, dbSecret, '"$(openssl rand -hex 24)"') });
  const api = `the API${contract.enable_worker ? ', the worker' : ''} and the migration job`;
  if (contract.secrets_provider === 'gcp_sm' && contract.gcp_sm_signing_secret_name) {
    rows.push({ name: contract.gcp_sm_signing_secret_name, what: 'the signing secret of the API', reader: `${api} (Secret Manager, as the app)`, command: create(project, contract.gcp_sm_signing_secret_name, '"$(openssl rand -hex 32)"') });
  }
  const keyProvider = contract.auth_key_storage_provider ?? contract.secrets_provider;
  if (contract.auth_key_storage_backend === 'secret-manager' && keyProvider === 'gcp_sm' && contract.auth_key_secret_name) {
    const name = contract.auth_key_secret_name;
    rows.push({ name, what: 'the auth keyset (created empty; the API adds each rotation as a version)', reader: `${api} (read and add versions)`, command: `gcloud secrets create ${shellWord(name)} --project ${project} --replication-policy automatic` });
  }
  for (const [component, secrets] of [['api', contract.api_secrets], ['web', contract.web_secrets]] as const) {
    for (const env of Object.keys(secrets).sort()) {
      const ref = secrets[env] ?? '';
      rows.push({ name: ref, what: `the value of ${env}`, reader: component === 'api' ? `${api}, as ${env}` : `the web app, as ${env}`, command: ref.startsWith('projects/') ? `# ${ref}: gcloud secrets versions add ${shellWord(ref.split('/versions/')[0] ?? ref)} --data-file=-` : create(project, ref.split('/versions/')[0] ?? ref, "'<value>'") });
    }
  }
  if (contract.image_registry_password_secret) {
    rows.push({ name: contract.image_registry_password_secret, what: `the token of ${contract.image_registry_username ?? ''} on ${contract.image_registry_upstream ?? ''} (read packages)`, reader: 'the Artifact Registry service agent (remote repository)', command: create(project, contract.image_registry_password_secret, "'<token>'") });
  }
  const prefix = namePrefix(contract);
  const connection = connectionSecrets(contract).map((c) => {
    if (!c.own) return { ...c, how: `your secret \`${c.ref}\` (api_secrets.${c.env}); Terraform only grants the API access to it.` };
    return c.env === 'DATABASE_URL'
      ? { ...c, how: `Terraform writes the secret \`${prefix}-database-url\`: \`postgresql+asyncpg://starter_app:<password>@<private IP>:5432/starter?ssl=require\`, with the password read from \`${dbSecret}\`. Rotate by adding a version to \`${dbSecret}\` and applying.` }
      : { ...c, how: `Terraform writes the secret \`${prefix}-redis-url\`: \`rediss://:<AUTH string>@<host>:6378/0\`, trusting Memorystore's server CA, which it writes to \`${prefix}-redis-ca\` and mounts at \`/etc/redis-ca/ca.pem\`.` };
  });
  return { rows, connection };
}

function readme(contract: GcpContract): string {
  const env = gcpEnv(contract);
  const plan = servicesPlan(contract);
  const { rows, connection } = secretsView(contract);
  return render('gcp/README.md', readmeTemplate, {
    project: contract.project_name,
    environment: contract.environment,
    projectId: projectId(contract),
    projectNumber: contract.project_number ?? '',
    region: region(contract),
    prefix: namePrefix(contract),
    appHost: new URL(contract.app_public_url).hostname,
    apiHost: contract.api_public_url ? new URL(contract.api_public_url).hostname : undefined,
    apiBaseUrl: contract.api_base_url,
    allowedHosts: env.api.find((v) => v.name === 'ALLOWED_HOSTS')?.value ?? '',
    worker: contract.enable_worker,
    bucket: contract.storage_bucket_name,
    proxied: proxiedRegistry(contract as unknown as Record<string, unknown>) !== undefined,
    upstream: contract.image_registry_upstream ?? '',
    servicesByTerraform: plan.manual.length === 0,
    services: plan.manual.length === 0 ? plan.enabled : plan.manual,
    extraServices: plan.listed.filter((s) => !plan.required.includes(s)),
    infraDir: INFRA_DIR,
    preApply: rows,
    connection,
    migrateCommand: MIGRATE_COMMAND,
    backups: contract.db_backup_retention_count ?? 7,
    isProd: contract.environment === 'prod',
  });
}

export function gcpFiles(contract: GcpContract, _options: RenderOptions): PlannedFile[] {
  return [
    ...Object.entries(GCP_BLUEPRINT_FILES).map(([path, content]) => file(`${INFRA_DIR}/${path}`, content)),
    ...Object.entries(APP_ENV_MODULE_FILES).map(([path, content]) => file(`${APP_ENV_DIR}/${path}`, content)),
    ...Object.entries(GCP_MODULE_FILES).flatMap(([dir, files]) => Object.entries(files).map(([path, content]) => file(`${MODULES_DIR}/${dir}/${path}`, content))),
    file(TFVARS_PATH, renderTfvars(tfvarsValues(contract, GCP_VARIABLES), 'hcl')),
    file(`${INFRA_DIR}/.gitignore`, '# Terraform working files; commit .terraform.lock.hcl.\n.terraform/\n*.tfplan\ntfplan\n'),
    file('README.md', readme(contract)),
  ];
}

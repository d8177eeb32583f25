/**
 * The Azure bundle's files: the static blueprint and the provider-free modules (byte for byte), the
 * variables generated from the contract (parsed back by the embedded checks), and the runbook.
 */
import { file, type PlannedFile } from '../../bundle/plan.js';
import { render } from '../../render/engine.js';
import { shellWord } from '../../render/serializers.js';
import { renderTfvars } from '../../render/tfvars.js';
import type { RenderOptions } from '../types.js';
import { APP_ENV_MODULE_FILES, tfvarsValues } from '../terraform/app-env-module.js';
import { AZURE_BLUEPRINT_FILES, AZURE_VARIABLES, SECRETS_MODULE_FILES } from './blueprint.js';
import type { AzureContract } from './keys.js';
import { azureEnv, INFRA_DIR, MODULE_DIR, namePrefix, PG_PASSWORD_SECRET, SECRETS_MODULE_DIR, secretWiring, TFVARS_PATH } from './view.js';
import readmeTemplate from '../../../templates/azure/README.md.hbs?raw';

const MIGRATE_COMMAND = 'alembic -c alembic.ini upgrade heads';

function readme(contract: AzureContract): string {
  const prefix = namePrefix(contract);
  const env = azureEnv(contract);
  const vault = contract.key_vault_name ?? '';
  const rg = contract.resource_group_name ?? '';
  const wiring = secretWiring(contract);
  const set = (name: string, value: string) => `az keyvault secret set --vault-name ${shellWord(vault)} --name ${shellWord(name)} --value ${value}`;
  const operatorSecrets = [
    { name: PG_PASSWORD_SECRET, what: 'the Postgres admin password', reader: 'Terraform (write-only: the server and DATABASE_URL)', command: set(PG_PASSWORD_SECRET, '"$(openssl rand -base64 30 | tr -d \'/+=\')"') },
    ...(contract.secrets_provider === 'azure_kv' && contract.azure_kv_signing_secret_name
      ? [{ name: contract.azure_kv_signing_secret_name, what: 'the signing secret of the API', reader: 'the API (its identity)', command: set(contract.azure_kv_signing_secret_name, '"$(openssl rand -hex 32)"') }]
      : []),
    ...(['api', 'web'] as const).flatMap((app) =>
      wiring[app]
        .filter((w) => !w.own)
        .map((w) => ({
          name: w.keyVaultSecretId,
          what: `the value of ${w.env}`,
          reader: app === 'api' ? `the API${contract.enable_worker ? ', the worker' : ''} and the migration job, as ${w.env} (container-app secret ${w.name})` : `the web app, as ${w.env} (container-app secret ${w.name})`,
          command: w.keyVaultSecretId.startsWith(`https://${vault}.vault.azure.net/`) ? set(w.keyVaultSecretId.split('/secrets/')[1] ?? '', "'<value>'") : `# ${w.keyVaultSecretId}: write it in its own vault and grant the ${app} identity Key Vault Secrets User there`,
        })),
    ),
    ...(contract.registry_password_secret_name ? [{ name: contract.registry_password_secret_name, what: `the password or token of ${contract.registry_username ?? ''} at ${contract.registry_login_server ?? ''}`, reader: 'Container Apps, to pull the images', command: set(contract.registry_password_secret_name, "'<token>'") }] : []),
  ];
  const apps = ['api', 'web', ...(contract.enable_worker ? ['worker'] : [])];
  const appHost = new URL(contract.app_public_url).hostname;
  const apiHost = contract.api_public_url ? new URL(contract.api_public_url).hostname : undefined;
  return render('azure/README.md', readmeTemplate, {
    project: contract.project_name,
    environment: contract.environment,
    location: contract.azure_location ?? '',
    prefix,
    resourceGroup: rg,
    keyVault: vault,
    storageAccount: contract.storage_account_name ?? '',
    container: contract.storage_bucket_name,
    appHost,
    apiHost,
    domains: [
      { host: appHost, app: `${prefix}-web` },
      ...(apiHost ? [{ host: apiHost, app: `${prefix}-api` }] : []),
    ],
    apiBaseUrl: contract.api_base_url,
    allowedHosts: env.api.find((v) => v.name === 'ALLOWED_HOSTS')?.value ?? '',
    worker: contract.enable_worker,
    apps: apps.map((a) => `${prefix}-${a}`),
    infraDir: INFRA_DIR,
    tfvarsFile: TFVARS_PATH,
    pgPasswordSecret: PG_PASSWORD_SECRET,
    pgUser: contract.postgres_admin_username ?? '',
    pgDatabase: contract.postgres_database_name ?? '',
    operatorSecrets,
    operatorCommands: operatorSecrets.map((s) => s.command),
    apiSecrets: wiring.api,
    webSecrets: wiring.web,
    ownDatabaseUrl: wiring.api.some((w) => w.env === 'DATABASE_URL' && w.own),
    ownRedisUrl: wiring.api.some((w) => w.env === 'REDIS_URL' && w.own),
    migrateCommand: MIGRATE_COMMAND,
    registry: contract.registry_login_server,
    registryByIdentity: contract.registry_login_server !== undefined && contract.registry_username === undefined,
    isProd: contract.environment === 'prod',
  });
}

export function azureFiles(contract: AzureContract, _options: RenderOptions): PlannedFile[] {
  return [
    ...Object.entries(AZURE_BLUEPRINT_FILES).map(([path, content]) => file(`${INFRA_DIR}/${path}`, content)),
    ...Object.entries(APP_ENV_MODULE_FILES).map(([path, content]) => file(`${MODULE_DIR}/${path}`, content)),
    ...Object.entries(SECRETS_MODULE_FILES).map(([path, content]) => file(`${SECRETS_MODULE_DIR}/${path}`, content)),
    file(TFVARS_PATH, renderTfvars(tfvarsValues(contract, AZURE_VARIABLES), 'hcl')),
    file(`${INFRA_DIR}/.gitignore`, '# Terraform working files; commit .terraform.lock.hcl.\n.terraform/\n*.tfplan\ntfplan\n'),
    file('README.md', readme(contract)),
  ];
}

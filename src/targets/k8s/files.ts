/**
 * The Kubernetes bundle's files: the static chart (byte for byte), the values generated from the
 * contract (parsed back and validated against the chart's schema), the secret values when External
 * Secrets is off, and the runbook.
 */
import { parse as parseYaml } from 'yaml';
import { file, secretFile, type PlannedFile } from '../../bundle/plan.js';
import type { K8sContract } from './keys.js';
import type { SecretsProvider } from '../../contract/literals.js';
import { render } from '../../render/engine.js';
import { shellWord } from '../../render/serializers.js';
import type { RenderOptions } from '../types.js';
import { chartFiles } from './chart.js';
import { assertValidValues, chartValues, secretValues, valuesYaml } from './values.js';
import { k8sView, SECRETS_DIR, type K8sView, type SecretRefView } from './view.js';
import readmeTemplate from '../../../templates/k8s/README.md.hbs?raw';
import secretsExampleTemplate from '../../../templates/k8s/secret-values.yaml.example.hbs?raw';

/** One entry in the store: a key, and the properties (fields) the secrets read from it, if any. */
interface StoreEntry {
  key: string;
  properties: string[];
}

const jsonFields = (e: StoreEntry) => `{${e.properties.map((p) => `"${p}":"<value>"`).join(',')}}`;
const fieldsComment = (e: StoreEntry) => (e.properties.length > 0 ? `   # a JSON secret with the fields ${e.properties.join(', ')}` : '');
const vaultPut = (e: StoreEntry) =>
  `vault kv put -mount=<kv mount> ${shellWord(e.key)} ${(e.properties.length > 0 ? e.properties : ['value']).map((p) => shellWord(`${p}=<value>`)).join(' ')}`;
const infisicalSet = (e: StoreEntry) => `infisical secrets set ${shellWord(`${e.key}=<value>`)}`;

const PROVIDERS: Record<SecretsProvider, { title: string; command: (entry: StoreEntry) => string; note: string }> = {
  aws_sm: {
    title: 'AWS Secrets Manager',
    command: (e) => `aws secretsmanager create-secret --name ${shellWord(e.key)} --secret-string ${shellWord(e.properties.length > 0 ? jsonFields(e) : '<value>')}`,
    note: 'A key with properties is one JSON secret; External Secrets reads each field of it.',
  },
  gcp_sm: {
    title: 'GCP Secret Manager',
    command: (e) => `printf '%s' '<value>' | gcloud secrets create ${shellWord(e.key)} --data-file=-${fieldsComment(e)}`,
    note: 'External Secrets reads the latest version of each secret.',
  },
  azure_kv: {
    title: 'Azure Key Vault',
    command: (e) => `az keyvault secret set --vault-name <vault> --name ${shellWord(e.key)} --value '<value>'${fieldsComment(e)}`,
    note: 'Key Vault secret names allow letters, digits and - only.',
  },
  vault_dev: {
    title: 'Vault',
    command: vaultPut,
    note: "Keys are paths relative to the store's KV mount. Without a #property External Secrets reads the whole entry as JSON: give each key its property (key#property).",
  },
  vault_hcp: {
    title: 'HCP Vault',
    command: vaultPut,
    note: "Keys are paths relative to the store's KV mount. Without a #property External Secrets reads the whole entry as JSON: give each key its property (key#property).",
  },
  infisical_cloud: { title: 'Infisical', command: infisicalSet, note: 'Use the Infisical project and environment the store is configured with.' },
  infisical_self_host: { title: 'Infisical (self-hosted)', command: infisicalSet, note: 'Use the Infisical project and environment the store is configured with.' },
};

/** The store entries the secrets need, one per key (several env names may read fields of one key). */
function storeEntries(refs: readonly SecretRefView[]): StoreEntry[] {
  const entries = new Map<string, StoreEntry>();
  for (const ref of refs) {
    const entry = entries.get(ref.key) ?? { key: ref.key, properties: [] };
    if (ref.property && !entry.properties.includes(ref.property)) entry.properties.push(ref.property);
    entries.set(ref.key, entry);
  }
  return [...entries.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const SECRET_HINTS: Record<string, string> = {
  DATABASE_URL: 'the Postgres URL (postgresql+asyncpg://...)',
  REDIS_URL: 'the Redis URL (rediss://... with TLS)',
};

function helmCommand(view: K8sView, verb: string[], extra: string[]): string {
  const files = [view.valuesFile, ...(view.secretsFile ? [view.secretsFile] : [])].flatMap((f) => ['-f', f]);
  return ['helm', ...verb, ...files, ...extra].map(shellWord).join(' ');
}

const words = (...parts: string[]) => parts.map(shellWord).join(' ');

/**
 * The migrations by hand (migrations_job off): the chart's own Job and hook copies, rendered with the
 * same values and applied with kubectl, so the new image migrates with exactly the API's env and secrets
 * before helm upgrade rolls the API. A finished Job cannot take a new image: the old one goes first.
 */
function migrationCommands(view: K8sView): string[] {
  const kubectl = (...args: string[]) => words('kubectl', '-n', view.namespace, ...args);
  const render = helmCommand(view, ['template', view.release, view.chartDir, '--namespace', view.namespace], ['--set', 'migrations.enabled=true', '--show-only', 'templates/migrations-job.yaml']);
  return [
    kubectl('delete', 'job', view.migrations.job, '--ignore-not-found'),
    `${render} | ${kubectl('apply', '-f', '-')}`,
    kubectl('wait', '--for=condition=complete', `job/${view.migrations.job}`, '--timeout=10m'),
    kubectl('logs', `job/${view.migrations.job}`),
  ];
}

function k8sCommands(view: K8sView) {
  const hookObjects = view.secrets.mode === 'external-secrets' ? 'externalsecret,serviceaccount' : 'secret,serviceaccount';
  return {
    migrate: view.migrations.command.join(' '),
    followMigrations: words('kubectl', '-n', view.namespace, 'logs', '-f', `job/${view.migrations.job}`),
    describeMigrations: words('kubectl', '-n', view.namespace, 'describe', 'job', view.migrations.job),
    manualMigrations: migrationCommands(view),
    cleanupMigrations: words('kubectl', '-n', view.namespace, 'delete', hookObjects, '-l', `app.kubernetes.io/instance=${view.release},app.kubernetes.io/component=migrations`),
    lint: helmCommand(view, ['lint', '--strict', view.chartDir], []),
    install: helmCommand(view, ['upgrade', '--install', view.release, view.chartDir, '--namespace', view.namespace, '--create-namespace'], ['--wait', '--timeout', '10m']),
    history: ['helm', 'history', view.release, '--namespace', view.namespace].map(shellWord).join(' '),
    rollback: `${['helm', 'rollback', view.release].map(shellWord).join(' ')} <REVISION> ${['--namespace', view.namespace, '--wait'].map(shellWord).join(' ')}`,
  };
}

function readme(contract: K8sContract, view: K8sView): string {
  const provider = PROVIDERS[contract.secrets_provider];
  const secrets = view.secrets;
  const refs = secrets.mode === 'external-secrets' ? [...secrets.api, ...secrets.web] : [];
  const rows =
    secrets.mode === 'external-secrets'
      ? [
          ...secrets.api.map((r) => ({ ...r, component: view.worker ? 'api, worker' : 'api' })),
          ...secrets.web.map((r) => ({ ...r, component: 'web' })),
        ].map((r) => ({ env: r.env, component: r.component, key: r.key, property: r.property ?? '' }))
      : [];
  return render('k8s/README.md', readmeTemplate, {
    ...view,
    ingress: {
      ...view.ingress,
      https: view.ingress.scheme === 'https',
      schemeLabel: view.ingress.scheme.toUpperCase(),
      hasApiHosts: view.ingress.apiHosts.length > 0,
      allHosts: [...view.ingress.hosts, ...view.ingress.apiHosts],
    },
    images: { api: contract.api_image, web: contract.web_image, worker: contract.worker_image },
    multiWorker: view.worker && view.replicas.worker > 1,
    apiBaseUrl: contract.api_base_url,
    storageProvider: contract.storage_provider,
    secretsProvider: contract.secrets_provider,
    authKeySecret: contract.auth_key_storage_backend === 'secret-manager' ? (contract.auth_key_secret_name ?? '') : '',
    external: secrets.mode === 'external-secrets',
    store: secrets.mode === 'external-secrets' ? secrets.store : '',
    storeKind: secrets.mode === 'external-secrets' ? secrets.storeKind : '',
    namespacedStore: secrets.mode === 'external-secrets' && secrets.storeKind === 'SecretStore',
    providerTitle: provider.title,
    providerNote: provider.note,
    webSecrets: Object.keys(contract.web_secrets).length > 0,
    secretRows: rows,
    storeCommands: storeEntries(refs).map((e) => provider.command(e)),
    secretsFile: view.secretsFile ?? '',
    secretsExample: view.secretsFile ? `${view.secretsFile}.example` : '',
    plainSecrets:
      secrets.mode === 'plain'
        ? [{ component: view.worker ? 'api and worker' : 'api', keys: secrets.api }, ...(secrets.web.length > 0 ? [{ component: 'web', keys: secrets.web }] : [])]
        : [],
    commands: k8sCommands(view),
  });
}

/** The secret values example: every key with an empty value (which the chart's schema rejects). */
function secretsExample(view: K8sView, path: string, keys: { api: string[]; web: string[] }): PlannedFile {
  const hint = (name: string) => SECRET_HINTS[name] ?? `the value of ${name}`;
  const components = [
    { name: 'api', keys: keys.api.map((name) => ({ name, hint: hint(name) })) },
    ...(keys.web.length > 0 ? [{ name: 'web', keys: keys.web.map((name) => ({ name, hint: hint(name) })) }] : []),
  ];
  const content = render('k8s/secret-values.yaml.example', secretsExampleTemplate, { fileName: `values.${view.environment}.yaml`, components });
  const parsed = parseYaml(content, { version: '1.1' }) as Record<string, { secrets: Record<string, string> }>;
  const listed = { api: Object.keys(parsed.api?.secrets ?? {}), web: Object.keys(parsed.web?.secrets ?? {}) };
  if (JSON.stringify(listed) !== JSON.stringify(keys)) throw new Error(`internal: ${path} does not list exactly the secret keys`);
  return file(path, content);
}

export function k8sFiles(contract: K8sContract, options: RenderOptions): PlannedFile[] {
  const view = k8sView(contract);
  const values = chartValues(view) as unknown as Record<string, unknown>;
  const header = [
    `Values of the starter chart for ${view.project} (${view.environment}), generated by starter-console from starter-answers.yaml.`,
    'Do not edit: change the answers and re-run the generator. Add cluster-specific values in your own file (README.md).',
    'The chart sets PORT and the billing worker flags itself (from the ports and worker.enabled).',
  ];
  const files: PlannedFile[] = [...chartFiles(), file(view.valuesFile, valuesYaml(view.valuesFile, header, values)), file('README.md', readme(contract, view))];
  if (view.secrets.mode === 'plain' && view.secretsFile) {
    files.push(file(`${SECRETS_DIR}/.gitignore`, '# Filled secret values never enter version control.\n*.yaml\n'));
    files.push(secretsExample(view, `${view.secretsFile}.example`, { api: view.secrets.api, web: view.secrets.web }));
    const secrets = secretValues(contract.api_secrets, contract.web_secrets);
    if (options.includeSecrets) {
      files.push(secretFile(view.secretsFile, valuesYaml(view.secretsFile, ['Secret values of the Kubernetes Secrets. Never commit this file.'], secrets)));
    }
    // What Helm will render with, the secrets included (or, without them, placeholders of the same keys).
    assertValidValues(view.valuesFile, values, secrets);
  } else {
    assertValidValues(view.valuesFile, values);
  }
  return files;
}

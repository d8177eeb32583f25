/**
 * Cross-field rules of the Azure target (see src/contract/rules.ts for how rules read the answers):
 * HTTPS origins the Container Apps ingress can serve, the settings the blueprint derives from what
 * it creates, Key Vault references the apps can resolve, and consistent replica counts.
 */
import { asRecord } from '../../contract/records.js';
import type { Problem } from '../../errors.js';

type Answers = Record<string, unknown>;

function url(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Container Apps serves a custom domain over HTTPS on 443: an origin, https, no port or path. */
function ingressOrigins(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  const app = url(answers.app_public_url);
  const api = url(answers.api_public_url);
  for (const [key, site] of [['app_public_url', app], ['api_public_url', api]] as const) {
    if (!site) continue;
    const reportedByShared = key === 'app_public_url' && answers.environment !== 'dev' && site.protocol === 'http:';
    if (site.protocol !== 'https:' && !reportedByShared) {
      problems.push({ key, message: 'must use https: Container Apps serves a custom domain over HTTPS (with a managed certificate)', hint: `use https://${site.hostname}` });
    }
    if (site.port !== '' || site.pathname !== '/' || site.search !== '') {
      problems.push({ key, message: 'must be an origin without a port or path: the custom domain is bound to the container app as a host name', hint: `use https://${site.hostname}` });
    }
  }
  if (app && api && app.hostname === api.hostname) {
    problems.push({ key: 'api_public_url', message: 'must be a different host from app_public_url (each custom domain binds to one container app)', hint: 'use a separate host such as api.example.com, or remove api_public_url' });
  }
  return problems;
}

/** The blueprint sets these from the vault and the account it creates; another value would point the app elsewhere. */
function derivedSettings(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  const vault = answers.key_vault_name;
  const account = answers.storage_account_name;
  const expected: [string, unknown, string | undefined, string][] = [
    ['azure_key_vault_url', answers.azure_key_vault_url, typeof vault === 'string' ? `https://${vault}.vault.azure.net/` : undefined, 'key_vault_name'],
    ['azure_blob_account_url', answers.azure_blob_account_url, typeof account === 'string' ? `https://${account}.blob.core.windows.net/` : undefined, 'storage_account_name'],
  ];
  for (const [key, given, derived, source] of expected) {
    if (given === undefined || derived === undefined || given === derived) continue;
    problems.push({ key, message: `is set by the blueprint from ${source} (${derived}); ${String(given)} would point the app at another resource`, hint: `remove ${key} (set ${source} instead)` });
  }
  if (typeof answers.api_base_url === 'string' && typeof answers.project_name === 'string' && typeof answers.environment === 'string') {
    const internal = `http://${answers.project_name}-${answers.environment}-api`;
    const allowed = [internal, ...(typeof answers.api_public_url === 'string' ? [answers.api_public_url] : [])];
    if (!allowed.includes(answers.api_base_url)) {
      problems.push({ key: 'api_base_url', message: `must be ${allowed.join(' or ')}: the web app reaches the API inside the Container Apps environment${allowed.length > 1 ? ', or at its public URL' : ''}`, hint: 'remove api_base_url (it is derived)' });
    }
  }
  return problems;
}

const SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;
const SECRET_ID = /^https:\/\/[A-Za-z0-9.-]+\/secrets\/[0-9A-Za-z-]{1,127}(\/[0-9A-Za-z]{32})?$/;

/** The Container Apps secret name of an env name (lower-case letters, digits and -), as the container-app-secrets module computes it. */
export function containerAppSecretName(env: string): string {
  return env
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const RESERVED_SECRET_NAMES = ['registry-password'] as const;

function secretReferences(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const mapKey of ['api_secrets', 'web_secrets'] as const) {
    const byName = new Map<string, string[]>();
    const refs = asRecord(answers[mapKey]);
    const own = mapKey === 'api_secrets' ? ['DATABASE_URL', 'REDIS_URL'].filter((n) => !Object.hasOwn(refs, n)) : [];
    for (const env of [...Object.keys(refs), ...own]) {
      const name = containerAppSecretName(env);
      byName.set(name, [...(byName.get(name) ?? []), env]);
    }
    for (const [env, ref] of Object.entries(refs)) {
      if (typeof ref !== 'string') continue;
      if (!SECRET_NAME.test(ref) && !SECRET_ID.test(ref)) {
        problems.push({
          key: `${mapKey}.${env}`,
          message: 'must name a Key Vault secret: a name of 1-127 letters, digits and - (in key_vault_name), or a secret ID https://<vault>.vault.azure.net/secrets/<name>[/<version>]',
          hint: 'put the value into Key Vault (az keyvault secret set) and give its name here; the container app reads it with its identity',
        });
      }
    }
    for (const [name, envs] of byName) {
      const reserved = (RESERVED_SECRET_NAMES as readonly string[]).includes(name);
      if (name === '' || envs.length > 1 || reserved) {
        problems.push({
          key: `${mapKey}.${envs[envs.length - 1] ?? ''}`,
          message: name === '' ? 'has no letter or digit, so it gives no Container Apps secret name' : `maps to the Container Apps secret name ${name}, ${reserved ? 'which the blueprint uses itself' : `as ${envs.join(' and ')} do`}: they would overwrite each other`,
          hint: 'rename the env name (Container Apps secret names are lower-case letters, digits and -)',
        });
      }
    }
  }
  return problems;
}

function replicaRange(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const app of ['api', 'web'] as const) {
    const min = answers[`${app}_min_replicas`];
    const max = answers[`${app}_max_replicas`];
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      problems.push({ key: `${app}_min_replicas`, message: `${min} is more than ${app}_max_replicas (${max})`, hint: `lower ${app}_min_replicas or raise ${app}_max_replicas` });
    }
  }
  if (answers.environment === 'prod' && answers.api_min_replicas === 0) {
    problems.push({ key: 'api_min_replicas', message: 'must be at least 1 in prod: a cold API drops the first requests after idling', hint: 'set api_min_replicas: 1 (or more)' });
  }
  return problems;
}

function registry(answers: Answers): Problem[] {
  if (answers.registry_username !== undefined && answers.registry_password_secret_name === undefined) {
    return [{ key: 'registry_password_secret_name', message: 'is required with registry_username', hint: 'put the registry token into Key Vault and name the secret here' }];
  }
  if (answers.registry_username !== undefined && answers.registry_login_server === undefined) {
    return [{ key: 'registry_username', message: 'has no effect without registry_login_server', hint: 'set registry_login_server, or remove registry_username' }];
  }
  return [];
}

export function azureProblems(answers: Answers): Problem[] {
  return [...ingressOrigins(answers), ...derivedSettings(answers), ...secretReferences(answers), ...replicaRange(answers), ...registry(answers)];
}

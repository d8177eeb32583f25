/**
 * Cross-field rules of the contract. Each rule reads the merged answers defensively (they may be
 * partly invalid) so that every problem is reported in one run, each with its key path. The rules
 * of one target are in its key set (`rules`, src/targets/<target>/keys.ts) and run after these.
 */
import type { Problem } from '../errors.js';
import { appEnvProblems } from './app-env/rules.js';
import type { ContractSpec } from './contract-spec.js';
import { CONTRACT_KEYED_ENV, MANAGED_ENV } from './env.js';
import { parseImageRef } from './formats.js';
import { CONNECTION_SECRETS, type TargetId } from './literals.js';
import { asRecord } from './records.js';

type Answers = Record<string, unknown>;

const SECRET_LIKE = /(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|SECRET_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS_JSON|CONNECTION_STRING)$/;


/** DATABASE_URL and REDIS_URL only as secrets; required in api_secrets unless the target provides them itself. */
function connectionSecrets(answers: Answers, provided: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const mapKey of ['api_env', 'web_env'] as const) {
    const env = asRecord(answers[mapKey]);
    for (const name of CONNECTION_SECRETS) {
      if (Object.hasOwn(env, name)) {
        problems.push({
          key: `${mapKey}.${name}`,
          message: `${name} must not be plain env: it carries credentials`,
          hint: `move it to api_secrets.${name}`,
        });
      }
    }
  }
  const secrets = asRecord(answers.api_secrets);
  for (const name of CONNECTION_SECRETS) {
    if (!Object.hasOwn(secrets, name) && !provided.includes(name)) {
      problems.push({
        key: `api_secrets.${name}`,
        message: `is required: the API reads ${name} as a secret`,
        hint: `add it, e.g. --var api_secrets.${name}=<secret reference or value>`,
      });
    }
  }
  return problems;
}

function plainEnvHygiene(answers: Answers, targetManaged: Readonly<Record<string, string>>): Problem[] {
  const problems: Problem[] = [];
  const managed: Record<string, string> = { ...MANAGED_ENV, ...CONTRACT_KEYED_ENV, ...targetManaged };
  for (const [mapKey, secretKey] of [
    ['api_env', 'api_secrets'],
    ['web_env', 'web_secrets'],
  ] as const) {
    const env = asRecord(answers[mapKey]);
    for (const [name, value] of Object.entries(env)) {
      if ((CONNECTION_SECRETS as readonly string[]).includes(name)) continue; // reported by connectionSecrets
      if (Object.hasOwn(managed, name)) {
        problems.push({
          key: `${mapKey}.${name}`,
          message: `${name} is set by the generator from ${managed[name]}`,
          hint: `remove it from ${mapKey} and set the contract key instead`,
        });
      } else if (SECRET_LIKE.test(name) && !(CONNECTION_SECRETS as readonly string[]).includes(name)) {
        problems.push({
          key: `${mapKey}.${name}`,
          message: `${name} looks like a secret and would be written in plain text`,
          hint: `move it to ${secretKey}.${name}`,
        });
      } else if (typeof value === 'string' && /:\/\/[^/\s:@]+:[^/\s@]+@/.test(value)) {
        problems.push({
          key: `${mapKey}.${name}`,
          message: 'the value is a URL with a password in it',
          hint: `move it to ${secretKey}.${name}`,
        });
      }
    }
  }
  return problems;
}

function envAndSecretOverlap(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const [mapKey, secretKey] of [
    ['api_env', 'api_secrets'],
    ['web_env', 'web_secrets'],
  ] as const) {
    const secrets = asRecord(answers[secretKey]);
    for (const name of Object.keys(asRecord(answers[mapKey]))) {
      if (Object.hasOwn(secrets, name)) {
        problems.push({ key: `${mapKey}.${name}`, message: `${name} is also in ${secretKey}; a service would get two values`, hint: `keep it in one map only` });
      }
    }
  }
  return problems;
}

function storageFitsTarget(answers: Answers, target: TargetId, allowed: readonly string[]): Problem[] {
  const provider = answers.storage_provider;
  if (typeof provider === 'string' && !(allowed as readonly string[]).includes(provider)) {
    return [
      {
        key: 'storage_provider',
        message: `${provider} does not fit the ${target} target`,
        hint: `use one of: ${allowed.join(', ')}`,
      },
    ];
  }
  return [];
}

function keyStorage(answers: Answers): Problem[] {
  const environment = answers.environment;
  const backend = answers.auth_key_storage_backend;
  const problems: Problem[] = [];
  if (backend === 'file' && (environment === 'staging' || environment === 'prod')) {
    problems.push({
      key: 'auth_key_storage_backend',
      message: `file key storage is only allowed in dev, not ${environment}`,
      hint: 'set auth_key_storage_backend: secret-manager with auth_key_secret_name',
    });
  }
  // Vault's dev server keeps everything in memory with a root token: never a hosted environment's store.
  if (environment === 'staging' || environment === 'prod') {
    for (const key of ['secrets_provider', 'auth_key_storage_provider']) {
      if (answers[key] === 'vault_dev') {
        problems.push({ key, message: `vault_dev (Vault's dev server) is only allowed in dev, not ${environment}`, hint: 'use vault_hcp, infisical_cloud, infisical_self_host, aws_sm, azure_kv or gcp_sm' });
      }
    }
  }
  if (backend === 'secret-manager' && answers.auth_key_secret_name === undefined) {
    problems.push({
      key: 'auth_key_secret_name',
      message: 'is required when auth_key_storage_backend is secret-manager',
      hint: 'name the secret that holds the auth keyset, e.g. starter-auth-keyset',
    });
  }
  return problems;
}

/** In prod, each of these image keys must name a version tag or a digest (not latest, not untagged). */
export function unpinnedImages(answers: Answers, keys: readonly string[]): Problem[] {
  if (answers.environment !== 'prod') return [];
  const problems: Problem[] = [];
  for (const key of keys) {
    const value = answers[key];
    if (typeof value !== 'string') continue;
    if (key === 'worker_image' && value === answers.api_image) continue; // the same image: reported once, on api_image
    const ref = parseImageRef(value);
    if (ref && !ref.digest && (!ref.tag || ref.tag === 'latest')) {
      problems.push({
        key,
        message: `prod images must be pinned; ${value} ${ref.tag ? 'uses latest' : 'has no tag'}`,
        hint: 'use a version tag (e.g. :1.4.2) or a digest (@sha256:...)',
      });
    }
  }
  return problems;
}

/** In staging and prod, each of these public URL keys must use https. */
export function plainHttpUrls(answers: Answers, keys: readonly string[]): Problem[] {
  const environment = answers.environment;
  if (environment !== 'staging' && environment !== 'prod') return [];
  const problems: Problem[] = [];
  for (const key of keys) {
    const value = answers[key];
    if (typeof value === 'string' && value.startsWith('http://')) {
      problems.push({ key, message: `must use https in ${environment}`, hint: `use ${value.replace('http://', 'https://')}` });
    }
  }
  return problems;
}

function productionSafety(answers: Answers): Problem[] {
  return [...unpinnedImages(answers, ['api_image', 'web_image', 'worker_image']), ...plainHttpUrls(answers, ['app_public_url'])];
}

/** App settings the target itself sets for these answers (never asked of the user). */
export function providedEnv(spec: ContractSpec, answers: Answers, target: TargetId): readonly string[] {
  return spec.targets[target].providedEnv?.(answers) ?? [];
}

export function crossFieldProblems(spec: ContractSpec, answers: Answers, target: TargetId): Problem[] {
  const keys = spec.targets[target];
  const targetManaged = keys.managedEnv ?? {};
  const provided = providedEnv(spec, answers, target);
  return [
    ...connectionSecrets(answers, provided),
    ...plainEnvHygiene(answers, targetManaged),
    ...envAndSecretOverlap(answers),
    ...storageFitsTarget(answers, target, keys.storageProviders),
    ...keyStorage(answers),
    ...productionSafety(answers),
    ...appEnvProblems(answers, { managed: new Set([...Object.keys(MANAGED_ENV), ...Object.keys(targetManaged)]), provided: [...provided] }),
    ...(keys.rules?.(answers) ?? []),
  ];
}

/**
 * Cross-field rules of the contract. Each rule reads the merged answers defensively (they may be
 * partly invalid) so that every problem is reported in one run, each with its key path.
 */
import type { Problem } from '../errors.js';
import { appEnvProblems } from './app-env/rules.js';
import { CONTRACT_KEYED_ENV, MANAGED_ENV, TARGET_MANAGED_ENV } from './env.js';
import { parseImageRef } from './formats.js';
import { CONNECTION_SECRETS, type TargetId } from './literals.js';
import { kubernetesProblems } from './rules-k8s.js';
import { otherTargetProblems } from './rules-other.js';
import { TARGET_KEYS } from './target-keys.js';
import { asRecord } from './records.js';

type Answers = Record<string, unknown>;

const SECRET_LIKE = /(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|SECRET_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS_JSON|CONNECTION_STRING)$/;


function connectionSecrets(answers: Answers): Problem[] {
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
    if (!Object.hasOwn(secrets, name)) {
      problems.push({
        key: `api_secrets.${name}`,
        message: `is required: the API reads ${name} as a secret`,
        hint: `add it, e.g. --var api_secrets.${name}=<secret reference or value>`,
      });
    }
  }
  return problems;
}

function plainEnvHygiene(answers: Answers, target: TargetId): Problem[] {
  const problems: Problem[] = [];
  const managed: Record<string, string> = { ...MANAGED_ENV, ...CONTRACT_KEYED_ENV, ...TARGET_MANAGED_ENV[target] };
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

function storageFitsTarget(answers: Answers, target: TargetId): Problem[] {
  const provider = answers.storage_provider;
  const allowed = TARGET_KEYS[target].storageProviders;
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

function productionSafety(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  const environment = answers.environment;
  if (environment === 'prod') {
    for (const key of ['api_image', 'web_image', 'worker_image', 'caddy_image', 'postgres_image', 'redis_image', 'minio_image']) {
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
  }
  if (environment === 'staging' || environment === 'prod') {
    for (const key of ['app_public_url', 'api_public_url']) {
      const value = answers[key];
      if (typeof value === 'string' && value.startsWith('http://')) {
        problems.push({ key, message: `must use https in ${environment}`, hint: `use ${value.replace('http://', 'https://')}` });
      }
    }
  }
  return problems;
}

function distinctHosts(answers: Answers): Problem[] {
  const app = answers.app_public_url;
  const api = answers.api_public_url;
  if (typeof app !== 'string' || typeof api !== 'string') return [];
  try {
    if (new URL(app).host === new URL(api).host) {
      return [
        {
          key: 'api_public_url',
          message: 'must be a different host from app_public_url (the app host routes /api to the web app)',
          hint: 'use a separate host such as api.example.com, or remove api_public_url',
        },
      ];
    }
  } catch {
    /* reported by the URL schema */
  }
  return [];
}

function singleServer(answers: Answers, target: TargetId): Problem[] {
  if (target !== 'vps') return [];
  const problems: Problem[] = [];
  for (const key of ['app_public_url', 'api_public_url']) {
    const value = answers[key];
    if (typeof value !== 'string') continue;
    try {
      if (new URL(value).port !== '') {
        problems.push({ key, message: 'must not name a port: Caddy serves the site on 80 and 443', hint: `use ${new URL(value).origin.replace(/:\d+$/, '')}` });
      }
    } catch {
      /* reported by the URL schema */
    }
  }
  if (answers.storage_provider === 'minio' && answers.minio_endpoint !== undefined) {
    problems.push({ key: 'minio_endpoint', message: 'is set by the vps target: the API reaches the local MinIO at http://minio:9000', hint: 'remove minio_endpoint (to use a MinIO elsewhere, pick storage_provider s3 with api_env.S3_ENDPOINT_URL)' });
  }
  return problems;
}

/** App settings the target itself sets for these answers (never asked of the user). */
export function providedEnv(answers: Answers, target: TargetId): string[] {
  return target === 'vps' && answers.storage_provider === 'minio' ? Object.keys(TARGET_MANAGED_ENV.vps ?? {}) : [];
}

export function crossFieldProblems(answers: Answers, target: TargetId): Problem[] {
  return [
    ...connectionSecrets(answers),
    ...plainEnvHygiene(answers, target),
    ...envAndSecretOverlap(answers),
    ...storageFitsTarget(answers, target),
    ...keyStorage(answers),
    ...productionSafety(answers),
    ...distinctHosts(answers),
    ...appEnvProblems(answers, { managed: new Set([...Object.keys(MANAGED_ENV), ...Object.keys(TARGET_MANAGED_ENV[target] ?? {})]), provided: providedEnv(answers, target) }),
    ...singleServer(answers, target),
    ...(target === 'k8s' ? kubernetesProblems(answers) : []),
    ...(target === 'other' ? otherTargetProblems(answers) : []),
  ];
}

/**
 * Cross-field rules of the Kubernetes target (see src/contract/rules.ts for how rules read the answers): the
 * Ingress hosts and app_public_url, what the secret maps hold with and without External Secrets,
 * resource requests within limits, autoscaling bounds.
 */
import type { Problem } from '../../errors.js';
import { parseRemoteRef, quantityValue } from '../../contract/formats.js';
import { secretShape } from '../../contract/secret-shapes.js';
import { asRecord } from '../../contract/records.js';

type Answers = Record<string, unknown>;


function hostOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value).hostname;
  } catch {
    return undefined;
  }
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Kubernetes: ingress hosts agree with app_public_url, and the BFF host is never an API host. */
function kubernetesIngress(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  const appHosts = stringList(answers.ingress_hosts);
  const apiHosts = stringList(answers.api_hosts);
  if (answers.ingress_enabled === false) {
    for (const key of ['api_hosts', 'tls_cluster_issuer'] as const) {
      if (answers[key] !== undefined) {
        problems.push({ key, message: 'has no effect: ingress_enabled is false', hint: `remove ${key} or set ingress_enabled: true` });
      }
    }
    return problems;
  }
  const appHost = hostOf(answers.app_public_url);
  if (appHost && Array.isArray(answers.ingress_hosts) && !appHosts.includes(appHost)) {
    problems.push({
      key: 'ingress_hosts',
      message: `must include ${appHost}, the host of app_public_url (browsers reach the app there)`,
      hint: `add ${appHost} to ingress_hosts, or change app_public_url`,
    });
  }
  for (const host of apiHosts) {
    if (appHosts.includes(host)) {
      problems.push({
        key: 'api_hosts',
        message: `${host} is also an app host: app hosts send /api to the web app (the BFF), API hosts to the API`,
        hint: 'use a separate host such as api.example.com',
      });
    }
  }
  return problems;
}

/** Kubernetes: what api_secrets/web_secrets hold depends on External Secrets; both need their store. */
function kubernetesSecrets(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  if (answers.external_secrets_enabled === false) {
    if (answers.external_secrets_store !== undefined) {
      problems.push({ key: 'external_secrets_store', message: 'has no effect: external_secrets_enabled is false', hint: 'remove it, or set external_secrets_enabled: true' });
    }
    return problems;
  }
  if (answers.external_secrets_store === undefined) {
    problems.push({
      key: 'external_secrets_store',
      message: 'is required when external_secrets_enabled is true',
      hint: 'name the ClusterSecretStore (or SecretStore) that holds the secrets, e.g. platform-secrets',
    });
  }
  for (const mapKey of ['api_secrets', 'web_secrets'] as const) {
    for (const [name, value] of Object.entries(asRecord(answers[mapKey]))) {
      if (typeof value !== 'string') continue;
      // A store key is written in clear text into 0644 values and the answers file: it must not be the secret.
      const shape = secretShape(value);
      if (shape) {
        problems.push({
          key: `${mapKey}.${name}`,
          message: `looks like a secret value (${shape}), not the key of the secret in the store: with External Secrets it is written in clear text into the values file`,
          hint: 'put the value into the store and give its key here (key or key#property), e.g. prod/acme/openai-api-key; if the value was shared, rotate it',
        });
        continue;
      }
      if (parseRemoteRef(value)) continue;
      problems.push({
        key: `${mapKey}.${name}`,
        message:
          value === '<redacted>'
            ? 'is redacted in this answers file: with External Secrets it must be the key in the store'
            : 'with External Secrets this is the key of the secret in the store (key or key#property), not the secret value',
        hint: 'e.g. prod/acme/database-url, or secret/data/acme#database_url; keep the value itself in the store',
      });
    }
  }
  return problems;
}

/** Kubernetes: requests fit within limits, autoscaling bounds are ordered, key storage is shared. */
function kubernetesWorkloads(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  if (answers.auth_key_storage_backend === 'file') {
    problems.push({
      key: 'auth_key_storage_backend',
      message: 'file key storage cannot work on Kubernetes: pods are replaced and replicas share no files',
      hint: 'use secret-manager with auth_key_secret_name',
    });
  }
  for (const key of ['api_resources', 'web_resources', 'worker_resources'] as const) {
    const requests = asRecord(asRecord(answers[key]).requests);
    const limits = asRecord(asRecord(answers[key]).limits);
    for (const kind of ['cpu', 'memory'] as const) {
      const request = typeof requests[kind] === 'string' ? quantityValue(kind, requests[kind]) : undefined;
      const limit = typeof limits[kind] === 'string' ? quantityValue(kind, limits[kind]) : undefined;
      if (request !== undefined && limit !== undefined && request > limit) {
        problems.push({ key: `${key}.requests.${kind}`, message: `${String(requests[kind])} is more than the limit ${String(limits[kind])}`, hint: 'lower the request or raise the limit' });
      }
    }
  }
  const min = answers.autoscaling_min_replicas;
  const max = answers.autoscaling_max_replicas;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    problems.push({ key: 'autoscaling_min_replicas', message: `${min} is more than autoscaling_max_replicas (${max})`, hint: 'lower the minimum or raise the maximum' });
  }
  return problems;
}

export function kubernetesProblems(answers: Answers): Problem[] {
  return [...kubernetesIngress(answers), ...kubernetesSecrets(answers), ...kubernetesWorkloads(answers)];
}

/**
 * The values file generated for the chart: the contract's decisions in the shape of the chart's
 * values. Emitted with sorted keys and YAML 1.1-safe quoting (Helm reads values as YAML 1.1, where
 * `yes`, `on` or `1:20` are not strings), then parsed back and validated against values.schema.json
 * before it enters the plan.
 */
import { parse, stringify } from 'yaml';
import type { EnvVar } from '../../contract/env.js';
import type { Resources } from '../../contract/formats.js';
import type { ImageParts, K8sView, SecretRefView } from './view.js';
import { effectiveValues, valuesSchemaProblems } from './values-schema.js';

type Json = Record<string, unknown>;

/** Env the chart sets itself (from its ports and worker.enabled), so the values never carry them. */
const CHART_OWNED_ENV = {
  api: ['PORT', 'ENABLE_BILLING_RETRY_WORKER', 'ENABLE_BILLING_STREAM_REPLAY', 'BILLING_RETRY_DEPLOYMENT_MODE'],
  web: ['PORT'],
  worker: ['PORT', 'ENABLE_BILLING_RETRY_WORKER', 'ENABLE_BILLING_STREAM_REPLAY', 'BILLING_RETRY_DEPLOYMENT_MODE'],
} as const;

interface ComponentValues {
  image: ImageParts;
  replicaCount: number;
  env: Record<string, string>;
  resources: Resources;
}

export interface GeneratedValues {
  fullnameOverride: string;
  api: ComponentValues;
  web: ComponentValues;
  worker: ComponentValues & { enabled: boolean };
  migrations: { enabled: boolean };
  ingress: Json;
  autoscaling: { enabled: boolean; minReplicas: number; maxReplicas: number; targetCPUUtilizationPercentage: number };
  externalSecrets: Json;
}

function envMap(vars: readonly EnvVar[], owned: readonly string[]): Record<string, string> {
  return Object.fromEntries(vars.filter((v) => !owned.includes(v.name)).map((v) => [v.name, v.value]));
}

/** What the worker needs on top of the API's env (the chart gives the worker the API's env first). */
function workerOverrides(view: K8sView): Record<string, string> {
  if (!view.env.worker) return {};
  const api = envMap(view.env.api, CHART_OWNED_ENV.api);
  const worker = envMap(view.env.worker, CHART_OWNED_ENV.worker);
  const missing = Object.keys(api).filter((name) => !Object.hasOwn(worker, name));
  if (missing.length > 0) throw new Error(`internal: the worker would inherit ${missing.join(', ')} from the API`);
  return Object.fromEntries(Object.entries(worker).filter(([name, value]) => api[name] !== value));
}

function remoteData(refs: readonly SecretRefView[]): Record<string, { key: string; property?: string }> {
  return Object.fromEntries(refs.map((r) => [r.env, { key: r.key, ...(r.property ? { property: r.property } : {}) }]));
}

export function chartValues(view: K8sView): GeneratedValues {
  const { ingress, secrets } = view;
  return {
    fullnameOverride: view.fullname,
    api: { image: view.images.api, replicaCount: view.replicas.api, env: envMap(view.env.api, CHART_OWNED_ENV.api), resources: view.resources.api },
    web: { image: view.images.web, replicaCount: view.replicas.web, env: envMap(view.env.web, CHART_OWNED_ENV.web), resources: view.resources.web },
    worker: { enabled: view.worker, image: view.images.worker, replicaCount: view.replicas.worker, env: workerOverrides(view), resources: view.resources.worker },
    migrations: { enabled: view.migrations.enabled },
    ingress: ingress.enabled
      ? {
          enabled: true,
          className: ingress.className,
          annotations: ingress.clusterIssuer ? { 'cert-manager.io/cluster-issuer': ingress.clusterIssuer } : {},
          hosts: ingress.hosts,
          tls: { secretName: ingress.tlsSecret },
          apiHosts: ingress.apiHosts,
          apiTls: { secretName: ingress.apiTlsSecret },
        }
      : { enabled: false },
    autoscaling: {
      enabled: view.autoscaling.enabled,
      minReplicas: view.autoscaling.minReplicas,
      maxReplicas: view.autoscaling.maxReplicas,
      targetCPUUtilizationPercentage: view.autoscaling.targetCpu,
    },
    externalSecrets:
      secrets.mode === 'external-secrets'
        ? { enabled: true, secretStoreRef: { name: secrets.store, kind: secrets.storeKind }, api: { data: remoteData(secrets.api) }, web: { data: remoteData(secrets.web) } }
        : { enabled: false },
  };
}

/** The secret values file (External Secrets off): the Secrets' values by component. */
export function secretValues(apiSecrets: Record<string, string>, webSecrets: Record<string, string>): Json {
  const sorted = (map: Record<string, string>) => Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]]));
  return { api: { secrets: sorted(apiSecrets) }, ...(Object.keys(webSecrets).length > 0 ? { web: { secrets: sorted(webSecrets) } } : {}) };
}

/**
 * YAML text Helm reads back exactly. Every string value is double-quoted: Helm's YAML reader resolves
 * plain scalars with YAML 1.1 rules plus Go's number syntax (`0o17`, `0b1`, `1_000` are numbers
 * there). Keys stay plain unless YAML 1.1 would read them as something else (`ON`, `Y`). Proven by
 * parsing the text back under YAML 1.1 and 1.2.
 */
export function valuesYaml(path: string, header: readonly string[], values: Json): string {
  const body = stringify(values, { version: '1.1', sortMapEntries: true, lineWidth: 0, indent: 2, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  const text = `${header.map((line) => `# ${line}`.trimEnd()).join('\n')}\n${body}`;
  for (const version of ['1.1', '1.2'] as const) {
    const back: unknown = parse(text, { version });
    if (JSON.stringify(sortKeys(back)) !== JSON.stringify(sortKeys(values))) {
      throw new Error(`internal: generated ${path} does not read back unchanged as YAML ${version}`);
    }
  }
  return text;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Json)[k])]));
  }
  return value;
}

/** The values files Helm will layer over the chart defaults must satisfy the chart's schema. */
export function assertValidValues(path: string, ...files: readonly Json[]): void {
  const problems = valuesSchemaProblems(effectiveValues(...files));
  if (problems.length > 0) throw new Error(`internal: generated ${path} does not match values.schema.json:\n${problems.join('\n')}`);
}

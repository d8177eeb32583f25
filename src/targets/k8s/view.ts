/**
 * The Kubernetes target's view: every decision about the chart's values and the runbook, as plain
 * data. The chart itself is static; this view is what the generated values file carries.
 */
import { required } from '../../contract/contract.js';
import type { K8sContract } from './keys.js';
import { API_PORT, deriveServiceEnv, WEB_PORT, type ServiceEnv } from '../../contract/env.js';
import { parseImageRef, parseRemoteRef, type Resources } from '../../contract/formats.js';
import type { SecretStoreKind } from '../../contract/literals.js';
import { CHART_DIR } from './chart.js';

export const SECRETS_DIR = 'ops/charts/secrets';

export interface ImageParts {
  repository: string;
  tag: string;
  digest: string;
}

export interface SecretRefView {
  /** Env name in the container (the key of the Kubernetes Secret). */
  env: string;
  key: string;
  property?: string;
}

export type SecretsView =
  | { mode: 'external-secrets'; store: string; storeKind: SecretStoreKind; api: SecretRefView[]; web: SecretRefView[] }
  /** Plain Kubernetes Secrets: only the env names here; the values stay in the secrets values file. */
  | { mode: 'plain'; api: string[]; web: string[] };

/** The env names a component reads from its Secret. */
export function secretEnvNames(secrets: SecretsView, component: 'api' | 'web'): string[] {
  return secrets.mode === 'external-secrets' ? secrets[component].map((r) => r.env) : secrets[component];
}

export interface IngressView {
  enabled: boolean;
  className: string;
  hosts: string[];
  tlsSecret: string;
  apiHosts: string[];
  apiTlsSecret: string;
  clusterIssuer: string;
  scheme: 'https' | 'http';
}

/** The migrations hook (migrations_job): the Job and the hook copies it reads, by name. */
export interface MigrationsView {
  enabled: boolean;
  job: string;
  /** The hook copy of the API's Secret (or ExternalSecret) and of the ServiceAccount. */
  copy: string;
  command: readonly string[];
}

/** What the API image runs to migrate the database, from its own working directory. */
export const MIGRATION_COMMAND = ['alembic', '-c', 'alembic.ini', 'upgrade', 'heads'] as const;

export interface K8sView {
  project: string;
  environment: string;
  namespace: string;
  /** Helm release name; the chart names its objects after fullname (<fullname>-api, ...). */
  release: string;
  fullname: string;
  chartDir: string;
  /** Bundle path of the generated values file. */
  valuesFile: string;
  /** Bundle path of the secret values file (External Secrets off), written only with --include-secrets. */
  secretsFile: string | null;
  services: { api: string; web: string; worker: string };
  ports: { api: number; web: number; worker: number };
  worker: boolean;
  migrations: MigrationsView;
  images: { api: ImageParts; web: ImageParts; worker: ImageParts };
  env: ServiceEnv;
  ingress: IngressView;
  secrets: SecretsView;
  replicas: { api: number; web: number; worker: number };
  resources: { api: Resources; web: Resources; worker: Resources };
  autoscaling: { enabled: boolean; minReplicas: number; maxReplicas: number; targetCpu: number };
}

export function k8sEnv(contract: K8sContract): ServiceEnv {
  // In-cluster clients use the Service name in any of its DNS forms; probes send Host: localhost;
  // `kubectl port-forward` sends 127.0.0.1; API hosts reach it through the Ingress.
  const service = `${contract.project_name}-api`;
  const namespace = required(contract, 'namespace');
  const apiHosts = [
    service,
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
    'localhost',
    '127.0.0.1',
    ...(contract.ingress_enabled ? (contract.api_hosts ?? []) : []),
  ];
  return deriveServiceEnv(contract, { apiHosts });
}

function imageParts(reference: string): ImageParts {
  const ref = parseImageRef(reference);
  if (!ref) throw new Error(`internal: ${reference} is not an image reference`);
  return { repository: ref.name, tag: ref.tag ?? '', digest: ref.digest ?? '' };
}

function secretRefs(map: Record<string, string>): SecretRefView[] {
  return Object.keys(map)
    .sort()
    .map((env) => {
      const ref = parseRemoteRef(map[env] ?? '');
      if (!ref) throw new Error(`internal: ${env} has no valid remote key`);
      return { env, ...ref };
    });
}

function secretsView(contract: K8sContract): SecretsView {
  if (required(contract, 'external_secrets_enabled')) {
    return {
      mode: 'external-secrets',
      store: required(contract, 'external_secrets_store'),
      storeKind: required(contract, 'external_secrets_store_kind'),
      api: secretRefs(contract.api_secrets),
      web: secretRefs(contract.web_secrets),
    };
  }
  return { mode: 'plain', api: Object.keys(contract.api_secrets).sort(), web: Object.keys(contract.web_secrets).sort() };
}

function ingressView(contract: K8sContract): IngressView {
  const enabled = required(contract, 'ingress_enabled');
  const https = new URL(contract.app_public_url).protocol === 'https:';
  const tlsSecret = enabled && https ? (contract.tls_secret_name ?? '') : '';
  const apiHosts = enabled ? (contract.api_hosts ?? []) : [];
  return {
    enabled,
    className: enabled ? (contract.ingress_class_name ?? '') : '',
    hosts: enabled ? required(contract, 'ingress_hosts') : [],
    tlsSecret,
    // A second certificate for the API hosts: cert-manager keeps one Certificate per secret.
    apiTlsSecret: tlsSecret && apiHosts.length > 0 ? `${tlsSecret}-api` : '',
    apiHosts,
    clusterIssuer: enabled ? (contract.tls_cluster_issuer ?? '') : '',
    scheme: https ? 'https' : 'http',
  };
}

export function k8sView(contract: K8sContract): K8sView {
  const fullname = contract.project_name;
  const external = required(contract, 'external_secrets_enabled');
  return {
    project: contract.project_name,
    environment: contract.environment,
    namespace: required(contract, 'namespace'),
    release: contract.project_name,
    fullname,
    chartDir: CHART_DIR,
    valuesFile: `${CHART_DIR}/values.${contract.environment}.yaml`,
    secretsFile: external ? null : `${SECRETS_DIR}/values.${contract.environment}.yaml`,
    services: { api: `${fullname}-api`, web: `${fullname}-web`, worker: `${fullname}-worker` },
    ports: { api: API_PORT, web: WEB_PORT, worker: API_PORT },
    worker: contract.enable_worker,
    migrations: { enabled: required(contract, 'migrations_job'), job: `${fullname}-migrate`, copy: `${fullname}-migrations`, command: MIGRATION_COMMAND },
    images: { api: imageParts(contract.api_image), web: imageParts(contract.web_image), worker: imageParts(contract.worker_image) },
    env: k8sEnv(contract),
    ingress: ingressView(contract),
    secrets: secretsView(contract),
    replicas: { api: required(contract, 'api_replicas'), web: required(contract, 'web_replicas'), worker: required(contract, 'worker_replicas') },
    resources: { api: required(contract, 'api_resources'), web: required(contract, 'web_resources'), worker: required(contract, 'worker_resources') },
    autoscaling: {
      enabled: required(contract, 'autoscaling_enabled'),
      minReplicas: required(contract, 'autoscaling_min_replicas'),
      maxReplicas: required(contract, 'autoscaling_max_replicas'),
      targetCpu: required(contract, 'autoscaling_target_cpu'),
    },
  };
}

/**
 * The keys only the Kubernetes target reads, and what it adds to the contract: which keys it
 * requires, its defaults (some derived from other answers), its storage providers and rules. Light
 * on purpose (zod and src/contract only): the contract is built from every target's key set without
 * loading the targets themselves.
 */
import { z } from 'zod';
import type { Contract } from '../../contract/contract.js';
import type { FieldSpec } from '../../contract/fields.js';
import { ingressHost, k8sName, namespaceName, resources } from '../../contract/formats.js';
import { SECRET_STORE_KINDS } from '../../contract/literals.js';
import { withWorker, type Relevance } from '../../contract/relevance.js';
import type { KeysOf, TargetKeySet } from '../../contract/target-keys.js';
import { kubernetesProblems } from './rules.js';

type Answers = Record<string, unknown>;

const hostList = (what: string) =>
  z
    .array(ingressHost)
    .min(1, `list at least one ${what}`)
    .refine((hosts) => new Set(hosts).size === hosts.length, 'must not list a host twice');
const replicas = z.number().int().min(1).max(100);

const K8S_FIELDS = {
  namespace: {
    schema: namespaceName,
    description: 'Kubernetes namespace of the release; defaults to project_name.',
    targets: ['k8s'],
  },
  ingress_enabled: {
    schema: z.boolean(),
    description: 'Create the Ingress for ingress_hosts (and api_hosts). Off: expose the web Service yourself.',
    targets: ['k8s'],
  },
  ingress_hosts: {
    schema: hostList('app host'),
    description:
      'App hosts the Ingress serves; every path, /api included, goes to the web app (the BFF). Defaults to the host of app_public_url, which must be one of them.',
    targets: ['k8s'],
  },
  ingress_class_name: {
    schema: k8sName,
    description: 'IngressClass of the Ingress (e.g. nginx); unset uses the cluster default class.',
    targets: ['k8s'],
  },
  tls_secret_name: {
    schema: k8sName,
    description: 'Secret holding the TLS certificate of ingress_hosts; defaults to <project_name>-tls when app_public_url is https.',
    targets: ['k8s'],
  },
  tls_cluster_issuer: {
    schema: k8sName,
    description: 'cert-manager ClusterIssuer that fills the TLS secrets (adds the cert-manager.io/cluster-issuer annotation); unset: you provide the secrets.',
    targets: ['k8s'],
  },
  api_hosts: {
    schema: hostList('API host'),
    description: 'Optional API hosts for server-to-server clients only (browsers use the web app); a second Ingress routes them to the API.',
    targets: ['k8s'],
  },
  external_secrets_enabled: {
    schema: z.boolean(),
    description:
      'Read api_secrets and web_secrets through the External Secrets Operator (their values are then keys in the store). Off: plain Kubernetes Secrets whose values are written only with --include-secrets.',
    targets: ['k8s'],
  },
  external_secrets_store: {
    schema: k8sName,
    description: 'Name of the External Secrets store (ClusterSecretStore or SecretStore) that holds the secrets.',
    targets: ['k8s'],
  },
  external_secrets_store_kind: {
    schema: z.enum(SECRET_STORE_KINDS),
    description: 'Kind of external_secrets_store: ClusterSecretStore (cluster-wide) or SecretStore (in the namespace).',
    targets: ['k8s'],
  },
  migrations_job: {
    schema: z.boolean(),
    description:
      'Run `alembic -c alembic.ini upgrade heads` as a pre-install/pre-upgrade Helm hook Job before the API rolls out. Off: run it yourself before each helm upgrade (see the runbook).',
    targets: ['k8s'],
    advanced: true,
  },
  api_replicas: {
    schema: replicas,
    description: 'Replicas of the API (the minimum is autoscaling_min_replicas when autoscaling is on).',
    targets: ['k8s'],
    advanced: true,
  },
  web_replicas: {
    schema: replicas,
    description: 'Replicas of the web app (the minimum is autoscaling_min_replicas when autoscaling is on).',
    targets: ['k8s'],
    advanced: true,
  },
  worker_replicas: {
    schema: replicas,
    description: 'Replicas of the billing worker. Every worker replica retries and replays billing events: keep 1 unless the app coordinates them.',
    targets: ['k8s'],
    advanced: true,
  },
  api_resources: {
    schema: resources,
    description: 'CPU and memory requests and limits of the API: {requests: {cpu, memory}, limits: {cpu, memory}}.',
    targets: ['k8s'],
    advanced: true,
  },
  web_resources: {
    schema: resources,
    description: 'CPU and memory requests and limits of the web app.',
    targets: ['k8s'],
    advanced: true,
  },
  worker_resources: {
    schema: resources,
    description: 'CPU and memory requests and limits of the billing worker.',
    targets: ['k8s'],
    advanced: true,
  },
  autoscaling_enabled: {
    schema: z.boolean(),
    description: 'Scale the API and the web app on CPU with HorizontalPodAutoscalers (autoscaling/v2).',
    targets: ['k8s'],
    advanced: true,
  },
  autoscaling_min_replicas: {
    schema: replicas,
    description: 'Minimum replicas of the API and of the web app when autoscaling is on.',
    targets: ['k8s'],
    advanced: true,
  },
  autoscaling_max_replicas: {
    schema: replicas,
    description: 'Maximum replicas of the API and of the web app when autoscaling is on.',
    targets: ['k8s'],
    advanced: true,
  },
  autoscaling_target_cpu: {
    schema: z.number().int().min(1).max(100),
    description: 'Average CPU utilisation (percent of requests) the autoscalers aim for.',
    targets: ['k8s'],
    advanced: true,
  },
} as const satisfies Record<string, FieldSpec>;

export type K8sKeys = KeysOf<typeof K8S_FIELDS>;
/** The contract the k8s view, files and checks read. */
export type K8sContract = Contract & K8sKeys;

const K8S_RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1000m', memory: '1Gi' } };

function urlOf(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Kubernetes defaults that follow from other answers: the namespace and the in-cluster API URL from
 * the project name (the chart names the API Service <project_name>-api), the ingress host and the
 * TLS secret from app_public_url.
 */
function deriveK8s(answers: Answers): Record<string, unknown> {
  const project = typeof answers.project_name === 'string' ? answers.project_name : undefined;
  const app = urlOf(answers.app_public_url);
  return {
    namespace: project,
    api_base_url: project && `http://${project}-api:8000`,
    ingress_hosts: app && [app.hostname],
    tls_secret_name: project && app?.protocol === 'https:' ? `${project}-tls` : undefined,
  };
}

const withIngress: Relevance = { after: ['ingress_enabled'], when: (a) => a.ingress_enabled !== false, reason: 'only with ingress_enabled' };
const withExternalSecrets: Relevance = { after: ['external_secrets_enabled'], when: (a) => a.external_secrets_enabled !== false, reason: 'only with external_secrets_enabled' };
const withAutoscaling: Relevance = { after: ['autoscaling_enabled'], when: (a) => a.autoscaling_enabled === true, reason: 'only with autoscaling_enabled' };

export const K8S_KEYS: TargetKeySet<typeof K8S_FIELDS> = {
  id: 'k8s',
  fields: K8S_FIELDS,
  required: [
    'namespace',
    'ingress_enabled',
    'ingress_hosts',
    'external_secrets_enabled',
    'external_secrets_store_kind',
    'migrations_job',
    'api_replicas',
    'web_replicas',
    'worker_replicas',
    'api_resources',
    'web_resources',
    'worker_resources',
    'autoscaling_enabled',
    'autoscaling_min_replicas',
    'autoscaling_max_replicas',
    'autoscaling_target_cpu',
  ],
  defaults: {
    ingress_enabled: true,
    external_secrets_enabled: true,
    external_secrets_store_kind: 'ClusterSecretStore',
    migrations_job: true,
    api_replicas: 2,
    web_replicas: 2,
    worker_replicas: 1,
    api_resources: K8S_RESOURCES,
    web_resources: K8S_RESOURCES,
    worker_resources: K8S_RESOURCES,
    autoscaling_enabled: false,
    autoscaling_min_replicas: 2,
    autoscaling_max_replicas: 10,
    autoscaling_target_cpu: 80,
  },
  storageProviders: ['s3', 'azure_blob', 'gcs', 'minio'],
  derive: deriveK8s,
  secretsAreReferences: (answers) => answers.external_secrets_enabled === true,
  rules: kubernetesProblems,
  relevance: {
    worker_replicas: withWorker,
    worker_resources: withWorker,
    ingress_hosts: withIngress,
    ingress_class_name: withIngress,
    tls_secret_name: withIngress,
    tls_cluster_issuer: withIngress,
    api_hosts: withIngress,
    external_secrets_store: withExternalSecrets,
    external_secrets_store_kind: withExternalSecrets,
    autoscaling_min_replicas: withAutoscaling,
    autoscaling_max_replicas: withAutoscaling,
    autoscaling_target_cpu: withAutoscaling,
  },
};

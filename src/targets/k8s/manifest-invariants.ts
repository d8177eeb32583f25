/**
 * Invariants of the manifests `helm template` renders from the generated values: the objects the
 * view expects (no more, no fewer), the BFF routing, the billing worker topology, secrets only by
 * reference, probes, the pod hardening, and the migrations hook Job (held to the API's rules: its
 * env, its secrets by reference, the same hardening). Pure: parsed manifests in, problems out.
 */
import { CONNECTION_SECRETS } from '../../contract/literals.js';
import { manifestId, type Manifest } from '../../checks/embedded/kubernetes.js';
import { billingFlagProblems } from '../shared/invariants.js';
import { migrationsProblems } from './migrations-invariants.js';
import { envProblems, hardeningProblems, kubeEnvValue, list, obj, podProblems } from './pod-invariants.js';
import { secretEnvNames, type K8sView } from './view.js';

export { kubeEnvValue } from './pod-invariants.js';

type Json = Record<string, unknown>;
type Component = 'api' | 'web' | 'worker';

const PROBES: Record<Component, { live: string; ready: string }> = {
  api: { live: '/health', ready: '/health/ready' },
  web: { live: '/api/health', ready: '/api/health/ready' },
  worker: { live: '/health', ready: '/health/ready' },
};

/** The objects the view expects, as `Kind/name`. */
function expectedObjects(view: K8sView): string[] {
  const { services, ingress, secrets, autoscaling, replicas } = view;
  const ids = [`ServiceAccount/${view.fullname}`, `Deployment/${services.api}`, `Deployment/${services.web}`, `Service/${services.api}`, `Service/${services.web}`];
  if (view.worker) ids.push(`Deployment/${services.worker}`);
  if (ingress.enabled) ids.push(`Ingress/${view.fullname}`);
  if (ingress.enabled && ingress.apiHosts.length > 0) ids.push(`Ingress/${view.fullname}-api`);
  const kind = secrets.mode === 'external-secrets' ? 'ExternalSecret' : 'Secret';
  ids.push(`${kind}/${services.api}`);
  if (secrets.web.length > 0) ids.push(`${kind}/${services.web}`);
  if (autoscaling.enabled) ids.push(`HorizontalPodAutoscaler/${services.api}`, `HorizontalPodAutoscaler/${services.web}`);
  const least = (n: number) => (autoscaling.enabled ? autoscaling.minReplicas : n);
  if (least(replicas.api) > 1) ids.push(`PodDisruptionBudget/${services.api}`);
  if (least(replicas.web) > 1) ids.push(`PodDisruptionBudget/${services.web}`);
  if (view.worker && replicas.worker > 1) ids.push(`PodDisruptionBudget/${services.worker}`);
  if (view.migrations.enabled) ids.push(`Job/${view.migrations.job}`, `${kind}/${view.migrations.copy}`, `ServiceAccount/${view.migrations.copy}`);
  return ids.sort();
}

function objectSetProblems(docs: readonly Manifest[], view: K8sView): string[] {
  const rendered = docs.map(manifestId).sort();
  const expected = expectedObjects(view);
  return [
    ...expected.filter((id) => !rendered.includes(id)).map((id) => `${id} is missing from the rendered manifests`),
    ...rendered.filter((id) => !expected.includes(id)).map((id) => `${id} was rendered but the answers do not call for it`),
  ];
}

/** No DATABASE_URL or REDIS_URL as a plain value anywhere (env entries, ConfigMap data). */
function connectionLeakProblems(docs: readonly Manifest[]): string[] {
  const problems: string[] = [];
  const walk = (value: unknown, doc: Manifest): void => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, doc));
    if (!value || typeof value !== 'object') return;
    const node = value as Json;
    if ((CONNECTION_SECRETS as readonly unknown[]).includes(node.name) && 'value' in node) problems.push(`${manifestId(doc)}: ${String(node.name)} is a plain env value`);
    Object.values(node).forEach((v) => walk(v, doc));
  };
  for (const doc of docs) {
    if (doc.kind === 'Secret') continue;
    if (doc.kind === 'ConfigMap') for (const name of CONNECTION_SECRETS) if (Object.hasOwn(obj(doc.data), name)) problems.push(`${manifestId(doc)}: ${name} in a ConfigMap`);
    walk(doc, doc);
  }
  return problems;
}

function containerProblems(where: string, container: Json, component: Component, port: number): string[] {
  const problems = hardeningProblems(where, container);
  const http = list(container.ports).find((p) => p.name === 'http');
  if (http?.containerPort !== port) problems.push(`${where}: container port http is ${String(http?.containerPort)}, expected ${port}`);
  for (const [probe, path] of [
    ['startupProbe', PROBES[component].ready],
    ['readinessProbe', PROBES[component].ready],
    ['livenessProbe', PROBES[component].live],
  ] as const) {
    const get = obj(obj(container[probe]).httpGet);
    if (get.path !== path || get.port !== 'http') problems.push(`${where}: ${probe} must GET ${path} on port http, found ${JSON.stringify(get.path ?? null)}`);
  }
  return problems;
}

function deploymentProblems(docs: readonly Manifest[], view: K8sView): string[] {
  const problems: string[] = [];
  const keys = (c: 'api' | 'web') => secretEnvNames(view.secrets, c);
  const components: Component[] = view.worker ? ['api', 'web', 'worker'] : ['api', 'web'];
  for (const component of components) {
    const name = view.services[component];
    const doc = docs.find((d) => d.kind === 'Deployment' && d.metadata?.name === name);
    if (!doc) continue; // reported by the object set
    const pod = obj(obj(obj(doc.spec).template).spec);
    const where = `Deployment/${name}`;
    const { problems: podIssues, container } = podProblems(where, pod);
    problems.push(...podIssues);
    problems.push(...containerProblems(where, container, component, view.ports[component]));
    const env = view.env[component] ?? [];
    const secretOwner = component === 'web' ? 'web' : 'api';
    problems.push(...envProblems(where, container, env, view.services[secretOwner], keys(secretOwner)));
    const rendered = new Map(list(container.env).filter((e) => typeof e.value === 'string').map((e) => [String(e.name), kubeEnvValue(String(e.value))]));
    if (component !== 'web') problems.push(...billingFlagProblems(where, rendered, component === 'worker' ? 'worker' : view.worker ? 'api' : 'inline'));
  }
  return problems;
}

/** The BFF contract (seed OPS-001): app hosts route only to the web Service, API hosts only to the API. */
function ingressProblems(docs: readonly Manifest[], view: K8sView): string[] {
  const problems: string[] = [];
  const check = (name: string, hosts: readonly string[], service: string, paths: readonly string[]) => {
    const doc = docs.find((d) => d.kind === 'Ingress' && d.metadata?.name === name);
    if (!doc) return;
    const rules = list(obj(doc.spec).rules);
    const ruleHosts = rules.map((r) => String(r.host));
    if (JSON.stringify(ruleHosts) !== JSON.stringify(hosts)) problems.push(`Ingress/${name}: hosts are ${ruleHosts.join(', ')}, expected ${hosts.join(', ')}`);
    for (const rule of rules) {
      const found = list(obj(rule.http).paths);
      const prefixes = found.map((p) => `${String(p.path)} ${String(p.pathType)}`);
      for (const path of paths) if (!prefixes.includes(`${path} Prefix`)) problems.push(`Ingress/${name}: ${String(rule.host)} has no Prefix path ${path}`);
      for (const p of found) {
        const backend = obj(obj(p.backend).service);
        if (backend.name !== service) problems.push(`Ingress/${name}: ${String(rule.host)}${String(p.path)} goes to ${String(backend.name)}, expected ${service}`);
      }
    }
    const tls = list(obj(doc.spec).tls);
    const secret = name === view.fullname ? view.ingress.tlsSecret : view.ingress.apiTlsSecret;
    if (secret && !(tls.length === 1 && tls[0]?.secretName === secret)) problems.push(`Ingress/${name}: TLS must use secret ${secret}`);
    if (!secret && tls.length > 0) problems.push(`Ingress/${name}: has TLS but app_public_url is not https`);
  };
  check(view.fullname, view.ingress.hosts, view.services.web, ['/api', '/']);
  check(`${view.fullname}-api`, view.ingress.apiHosts, view.services.api, ['/']);
  return problems;
}

function externalSecretProblems(docs: readonly Manifest[], view: K8sView): string[] {
  const secrets = view.secrets;
  if (secrets.mode !== 'external-secrets') return [];
  const problems: string[] = [];
  for (const component of ['api', 'web'] as const) {
    const name = view.services[component];
    const doc = docs.find((d) => d.kind === 'ExternalSecret' && d.metadata?.name === name);
    if (!doc) continue;
    const spec = obj(doc.spec);
    const store = obj(spec.secretStoreRef);
    if (store.name !== secrets.store || store.kind !== secrets.storeKind) problems.push(`ExternalSecret/${name}: store is ${String(store.kind)} ${String(store.name)}, expected ${secrets.storeKind} ${secrets.store}`);
    if (obj(spec.target).name !== name) problems.push(`ExternalSecret/${name}: target Secret is ${String(obj(spec.target).name)}, expected ${name}`);
    const data = list(spec.data).map((d) => `${String(d.secretKey)}=${String(obj(d.remoteRef).key)}#${String(obj(d.remoteRef).property ?? '')}`);
    const want = secrets[component].map((r) => `${r.env}=${r.key}#${r.property ?? ''}`);
    if (JSON.stringify(data) !== JSON.stringify(want)) problems.push(`ExternalSecret/${name}: data ${data.join(', ')} does not match the answers (${want.join(', ')})`);
  }
  return problems;
}

export function manifestProblems(docs: readonly Manifest[], view: K8sView): string[] {
  return [
    ...objectSetProblems(docs, view),
    ...connectionLeakProblems(docs),
    ...deploymentProblems(docs, view),
    ...ingressProblems(docs, view),
    ...externalSecretProblems(docs, view),
    ...migrationsProblems(docs, view),
  ];
}

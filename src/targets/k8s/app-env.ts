/**
 * The app env contract on a Kubernetes bundle: the env the chart assembles from the generated values
 * (embedded, always) and the env of the Deployments `helm template` really renders (with the tool),
 * plus the Host headers of the probes, the in-cluster web app and the API Ingress.
 */
import { parse as parseYaml } from 'yaml';
import type { BundleFiles } from '../../checks/types.js';
import type { Manifest } from '../../checks/embedded/kubernetes.js';
import { UNKNOWN_SECRET, type EnvValue } from '../../contract/app-env/conditions.js';
import type { HostClient } from '../../contract/app-env/hosts.js';
import { appEnvProblemsOf, webClient, type AppEnvSubject } from '../shared/app-env-check.js';
import { kubeEnvValue } from './manifest-invariants.js';
import type { K8sView } from './view.js';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);

/** The Host header the chart's probes send (templates/_helpers.tpl). */
export const PROBE_HOST = 'localhost';

function staticClients(view: K8sView): HostClient[] {
  return [
    { who: 'the kubelet probes', host: PROBE_HOST },
    { who: 'kubectl port-forward', host: `127.0.0.1:${view.ports.api}` },
    ...view.ingress.apiHosts.map((host) => ({ who: 'the API Ingress', host })),
  ];
}

function withSecrets(plain: Json, secrets: Json, known: boolean): Map<string, EnvValue> {
  const env = new Map<string, EnvValue>(Object.entries(plain).map(([k, v]) => [k, String(v)]));
  for (const [name, value] of Object.entries(secrets)) env.set(name, known && typeof value === 'string' ? value : UNKNOWN_SECRET);
  return env;
}

/** From the values files: the chart's env model, and the secrets by name (values only when the plain secrets file holds them). */
export function valuesSubject(view: K8sView, values: Json, model: { api: Json; web: Json; worker?: Json }, files: BundleFiles): AppEnvSubject {
  const external = obj(values.externalSecrets);
  // Plain Secrets: the values when the bundle holds them (--include-secrets), else the names of the example.
  const secretsPath = view.secretsFile && (files.has(view.secretsFile) ? view.secretsFile : `${view.secretsFile}.example`);
  const known = view.secretsFile !== null && files.has(view.secretsFile);
  let secretValues: Json = {};
  if (secretsPath && files.has(secretsPath)) {
    try {
      secretValues = obj(parseYaml(files.get(secretsPath) ?? '', { version: '1.1' }));
    } catch {
      /* reported by the values schema check */
    }
  }
  const secretsOf = (component: 'api' | 'web'): { map: Json; known: boolean } =>
    external.enabled === true
      ? { map: obj(obj(external[component]).data), known: false }
      : { map: { ...obj(obj(values[component]).secrets), ...obj(obj(secretValues[component]).secrets) }, known };
  const api = secretsOf('api');
  const web = secretsOf('web');
  const input = {
    api: withSecrets(model.api, api.map, api.known),
    web: withSecrets(model.web, web.map, web.known),
    ...(model.worker ? { worker: withSecrets(model.worker, api.map, api.known) } : {}),
  };
  return { input, clients: [...webClient(input.web), ...staticClients(view)] };
}

function containerEnv(deployment: Manifest | undefined): Map<string, EnvValue> | undefined {
  if (!deployment) return undefined;
  const container = list(obj(obj(obj(deployment.spec).template).spec).containers)[0];
  const env = new Map<string, EnvValue>();
  for (const item of list(container?.env)) {
    const name = String(item.name);
    env.set(name, typeof item.value === 'string' ? kubeEnvValue(item.value) : UNKNOWN_SECRET);
  }
  return env;
}

function probeHosts(deployment: Manifest | undefined, who: string): HostClient[] {
  const container = list(obj(obj(obj(deployment?.spec).template).spec).containers)[0];
  return ['startupProbe', 'readinessProbe', 'livenessProbe'].flatMap((probe) => {
    const headers = list(obj(obj(container?.[probe]).httpGet).httpHeaders);
    const host = headers.find((h) => String(h.name).toLowerCase() === 'host')?.value;
    return [{ who: `the ${who} ${probe}`, host: typeof host === 'string' ? host : `<pod IP>:${String(obj(obj(container?.[probe]).httpGet).port)}` }];
  });
}

/** From the rendered manifests: the containers' env and every Host header sent to the API. */
export function renderedAppEnvProblems(docs: readonly Manifest[], view: K8sView): string[] {
  const find = (name: string) => docs.find((d) => d.kind === 'Deployment' && obj(d.metadata).name === name);
  const [api, web, worker] = [find(view.services.api), find(view.services.web), find(view.services.worker)];
  const apiEnv = containerEnv(api);
  const webEnv = containerEnv(web);
  if (!apiEnv || !webEnv) return ['the api or web Deployment is missing from the rendered manifests'];
  const workerEnv = containerEnv(worker);
  const ingressHosts = docs
    .filter((d) => d.kind === 'Ingress')
    .flatMap((d) => list(obj(d.spec).rules))
    .filter((rule) => list(obj(rule.http).paths).some((p) => obj(obj(obj(p.backend).service)).name === view.services.api))
    .map((rule) => ({ who: 'the API Ingress', host: String(rule.host) }));
  const clients = [...webClient(webEnv), ...probeHosts(api, 'api'), ...(worker ? probeHosts(worker, 'worker') : []), ...ingressHosts];
  return appEnvProblemsOf({ input: { api: apiEnv, web: webEnv, ...(workerEnv ? { worker: workerEnv } : {}) }, clients }).map((p) => `rendered ${p}`);
}

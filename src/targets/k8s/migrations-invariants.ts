/**
 * Invariants of the migrations hook (migrations_job): a pre-install/pre-upgrade Job that runs the
 * migration command in the API image with exactly the API's env, reads its secrets by reference from
 * a hook copy of the API's Secret (the release's own Secret does not exist yet on the first install),
 * is hardened like the Deployments, and receives no Service traffic. The hook copies are created
 * before the Job and never deleted on success (Helm would delete them before the Job runs).
 * Pure: parsed manifests in, problems out. With migrations_job off the object set check reports a Job.
 */
import { manifestId, type Manifest } from '../../checks/embedded/kubernetes.js';
import { envProblems, hardeningProblems, list, obj, podProblems } from './pod-invariants.js';
import { secretEnvNames, type K8sView } from './view.js';

type Json = Record<string, unknown>;

const HOOK_EVENTS = 'pre-install,pre-upgrade';
const JOB_HOOK = { 'helm.sh/hook': HOOK_EVENTS, 'helm.sh/hook-weight': '0', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' };
const COPY_HOOK = { 'helm.sh/hook': HOOK_EVENTS, 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation' };

const find = (docs: readonly Manifest[], kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata?.name === name);

function annotationProblems(where: string, doc: Manifest, want: Record<string, string>): string[] {
  const annotations = obj(obj(doc.metadata).annotations);
  return Object.entries(want)
    .filter(([key, value]) => annotations[key] !== value)
    .map(([key, value]) => `${where}: annotation ${key} is ${JSON.stringify(annotations[key] ?? null)}, expected ${JSON.stringify(value)}`);
}

/** The hook copy holds what the API's own Secret (or ExternalSecret) holds. */
function copyProblems(docs: readonly Manifest[], view: K8sView): string[] {
  const external = view.secrets.mode === 'external-secrets';
  const kind = external ? 'ExternalSecret' : 'Secret';
  const name = view.migrations.copy;
  const copy = find(docs, kind, name);
  const original = find(docs, kind, view.services.api);
  if (!copy || !original) return []; // reported by the object set
  const where = `${kind}/${name}`;
  const problems = annotationProblems(where, copy, COPY_HOOK);
  if (external) {
    const spec = obj(copy.spec);
    const apiSpec = obj(original.spec);
    if (obj(spec.target).name !== name) problems.push(`${where}: target Secret is ${String(obj(spec.target).name)}, expected ${name}`);
    if (JSON.stringify(spec.secretStoreRef) !== JSON.stringify(apiSpec.secretStoreRef)) problems.push(`${where}: store differs from ExternalSecret/${view.services.api}'s`);
    if (JSON.stringify(spec.data) !== JSON.stringify(apiSpec.data)) problems.push(`${where}: data differs from ExternalSecret/${view.services.api}'s`);
  } else if (JSON.stringify(copy.data) !== JSON.stringify(original.data)) {
    problems.push(`${where}: data differs from Secret/${view.services.api}'s`);
  }
  return problems;
}

/** A Service whose selector matches the Job's pod would send it traffic. */
function selectedBy(docs: readonly Manifest[], labels: Json): string[] {
  return docs
    .filter((d) => d.kind === 'Service')
    .filter((d) => {
      const selector = Object.entries(obj(obj(d.spec).selector));
      return selector.length > 0 && selector.every(([key, value]) => labels[key] === value);
    })
    .map(manifestId);
}

function jobProblems(docs: readonly Manifest[], view: K8sView): string[] {
  const { job, copy, command } = view.migrations;
  const doc = find(docs, 'Job', job);
  if (!doc) return [];
  const where = `Job/${job}`;
  const problems = annotationProblems(where, doc, JOB_HOOK);
  const spec = obj(doc.spec);
  if (typeof spec.backoffLimit !== 'number') problems.push(`${where}: no backoffLimit`);
  if (typeof spec.activeDeadlineSeconds !== 'number') problems.push(`${where}: no activeDeadlineSeconds (a stuck migration would hold the upgrade until helm's timeout)`);
  const template = obj(spec.template);
  const pod = obj(template.spec);
  if (pod.restartPolicy !== 'Never') problems.push(`${where}: restartPolicy is ${String(pod.restartPolicy)}, expected Never`);
  if (pod.serviceAccountName !== copy) problems.push(`${where}: runs as ServiceAccount ${String(pod.serviceAccountName)}, expected the hook copy ${copy}`);
  const { problems: podIssues, container } = podProblems(where, pod);
  problems.push(...podIssues, ...hardeningProblems(where, container));
  if (JSON.stringify(container.command) !== JSON.stringify(command)) problems.push(`${where}: command is ${JSON.stringify(container.command ?? null)}, expected ${JSON.stringify(command)}`);
  if (container.args !== undefined || container.workingDir !== undefined) problems.push(`${where}: sets args or workingDir (the image migrates from its own working directory)`);
  const api = list(obj(obj(obj(find(docs, 'Deployment', view.services.api)?.spec).template).spec).containers)[0];
  if (api && container.image !== api.image) problems.push(`${where}: image ${String(container.image)} is not the API's ${String(api.image)}`);
  problems.push(...envProblems(where, container, view.env.api, copy, secretEnvNames(view.secrets, 'api')));
  for (const service of selectedBy(docs, obj(obj(template.metadata).labels))) problems.push(`${where}: its pod matches the selector of ${service}`);
  return problems;
}

export function migrationsProblems(docs: readonly Manifest[], view: K8sView): string[] {
  if (!view.migrations.enabled) return [];
  const sa = find(docs, 'ServiceAccount', view.migrations.copy);
  return [...jobProblems(docs, view), ...copyProblems(docs, view), ...(sa ? annotationProblems(manifestId(sa), sa, COPY_HOOK) : [])];
}

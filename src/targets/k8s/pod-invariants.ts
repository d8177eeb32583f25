/**
 * Rules every pod of the chart is held to, whatever its kind (a Deployment's or the migrations Job's):
 * hardening, and env that is either the contract's plain values or keys of one Secret. Pure.
 */
import type { EnvVar } from '../../contract/env.js';

type Json = Record<string, unknown>;

export const obj = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
export const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);

/** The value a container sees: Kubernetes reads `$$` as `$` and leaves an undefined `$(NAME)` as it is. */
export function kubeEnvValue(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '$' && raw[i + 1] === '$') i++;
    out += raw[i];
  }
  return out;
}

/** Pod-level hardening: non-root, RuntimeDefault seccomp, no ServiceAccount token, one container. */
export function podProblems(where: string, pod: Json): { problems: string[]; container: Json } {
  const problems: string[] = [];
  const podSecurity = obj(pod.securityContext);
  if (podSecurity.runAsNonRoot !== true) problems.push(`${where}: the pod does not set runAsNonRoot: true`);
  if (obj(podSecurity.seccompProfile).type !== 'RuntimeDefault') problems.push(`${where}: the pod's seccomp profile is not RuntimeDefault`);
  if (pod.automountServiceAccountToken !== false) problems.push(`${where}: the pod mounts a ServiceAccount token`);
  const containers = list(pod.containers);
  if (containers.length !== 1) problems.push(`${where}: expected one container, found ${containers.length}`);
  return { problems, container: containers[0] ?? {} };
}

/** Container hardening: read-only root filesystem (with a writable /tmp), no escalation, no capabilities. */
export function hardeningProblems(where: string, container: Json): string[] {
  const problems: string[] = [];
  const security = obj(container.securityContext);
  if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
  if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
  if (!(obj(security.capabilities).drop as unknown[] | undefined)?.includes('ALL')) problems.push(`${where}: capabilities do not drop ALL`);
  if (!list(container.volumeMounts).some((m) => m.mountPath === '/tmp')) problems.push(`${where}: no writable /tmp (the root filesystem is read-only)`);
  return problems;
}

export function envProblems(where: string, container: Json, expected: readonly EnvVar[], secretName: string, secretKeys: readonly string[]): string[] {
  const problems: string[] = [];
  const plain = new Map<string, string>();
  const fromSecret: string[] = [];
  for (const entry of list(container.env)) {
    const name = String(entry.name);
    const ref = obj(obj(entry.valueFrom).secretKeyRef);
    if (typeof entry.value === 'string') plain.set(name, kubeEnvValue(entry.value));
    else if (ref.name === secretName && ref.key === name) fromSecret.push(name);
    else problems.push(`${where}: env ${name} is neither a plain value nor key ${name} of Secret ${secretName}`);
  }
  const want = new Map(expected.map((v) => [v.name, v.value]));
  for (const [name, value] of want) {
    if (plain.get(name) !== value) problems.push(`${where}: env ${name} is ${plain.has(name) ? JSON.stringify(plain.get(name)) : 'unset'}, expected ${JSON.stringify(value)}`);
  }
  for (const name of plain.keys()) if (!want.has(name)) problems.push(`${where}: env ${name} is not in the env contract`);
  if (JSON.stringify([...fromSecret].sort()) !== JSON.stringify([...secretKeys].sort())) {
    problems.push(`${where}: reads ${fromSecret.join(', ') || 'nothing'} from Secret ${secretName}, expected ${secretKeys.join(', ') || 'nothing'}`);
  }
  return problems;
}

/**
 * Every target, by id, loaded on demand: a run imports only the target it generates or validates (a
 * VPS run never loads the Helm chart, its templates or its schema validators). Adding a target
 * touches its folder, this list, a preset and a golden case.
 */
import type { TargetId } from '../contract/literals.js';
import type { Target } from './types.js';

const TARGET_LOADERS: Record<TargetId, () => Promise<Target>> = {
  vps: async () => (await import('./vps/index.js')).vpsTarget,
  k8s: async () => (await import('./k8s/index.js')).k8sTarget,
  other: async () => (await import('./other/index.js')).otherTarget,
  aws: async () => (await import('./aws/index.js')).awsTarget,
  azure: async () => (await import('./azure/index.js')).azureTarget,
  gcp: async () => (await import('./gcp/index.js')).gcpTarget,
};

/** The ids in the registry. */
export const REGISTERED_TARGETS = Object.keys(TARGET_LOADERS) as TargetId[];

export function loadTarget(id: TargetId): Promise<Target> {
  return TARGET_LOADERS[id]();
}

/** Every target, for what walks them all (the env inventory, tests). */
export async function loadTargets(): Promise<Record<TargetId, Target>> {
  const entries = await Promise.all(REGISTERED_TARGETS.map(async (id) => [id, await loadTarget(id)] as const));
  return Object.fromEntries(entries) as Record<TargetId, Target>;
}

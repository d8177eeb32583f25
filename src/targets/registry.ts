/** Every target, by id. Adding a target touches its folder, this list, a preset and a golden case. */
import type { TargetId } from '../contract/literals.js';
import { k8sTarget } from './k8s/index.js';
import { otherTarget } from './other/index.js';
import type { Target } from './types.js';
import { vpsTarget } from './vps/index.js';

export const TARGETS: Record<TargetId, Target> = {
  vps: vpsTarget,
  k8s: k8sTarget,
  other: otherTarget,
};

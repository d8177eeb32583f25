import type { Target } from '../types.js';
import { k8sEmbeddedChecks, k8sToolChecks } from './checks.js';
import { k8sFiles } from './files.js';
import { K8S_KEYS } from './keys.js';
import { k8sEnv } from './view.js';

export const k8sTarget: Target = {
  id: 'k8s',
  title: 'Kubernetes (Helm chart, External Secrets)',
  env: k8sEnv,
  plan: k8sFiles,
  embeddedChecks: k8sEmbeddedChecks,
  toolChecks: k8sToolChecks,
  secretsAreReferences: (contract) => K8S_KEYS.secretsAreReferences?.(contract as unknown as Record<string, unknown>) ?? false,
};

/**
 * Rendered Kubernetes manifests: parsed from `helm template` output and validated against the
 * Kubernetes OpenAPI schemas (kubernetes-models) and the External Secrets CRD schemas. The models
 * are imported only when a manifest of their kind is validated, so no other command pays for them.
 * (kubernetes-models checks types, required fields and formats; it does not reject unknown fields.)
 */
import { parseAllDocuments } from 'yaml';

export type Manifest = Record<string, unknown> & { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };

interface Validatable {
  validate(): void;
}
/** A model's constructor; each takes its own typed object, so the manifest is passed through `never`. */
type ModelClass = new (data: never) => Validatable;

const MODELS: Record<string, () => Promise<ModelClass>> = {
  'apps/v1/Deployment': async () => (await import('kubernetes-models/apps/v1/Deployment')).Deployment,
  'v1/Service': async () => (await import('kubernetes-models/v1/Service')).Service,
  'batch/v1/Job': async () => (await import('kubernetes-models/batch/v1/Job')).Job,
  'v1/ServiceAccount': async () => (await import('kubernetes-models/v1/ServiceAccount')).ServiceAccount,
  'v1/Secret': async () => (await import('kubernetes-models/v1/Secret')).Secret,
  'networking.k8s.io/v1/Ingress': async () => (await import('kubernetes-models/networking.k8s.io/v1/Ingress')).Ingress,
  'autoscaling/v2/HorizontalPodAutoscaler': async () => (await import('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler')).HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': async () => (await import('kubernetes-models/policy/v1/PodDisruptionBudget')).PodDisruptionBudget,
  'external-secrets.io/v1/ExternalSecret': async () => (await import('@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret')).ExternalSecret,
  'external-secrets.io/v1beta1/ExternalSecret': async () =>
    (await import('@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret')).ExternalSecret,
};

/** Import the models of the given `apiVersion/kind`s (all known ones by default) ahead of schemaProblems. */
export async function preloadModels(keys: readonly string[] = Object.keys(MODELS)): Promise<void> {
  await Promise.all(keys.flatMap((key) => (MODELS[key] ? [MODELS[key]()] : [])));
}

export function manifestId(doc: Manifest): string {
  return `${String(doc.kind)}/${String(doc.metadata?.name ?? '?')}`;
}

/** Every YAML document of a multi-document stream (empty ones dropped); YAML errors become problems. */
export function parseManifests(text: string): { docs: Manifest[]; problems: string[] } {
  const docs: Manifest[] = [];
  const problems: string[] = [];
  for (const document of parseAllDocuments(text, { version: '1.1' })) {
    if (document.errors.length > 0) {
      problems.push(...document.errors.map((e) => `rendered YAML: ${e.message}`));
      continue;
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`rendered YAML: a document is not a Kubernetes object`);
      continue;
    }
    docs.push(value as Manifest);
  }
  return { docs, problems };
}

/** Validate each manifest against the schema of its apiVersion and kind; an unknown kind is a problem. */
export async function schemaProblems(docs: readonly Manifest[]): Promise<string[]> {
  const problems: string[] = [];
  for (const doc of docs) {
    const load = MODELS[`${String(doc.apiVersion)}/${String(doc.kind)}`];
    if (!load) {
      problems.push(`${manifestId(doc)}: no schema known for ${String(doc.apiVersion)} ${String(doc.kind)}`);
      continue;
    }
    const Model = await load();
    try {
      new Model(doc as never).validate();
    } catch (error) {
      const details = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
      if (details?.length) for (const e of details) problems.push(`${manifestId(doc)}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
      else problems.push(`${manifestId(doc)}: ${(error as Error).message}`);
    }
  }
  return problems;
}

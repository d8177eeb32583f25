/** The bundle manifest: generator version, a hash of the contract, and a hash per generated file. */
import { createHash } from 'node:crypto';
import type { PlannedFile } from './plan.js';

export const MANIFEST_PATH = 'starter-manifest.json';
export const REPORT_PATH = 'starter-report.json';
export const ANSWERS_PATH = 'starter-answers.yaml';
export const ANSWERS_SCHEMA_PATH = 'starter-answers.schema.json';

/** Files that record a run rather than describe the deployment: rewritten every time, never drift. */
export const RECORD_PATHS: readonly string[] = [MANIFEST_PATH, REPORT_PATH];

export interface ManifestEntry {
  /** Absent for secret files: a hash of a weak secret could be guessed from it. */
  sha256?: string;
  mode: string;
  kind: PlannedFile['kind'];
}

export interface Manifest {
  generator: { name: string; version: string };
  preset: string;
  target: string;
  contract_sha256: string;
  files: Record<string, ManifestEntry>;
  /** Set when the bundle was written into a directory it did not create (--adopt): never replaced, only updated in place. */
  adopted?: true;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function modeString(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/** Canonical JSON: object keys sorted at every level, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function buildManifest(input: {
  version: string;
  preset: string;
  target: string;
  redactedContract: unknown;
  files: readonly PlannedFile[];
}): Manifest {
  const files: Record<string, ManifestEntry> = {};
  for (const f of input.files) {
    files[f.path] = f.kind === 'secret' ? { mode: modeString(f.mode), kind: f.kind } : { sha256: sha256(f.content), mode: modeString(f.mode), kind: f.kind };
  }
  return {
    generator: { name: 'starter-console', version: input.version },
    preset: input.preset,
    target: input.target,
    contract_sha256: sha256(canonicalJson(input.redactedContract)),
    files,
  };
}

export function parseManifest(text: string): Manifest | undefined {
  try {
    const data = JSON.parse(text) as Manifest;
    if (data?.generator?.name !== 'starter-console' || typeof data.files !== 'object') return undefined;
    return data;
  } catch {
    return undefined;
  }
}

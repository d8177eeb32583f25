/** The file plan: every file of a bundle, in memory, before anything touches the disk. */
export type FileKind =
  /** Written by the generator and owned by it (hash in the manifest). */
  | 'generated'
  /** Holds secret values (written only with --include-secrets, mode 0600, never printed). */
  | 'secret';

export interface PlannedFile {
  /** POSIX path relative to the bundle root. */
  path: string;
  content: string;
  mode: number;
  kind: FileKind;
}

export const MODE_FILE = 0o644;
export const MODE_SCRIPT = 0o755;
export const MODE_SECRET = 0o600;

export function file(path: string, content: string, mode = MODE_FILE): PlannedFile {
  return { path, content, mode, kind: 'generated' };
}

export function secretFile(path: string, content: string): PlannedFile {
  return { path, content, mode: MODE_SECRET, kind: 'secret' };
}

/** Sorted by path, so every listing, manifest and diff is deterministic. */
export function sortPlan(files: readonly PlannedFile[]): PlannedFile[] {
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`internal: two files planned at ${f.path}`);
    if (f.path.startsWith('/') || f.path.split('/').includes('..')) throw new Error(`internal: unsafe path ${f.path}`);
    if (f.content.includes('\r')) throw new Error(`internal: CR in ${f.path}`);
    seen.add(f.path);
  }
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

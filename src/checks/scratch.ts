/**
 * Scratch copies of the bundle for the real tools. They live beside the bundle, never in the system
 * temp dir: `<parent>/.<out-name>.starter-scratch-<pid>-<rand>/<n>/`, mode 0700, one directory per run
 * (one copy shared by the checks that only read it, one more per check that writes into its own),
 * removed at the end of the run and on SIGINT/SIGTERM/SIGHUP (exit-cleanup.ts). A run killed with
 * SIGKILL leaves one behind: the next run removes those whose pid is dead (cleanStaleScratch).
 *
 * Secret value files never enter a scratch copy as they are: a check's placeholders (the same keys,
 * placeholder values) stand in for them, and a check without placeholders for a file gets no copy
 * of it (the tools that need secrets only need their names).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PlannedFile } from '../bundle/plan.js';
import { isTrackedScratch, trackScratch, untrackScratch } from './exit-cleanup.js';

export interface ScratchLocation {
  /** The directory the scratch directory is made in (the one that holds the bundle directory). */
  parentDir: string;
  /** The bundle directory's own name (the scratch directory is named after it). */
  outName: string;
}

type TreeFile = Pick<PlannedFile, 'path' | 'content' | 'mode'>;

/** Files that hold secret values: `<...>/secrets/<name>.env` (compose, plain env) and `<...>/secrets/<name>.yaml` (chart values). */
export function isSecretValueFile(path: string): boolean {
  return /(^|\/)secrets\/[^/]+\.(env|yaml)$/.test(path);
}

const scratchPrefix = (outName: string) => `.${outName}.starter-scratch-`;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The scratch directories among a directory's entries that no live run uses: their pid is dead, or it is this process's own untracked one. */
function staleScratch(parentDir: string, outName: string, entries: readonly string[]): string[] {
  const prefix = scratchPrefix(outName);
  return entries.filter((name) => {
    if (!name.startsWith(prefix)) return false;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    return !(pid === process.pid ? isTrackedScratch(join(parentDir, name)) : pidAlive(pid));
  });
}

/**
 * Remove the scratch directories that runs killed beyond catching (SIGKILL, power loss) left beside
 * the bundle: those whose pid is dead, or this process's own that no run of it still uses. Returns
 * the names removed.
 */
export async function cleanStaleScratch(parentDir: string, outName: string): Promise<string[]> {
  const entries = await readdir(parentDir).catch(() => [] as string[]);
  const removed = staleScratch(parentDir, outName, entries);
  for (const name of removed) await rm(join(parentDir, name), { recursive: true, force: true });
  return removed;
}

/**
 * cleanStaleScratch done synchronously: the runner writes the shared copy before the embedded checks
 * take the event loop, so that the tools can start while those checks run (a few small files: this
 * blocks for a few milliseconds, where each await would wait for a whole embedded check).
 */
export function cleanStaleScratchSync(parentDir: string, outName: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(parentDir);
  } catch {
    return [];
  }
  const removed = staleScratch(parentDir, outName, entries);
  for (const name of removed) rmSync(join(parentDir, name), { recursive: true, force: true });
  return removed;
}

/** What a copy holds: every file except secret value files, then the placeholders (same path: replaced). */
function treeOf(files: readonly TreeFile[], placeholders: readonly TreeFile[]): TreeFile[] {
  const tree = new Map<string, TreeFile>();
  for (const f of files) if (!isSecretValueFile(f.path)) tree.set(f.path, f);
  for (const f of placeholders) tree.set(f.path, f);
  return [...tree.values()];
}

/** One run's scratch directory, made on first use. */
export class RunScratch {
  private dir: string | undefined;
  private made: Promise<string> | undefined;
  private used = 0;
  constructor(private readonly location: ScratchLocation) {}

  /** Made once, on first use, however many checks ask at the same time. */
  private root(): Promise<string> {
    this.made ??= (async () => {
      await mkdir(this.location.parentDir, { recursive: true });
      const dir = join(this.location.parentDir, `${scratchPrefix(this.location.outName)}${process.pid}-${randomBytes(4).toString('hex')}`);
      trackScratch(dir); // before it exists: a signal in between must still remove it
      this.dir = dir;
      await mkdir(dir, { mode: 0o700 });
      return dir;
    })();
    return this.made;
  }

  /**
   * A copy of the bundle: every file except secret value files, then the placeholders (which replace
   * a file of the same path). The run shares one copy among the checks that only read it; a check
   * that writes into its copy gets its own (ToolCheck.ownCopy).
   */
  async copy(files: readonly TreeFile[], placeholders: readonly TreeFile[]): Promise<string> {
    const root = join(await this.root(), String(++this.used));
    await mkdir(root, { mode: 0o700 });
    const tree = treeOf(files, placeholders);
    // Directories first (each once), then the files all at once.
    const dirs = new Set(tree.map((f) => dirname(join(root, f.path))));
    dirs.delete(root);
    for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
    await Promise.all(
      tree.map(async (f) => {
        const target = join(root, f.path);
        await writeFile(target, f.content, { mode: f.mode });
        await chmod(target, f.mode);
      }),
    );
    return root;
  }

  /** copy, done synchronously (see cleanStaleScratchSync); the directory must not be made yet. */
  copySync(files: readonly TreeFile[], placeholders: readonly TreeFile[]): string {
    if (this.made) throw new Error('internal: copySync after the scratch directory was made');
    mkdirSync(this.location.parentDir, { recursive: true });
    const dir = join(this.location.parentDir, `${scratchPrefix(this.location.outName)}${process.pid}-${randomBytes(4).toString('hex')}`);
    trackScratch(dir); // before it exists: a signal in between must still remove it
    this.dir = dir;
    this.made = Promise.resolve(dir);
    mkdirSync(dir, { mode: 0o700 });
    const root = join(dir, String(++this.used));
    mkdirSync(root, { mode: 0o700 });
    for (const f of treeOf(files, placeholders)) {
      const target = join(root, f.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.content, { mode: f.mode });
      chmodSync(target, f.mode);
    }
    return root;
  }

  async remove(): Promise<void> {
    await this.made?.catch(() => undefined);
    const dir = this.dir;
    if (!dir) return;
    await rm(dir, { recursive: true, force: true });
    untrackScratch(dir);
    this.dir = undefined;
    this.made = undefined;
  }
}

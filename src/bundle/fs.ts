/**
 * The bundle on disk: read what is there, stage a new bundle beside it, swap it in, and recover from
 * a run that was killed half-way. The swap is two renames; a run killed between them leaves the old
 * bundle under a recovery name, which the next run moves back before it does anything else.
 */
import { copyFile, lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { DiskFile } from './drift.js';
import { MANIFEST_PATH, parseManifest, type Manifest } from './manifest.js';
import type { PlannedFile } from './plan.js';

export interface ExistingBundle {
  exists: boolean;
  manifest: Manifest | undefined;
  /** Regular files (and symlinks, as their target text) by POSIX path. */
  disk: Map<string, DiskFile>;
}

const STAGE = 'stage';
const OLD = 'old';

function siblingName(outDir: string, kind: typeof STAGE | typeof OLD): string {
  return join(dirname(resolve(outDir)), `.${basename(resolve(outDir))}.starter-${kind}-${process.pid}-${randomBytes(3).toString('hex')}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function walk(root: string, dir = root, out: string[] = []): Promise<string[]> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, full, out);
    else out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

export async function readExisting(outDir: string): Promise<ExistingBundle> {
  let stat;
  try {
    stat = await lstat(outDir);
  } catch {
    return { exists: false, manifest: undefined, disk: new Map() };
  }
  if (!stat.isDirectory()) throw new UsageError(`--out ${outDir} exists and is not a directory`, 'choose another --out');
  const disk = new Map<string, DiskFile>();
  for (const path of await walk(outDir)) {
    const full = join(outDir, path);
    const info = await lstat(full);
    const content = info.isSymbolicLink() ? `symlink:${await readlink(full)}` : await readFile(full, 'utf8');
    disk.set(path, { content, mode: info.mode & 0o777 });
  }
  const manifestText = disk.get(MANIFEST_PATH)?.content;
  return { exists: true, manifest: manifestText ? parseManifest(manifestText) : undefined, disk };
}

export async function readBundleFile(outDir: string, path: string): Promise<string | undefined> {
  try {
    return await readFile(join(outDir, path), 'utf8');
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Put back a bundle a killed run left under its recovery name, and remove stray staging directories. */
export async function recoverInterrupted(outDir: string): Promise<string[]> {
  const parent = dirname(resolve(outDir));
  const prefix = `.${basename(resolve(outDir))}.starter-`;
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return [];
  }
  const notes: string[] = [];
  const leftovers = entries
    .filter((name) => name.startsWith(prefix))
    .map((name) => {
      const [kind, pid] = name.slice(prefix.length).split('-');
      return { name, kind, pid: Number(pid) };
    })
    .filter((e) => !pidAlive(e.pid) || e.pid === process.pid);
  for (const entry of leftovers.filter((e) => e.kind === OLD)) {
    if (!(await exists(outDir))) {
      await rename(join(parent, entry.name), resolve(outDir));
      notes.push(`restored the previous bundle into ${outDir} after an interrupted run`);
    } else {
      await rm(join(parent, entry.name), { recursive: true, force: true });
    }
  }
  for (const entry of leftovers.filter((e) => e.kind === STAGE)) {
    await rm(join(parent, entry.name), { recursive: true, force: true });
    notes.push(`removed an unfinished staging directory ${entry.name}`);
  }
  return notes;
}

export async function writeFiles(root: string, files: readonly Pick<PlannedFile, 'path' | 'content' | 'mode'>[]): Promise<void> {
  for (const f of files) {
    const target = join(root, f.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.content, { mode: f.mode });
    await chmod(target, f.mode);
  }
}

/** Write the plan and the files to keep into a new staging directory beside the bundle. */
export async function stageBundle(outDir: string, files: readonly PlannedFile[], keep: readonly string[]): Promise<string> {
  const stage = siblingName(outDir, STAGE);
  await mkdir(stage, { recursive: true });
  await writeFiles(stage, files);
  for (const path of keep) {
    const from = join(outDir, path);
    const to = join(stage, path);
    await mkdir(dirname(to), { recursive: true });
    const info = await lstat(from);
    if (info.isSymbolicLink()) await symlink(await readlink(from), to);
    else await copyFile(from, to);
  }
  return stage;
}

/** Swap the staged bundle into place: old out → recovery name, stage → out, remove the old one. */
export async function commitStage(stage: string, outDir: string): Promise<void> {
  const out = resolve(outDir);
  if (await exists(out)) {
    const old = siblingName(outDir, OLD);
    await rename(out, old);
    await rename(stage, out);
    await rm(old, { recursive: true, force: true });
  } else {
    await mkdir(dirname(out), { recursive: true });
    await rename(stage, out);
  }
}

export async function discardStage(stage: string): Promise<void> {
  await rm(stage, { recursive: true, force: true });
}

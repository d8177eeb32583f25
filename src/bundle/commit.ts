/**
 * Writing a bundle: stage it beside --out, swap it in, and recover from a run that was killed.
 *
 * - Files the bundle keeps (the user's, and generated files that did not change) are hard-linked
 *   into the stage, so they keep their inode, bytes, mode, owner and times; directories get the
 *   mode and owner of their counterparts in --out.
 * - Just before the swap --out is listed again: a file that appeared or was replaced meanwhile is
 *   carried into the stage, or, where the bundle writes that path, the swap is refused (exit 4).
 * - The swap is two renames (out → old copy, stage → out). Linux's renameat2(RENAME_EXCHANGE)
 *   would make it one step, but Node cannot reach it without a native addon; the window between
 *   the renames is two syscalls with nothing in between, and a run killed there is put back by the
 *   next run. A journal beside --out records every entry the new bundle accounts for (path and
 *   inode); whatever else the old copy holds (written in the last moments before the swap) is
 *   moved into the new bundle, and an old copy holding a file that cannot be moved is kept, with a
 *   note, never deleted.
 */
import { copyFile, chmod, chown, lchown, link, lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DriftError, FsError } from '../errors.js';
import { lstatOrNone, readRegular, TEMP_FILE, toEntry, walkEntries, type DiskEntry } from './fs.js';
import { RECORD_PATHS } from './manifest.js';
import type { PlannedFile } from './plan.js';

export interface Siblings {
  stage: string;
  old: string;
  journal: string;
}

export function siblings(outDir: string, token: string): Siblings {
  const out = resolve(outDir);
  const base = join(dirname(out), `.${basename(out)}.starter-`);
  return { stage: `${base}stage-${token}`, old: `${base}old-${token}`, journal: `${base}journal-${token}.json` };
}

interface Journal {
  token: string;
  /** Every entry of --out at the last listing before the swap: path → inode. */
  accounted: Record<string, number>;
}

const canChown = () => typeof process.getuid === 'function' && process.getuid() === 0;

async function copyOwnerAndMode(target: string, from: Pick<DiskEntry, 'mode' | 'uid' | 'gid'>): Promise<void> {
  if (canChown()) await chown(target, from.uid, from.gid).catch(() => undefined);
  await chmod(target, from.mode & 0o7777);
}

/** Put an entry of --out into the stage under the same path, keeping its inode (or, failing that, a copy with its metadata). */
async function carry(outDir: string, stage: string, entry: DiskEntry): Promise<void> {
  const from = join(outDir, entry.path);
  const to = join(stage, entry.path);
  await mkdir(dirname(to), { recursive: true });
  try {
    await link(from, to);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK') throw error;
  }
  if (entry.type === 'file') {
    await copyFile(from, to);
    await copyOwnerAndMode(to, entry);
    await utimes(to, new Date(entry.mtimeMs), new Date(entry.mtimeMs));
  } else if (entry.type === 'symlink') {
    await symlink(await readlink(from), to);
    if (canChown()) await lchown(to, entry.uid, entry.gid).catch(() => undefined);
  } else {
    throw new FsError(`cannot keep ${from}: a ${entry.type} that cannot be linked into the new bundle`, from, 'EXDEV', 'move it out of the bundle directory, or pass --adopt');
  }
}

export interface StageInput {
  outDir: string;
  stage: string;
  /** Files to write (new or changed, and the records). */
  write: readonly Pick<PlannedFile, 'path' | 'content' | 'mode'>[];
  /** Entries of --out the new bundle keeps as they are (user files, unchanged generated files, empty directories). */
  keep: readonly DiskEntry[];
  /** The listing of --out (for directory metadata); undefined when --out does not exist. */
  entries: ReadonlyMap<string, DiskEntry> | undefined;
  outRoot: DiskEntry | undefined;
}

export async function writeFileTo(root: string, f: Pick<PlannedFile, 'path' | 'content' | 'mode'>): Promise<void> {
  const target = join(root, f.path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, f.content, { mode: f.mode, flag: 'wx' });
  await chmod(target, f.mode);
}

export async function stageBundle(input: StageInput): Promise<void> {
  await mkdir(input.stage);
  for (const f of input.write) await writeFileTo(input.stage, f);
  for (const entry of input.keep) {
    if (entry.type === 'dir') await mkdir(join(input.stage, entry.path), { recursive: true });
    else await carry(input.outDir, input.stage, entry);
  }
  await copyDirMeta(input.stage, input.entries, input.outRoot);
}

/** Every directory of the stage that exists in --out gets its mode and owner; the stage root gets --out's. */
async function copyDirMeta(stage: string, entries: ReadonlyMap<string, DiskEntry> | undefined, outRoot: DiskEntry | undefined): Promise<void> {
  if (!entries || !outRoot) return;
  for (const entry of (await walkEntries(stage)).values()) {
    const counterpart = entries.get(entry.path);
    if (entry.type === 'dir' && counterpart?.type === 'dir') await copyOwnerAndMode(join(stage, entry.path), counterpart);
  }
  await copyOwnerAndMode(stage, outRoot);
}

const changedSince = (before: DiskEntry | undefined, now: DiskEntry) =>
  !before || before.ino !== now.ino || before.type !== now.type || (now.type !== 'dir' && (before.mtimeMs !== now.mtimeMs || before.size !== now.size));

export interface SwapInput {
  outDir: string;
  token: string;
  /** The listing of --out the plan was made from. */
  entries: ReadonlyMap<string, DiskEntry>;
  /** Paths the new bundle writes (a file the user put there meanwhile blocks the swap). */
  planned: ReadonlySet<string>;
  /** Generated files the new bundle drops (edited meanwhile: blocks the swap). */
  dropped: ReadonlySet<string>;
  critical: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Carry what changed in --out during the run into the stage, then swap. Returns notes for the user. */
export async function swapIn(input: SwapInput): Promise<string[]> {
  const out = resolve(input.outDir);
  const { stage, old, journal } = siblings(out, input.token);
  const notes: string[] = [];
  const outRoot = await lstatOrNone(out);
  if (!outRoot) {
    await input.critical(() => rename(stage, out));
    return notes;
  }
  const final = await walkEntries(out);
  const conflicts: { path: string; reason: string }[] = [];
  for (const [path, now] of final) {
    if (RECORD_PATHS.includes(path) || TEMP_FILE.test(basename(path))) continue;
    const before = input.entries.get(path);
    if (!changedSince(before, now)) continue;
    if (now.type === 'dir') {
      if (!(await lstatOrNone(join(stage, path)))) {
        if (input.planned.has(path)) conflicts.push({ path, reason: 'a directory appeared where the bundle writes a file' });
        else await mkdir(join(stage, path), { recursive: true });
      }
      continue;
    }
    if (input.planned.has(path) || input.dropped.has(path) || [...input.planned].some((p) => p.startsWith(`${path}/`))) {
      conflicts.push({ path, reason: before ? 'changed while the run was in progress' : 'appeared while the run was in progress, where the bundle writes a file' });
      continue;
    }
    await rm(join(stage, path), { force: true });
    await carry(out, stage, now);
    notes.push(`${path} ${before ? 'changed' : 'appeared'} in ${input.outDir} while the run was in progress: kept`);
  }
  for (const [path, before] of input.entries) {
    if (before.type !== 'dir' && !final.has(path) && !input.planned.has(path) && !RECORD_PATHS.includes(path)) await rm(join(stage, path), { force: true });
  }
  if (conflicts.length > 0) {
    throw new DriftError(`${conflicts.length} file${conflicts.length === 1 ? '' : 's'} in ${input.outDir} changed while the run was in progress; nothing was replaced`, conflicts, 'look at them and run again');
  }
  await copyDirMeta(stage, final, toEntry('', outRoot));
  const record: Journal = { token: input.token, accounted: Object.fromEntries([...final].map(([path, e]) => [path, e.ino])) };
  await writeFile(journal, `${JSON.stringify(record)}\n`, { flag: 'wx', mode: 0o600 });
  await input.critical(async () => {
    await rename(out, old);
    try {
      await rename(stage, out);
    } catch (error) {
      await rename(old, out).catch(() => undefined);
      throw error;
    }
  });
  notes.push(...(await settleOld(out, old, record)));
  await rm(journal, { force: true });
  return notes;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([readRegular(a), readRegular(b)]);
  return x.kind === 'file' && y.kind === 'file' && x.content === y.content && x.mode === y.mode;
}

/**
 * After a swap (or when recovering one): move into the new bundle every entry of the old copy that
 * the journal does not account for and the new bundle lacks; delete the old copy only when nothing
 * of it would be lost.
 */
async function settleOld(out: string, old: string, journal: Journal | undefined): Promise<string[]> {
  const notes: string[] = [];
  const unresolved: string[] = [];
  const moved: string[] = [];
  let entries: Map<string, DiskEntry>;
  try {
    entries = await walkEntries(old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return notes;
    throw error;
  }
  const skip: string[] = [];
  for (const entry of entries.values()) {
    if (skip.some((p) => entry.path.startsWith(`${p}/`))) continue;
    if (journal?.accounted[entry.path] === entry.ino) continue;
    if (RECORD_PATHS.includes(entry.path)) continue;
    const target = join(out, entry.path);
    const there = await lstatOrNone(target);
    if (!there) {
      await mkdir(dirname(target), { recursive: true });
      await rename(join(old, entry.path), target);
      moved.push(entry.path);
      if (entry.type === 'dir') skip.push(entry.path);
      continue;
    }
    if (entry.type === 'dir' || there.ino === entry.ino) continue;
    if (entry.type === 'file' && there.isFile() && (await sameFile(join(old, entry.path), target))) continue;
    unresolved.push(entry.path);
  }
  if (moved.length > 0) notes.push(`moved ${moved.join(', ')} into ${out}: written there while the bundle was being replaced`);
  if (unresolved.length === 0) await rm(old, { recursive: true, force: true });
  else notes.push(`kept the previous bundle as ${old}: it holds ${unresolved.join(', ')}, which differ from the new bundle; compare, then remove it`);
  return notes;
}

const LEFTOVER = /^(stage|old|journal)-([0-9]+-[0-9a-z]+)(\.json)?$/;

/**
 * With the lock held (so no other run is alive): put back a bundle a killed run left under its old
 * name, settle an old copy beside a complete new bundle, remove stages, journals and temp files.
 */
export async function recoverLeftovers(outDir: string, ownToken: string): Promise<string[]> {
  const out = resolve(outDir);
  const parent = dirname(out);
  const prefix = `.${basename(out)}.starter-`;
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  const notes: string[] = [];
  const found = names
    .filter((n) => n.startsWith(prefix))
    .map((name) => ({ name, match: LEFTOVER.exec(name.slice(prefix.length)) }))
    .filter((e): e is { name: string; match: RegExpExecArray } => e.match !== null && e.match[2] !== ownToken);
  const olds = found.filter((e) => e.match[1] === 'old');
  const withTimes = await Promise.all(olds.map(async (e) => ({ ...e, mtime: (await lstat(join(parent, e.name))).mtimeMs })));
  for (const e of withTimes.sort((a, b) => b.mtime - a.mtime)) {
    const journalPath = join(parent, `${prefix}journal-${e.match[2]}.json`);
    if (!(await lstatOrNone(out))) {
      await rename(join(parent, e.name), out);
      notes.push(`restored the previous bundle into ${outDir} after an interrupted run`);
      continue;
    }
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(await readFile(journalPath, 'utf8')) as Journal;
    } catch {
      journal = undefined;
    }
    notes.push(...(await settleOld(out, join(parent, e.name), journal)));
  }
  for (const e of found.filter((f) => f.match[1] === 'stage')) {
    await rm(join(parent, e.name), { recursive: true, force: true });
    notes.push(`removed an unfinished staging directory ${e.name}`);
  }
  for (const e of found.filter((f) => f.match[1] === 'journal')) await rm(join(parent, e.name), { force: true });
  if (await lstatOrNone(out)) {
    for (const entry of (await walkEntries(out)).values()) {
      if (entry.type === 'file' && TEMP_FILE.test(basename(entry.path))) await unlink(join(out, entry.path)).catch(() => undefined);
    }
  }
  return notes;
}

/** Update files inside the directory, each atomically (temp file, then rename), never replacing the directory. */
export async function writeInPlace(outDir: string, token: string, files: readonly Pick<PlannedFile, 'path' | 'content' | 'mode'>[], remove: readonly DiskEntry[] = []): Promise<void> {
  for (const f of files) {
    const target = join(outDir, f.path);
    const temp = join(dirname(target), `.${basename(target)}.starter-tmp-${token}`);
    await mkdir(dirname(target), { recursive: true });
    try {
      await writeFile(temp, f.content, { mode: f.mode, flag: 'wx' });
      await chmod(temp, f.mode);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
  for (const entry of remove) {
    const now = await lstatOrNone(join(outDir, entry.path));
    if (now && now.ino === entry.ino) await unlink(join(outDir, entry.path));
  }
}

export async function discardStage(stage: string): Promise<void> {
  await rm(stage, { recursive: true, force: true });
}

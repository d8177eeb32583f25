/**
 * Reading the bundle directory without trusting it: entries are lstat'ed (symlinks are never
 * followed), only regular files are read, each opened with O_NONBLOCK | O_NOFOLLOW and checked
 * with fstat (a FIFO put there after the lstat cannot block the run), and never beyond
 * MAX_READ_BYTES. Everything else (FIFOs, sockets, devices, symlinks, big files) is listed, kept
 * as it is, and reported in a note.
 */
import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsErrorFrom, UsageError } from '../errors.js';
import type { DiskFile } from './drift.js';
import { MANIFEST_PATH, parseManifest, type Manifest } from './manifest.js';

/** The largest file the generator reads from a bundle directory (8 MiB); bigger ones are kept unread. */
export const MAX_READ_BYTES = 8 * 1024 * 1024;

export type EntryType = 'file' | 'dir' | 'symlink' | 'fifo' | 'socket' | 'device';

export interface DiskEntry {
  /** POSIX path relative to the bundle root. */
  path: string;
  type: EntryType;
  ino: number;
  dev: number;
  size: number;
  mtimeMs: number;
  /** Permission bits including setuid/setgid/sticky. */
  mode: number;
  uid: number;
  gid: number;
}

export interface ExistingBundle {
  exists: boolean;
  manifest: Manifest | undefined;
  /** Every entry (directories included) by POSIX path, as lstat saw it. */
  entries: Map<string, DiskEntry>;
  /** Files by path: regular files with their text; other kinds marked, never read. */
  disk: Map<string, DiskFile>;
  /** What was not read, and why. */
  notes: string[];
}

/** Temporary files of an in-place write (`.<name>.starter-tmp-<token>`): never part of a bundle. */
export const TEMP_FILE = /^\..*\.starter-tmp-[0-9]+-[0-9a-f]+$/;

function entryType(info: import('node:fs').Stats): EntryType {
  if (info.isFile()) return 'file';
  if (info.isDirectory()) return 'dir';
  if (info.isSymbolicLink()) return 'symlink';
  if (info.isFIFO()) return 'fifo';
  if (info.isSocket()) return 'socket';
  return 'device';
}

export function toEntry(path: string, info: import('node:fs').Stats): DiskEntry {
  return { path, type: entryType(info), ino: info.ino, dev: info.dev, size: info.size, mtimeMs: info.mtimeMs, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
}

/** Every entry under root (not root itself), depth first, never following a symlink. */
export async function walkEntries(root: string): Promise<Map<string, DiskEntry>> {
  const out = new Map<string, DiskEntry>();
  const visit = async (rel: string): Promise<void> => {
    const names = (await readdir(rel ? join(root, rel) : root)).sort();
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      let info;
      try {
        info = await lstat(join(root, path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed meanwhile
        throw error;
      }
      const entry = toEntry(path, info);
      out.set(path, entry);
      if (entry.type === 'dir') await visit(path);
    }
  };
  await visit('');
  return out;
}

export type SafeRead = { kind: 'file'; content: string; mode: number } | { kind: 'special' | 'large' | 'symlink' | 'missing' };

/** Read one regular file without ever blocking on a FIFO or a device, and never past `limit`. */
export async function readRegular(path: string, limit = MAX_READ_BYTES): Promise<SafeRead> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'ELOOP') return { kind: 'symlink' };
    if (code === 'ENXIO' || code === 'EOPNOTSUPP' || code === 'ENODEV') return { kind: 'special' }; // a socket, or a FIFO without a writer
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: 'special' };
    if (info.size > limit) return { kind: 'large' };
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limit) return { kind: 'large' };
      if (length === buffer.length) break;
    }
    return { kind: 'file', content: buffer.subarray(0, length).toString('utf8'), mode: info.mode & 0o777 };
  } finally {
    await handle.close();
  }
}

/** One text file of a bundle (the manifest, the answers), or undefined when it is not a readable regular file. */
export async function readBundleFile(outDir: string, path: string): Promise<string | undefined> {
  const r = await readRegular(join(outDir, path));
  return r.kind === 'file' ? r.content : undefined;
}

const KIND_NOTE: Record<Exclude<EntryType, 'file' | 'dir'>, string> = { symlink: 'a symbolic link', fifo: 'a FIFO', socket: 'a socket', device: 'a device file' };

/** lstat that returns undefined for a missing path and an FsError for anything else that fails. */
export async function lstatOrNone(path: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsErrorFrom(error) ?? error;
  }
}

export async function readExisting(outDir: string): Promise<ExistingBundle> {
  const stat = await lstatOrNone(outDir);
  if (!stat) return { exists: false, manifest: undefined, entries: new Map(), disk: new Map(), notes: [] };
  if (!stat.isDirectory()) throw new UsageError(`--out ${outDir} exists and is not a directory`, 'choose another --out');
  const entries = await walkEntries(outDir);
  const disk = new Map<string, DiskFile>();
  const notes: string[] = [];
  for (const entry of entries.values()) {
    if (entry.type === 'dir' || TEMP_FILE.test(entry.path.split('/').pop() ?? '')) continue;
    const full = join(outDir, entry.path);
    if (entry.type === 'symlink') {
      disk.set(entry.path, { kind: 'symlink', content: `symlink:${await readlink(full)}`, mode: entry.mode & 0o777 });
      notes.push(`${entry.path} is ${KIND_NOTE.symlink}: not followed, kept as it is`);
      continue;
    }
    if (entry.type !== 'file') {
      disk.set(entry.path, { kind: 'special', content: '', mode: entry.mode & 0o777 });
      notes.push(`${entry.path} is ${KIND_NOTE[entry.type]}: not read, kept as it is`);
      continue;
    }
    const read = await readRegular(full);
    if (read.kind === 'file') disk.set(entry.path, { kind: 'file', content: read.content, mode: read.mode });
    else if (read.kind === 'large') {
      disk.set(entry.path, { kind: 'large', content: '', mode: entry.mode & 0o777 });
      notes.push(`${entry.path} is larger than ${MAX_READ_BYTES / 1024 / 1024} MiB: not read, kept as it is`);
    } else if (read.kind !== 'missing') {
      disk.set(entry.path, { kind: 'special', content: '', mode: entry.mode & 0o777 });
      notes.push(`${entry.path} is not a regular file: not read, kept as it is`);
    }
  }
  const manifestFile = disk.get(MANIFEST_PATH);
  const manifest = manifestFile?.kind === 'file' ? parseManifest(manifestFile.content) : undefined;
  return { exists: true, manifest, entries, disk, notes };
}

/** Run a file-system step and turn its errno failure into an FsError naming the path. */
export async function fsStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw fsErrorFrom(error) ?? error;
  }
}


/**
 * Write one file atomically: a temp file beside it (exclusive, with the final mode), then a rename, so a
 * reader sees the old content or the new, never a part. The parent directory is created.
 */
export async function writeFileAtomic(path: string, content: string, mode = 0o644): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await mkdir(dirname(path), { recursive: true });
  await rm(temp, { force: true }); // left by a killed run of the same pid
  try {
    await writeFile(temp, content, { mode, flag: 'wx' });
    await chmod(temp, mode); // the umask may have narrowed it
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}

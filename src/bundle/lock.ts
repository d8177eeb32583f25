/**
 * One run per bundle directory: an exclusive lock file beside --out (`.<name>.starter-lock`),
 * created atomically (written under a private name, then hard-linked into place, which fails if a
 * lock exists) and holding the run's pid, the process start time from /proc/<pid>/stat, a random
 * token and the wall-clock start. A lock whose pid is gone, or whose pid now belongs to another
 * process (different start time), is stale and taken over with a note; a live holder makes the
 * second run fail at once. The token names the run's stage, old copy and journal, so leftovers are
 * identified by what the lock recorded, never by "is that pid alive".
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fsErrorFrom, UsageError } from '../errors.js';
import { readRegular } from './fs.js';

export interface LockRecord {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot), or null where /proc is not available. */
  start: string | null;
  token: string;
  started: string;
}

export interface HeldLock {
  path: string;
  token: string;
  /** Remove the lock if it is still ours (synchronous, so it also works in an exit handler). */
  release(): void;
}

export function lockPath(outDir: string): string {
  const out = resolve(outDir);
  return join(dirname(out), `.${basename(out)}.starter-lock`);
}

/** The start time of a process, or null when /proc cannot tell (not Linux, or no such process). */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function procAvailable(): boolean {
  return processStart(process.pid) !== null;
}

/** Is the run that wrote this record still running? (Same pid and same process start time.) */
export function holderAlive(record: LockRecord): boolean {
  if (record.pid === process.pid && record.start === processStart(process.pid)) return true;
  if (record.start !== null && procAvailable()) return processStart(record.pid) === record.start;
  try {
    process.kill(record.pid, 0);
    return true; // without /proc: a live pid is assumed to be the holder (safe side)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const data = JSON.parse(text) as LockRecord;
    if (typeof data.pid !== 'number' || typeof data.token !== 'string') return undefined;
    return data;
  } catch {
    return undefined;
  }
}

export function newToken(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * A run killed while taking or judging the lock leaves its private file (`<lock>.<pid>-<hex>` or
 * `<lock>.stale-<pid>-<hex>`). With the lock held, such a file is removed unless the run it names is
 * still alive (it may be waiting for this lock right now).
 */
async function removeStalePrivateFiles(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(?:stale-)?(\d+)-[0-9a-f]{8}$/.exec(name.slice(prefix.length)) : null;
    if (!match) continue;
    const file = join(dirname(path), name);
    const read = await readRegular(file, 4096);
    const record = read.kind === 'file' ? parseRecord(read.content) : undefined;
    const alive = record ? holderAlive(record) : processStart(Number(match[1])) !== null;
    if (!alive) await unlink(file).catch(() => undefined);
  }
}

/** Take the lock for outDir, or fail (exit 2) naming the run that holds it. */
export async function acquireLock(outDir: string, token = newToken()): Promise<{ lock: HeldLock; notes: string[] }> {
  const path = lockPath(outDir);
  const record: LockRecord = { pid: process.pid, start: processStart(process.pid), token, started: new Date().toISOString() };
  const text = `${JSON.stringify(record)}\n`;
  const temp = `${path}.${token}`;
  const notes: string[] = [];
  try {
    await writeFile(temp, text, { mode: 0o644, flag: 'wx' });
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
      }
      const current = await readRegular(path, 4096);
      if (current.kind === 'missing') continue;
      const holder = current.kind === 'file' ? parseRecord(current.content) : undefined;
      if (holder && holderAlive(holder)) {
        throw new UsageError(
          `another starter-console run (pid ${holder.pid}, started ${holder.started}) is writing ${outDir}: its lock is ${path}`,
          'wait for that run to finish and run again; if no such run exists, remove the lock file',
        );
      }
      // Stale: move it aside under our own name, and make sure what we moved is what we judged stale.
      const aside = `${path}.stale-${token}`;
      try {
        await rename(path, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = await readRegular(aside, 4096);
      const movedText = moved.kind === 'file' ? moved.content : undefined;
      if (current.kind === 'file' && movedText !== current.content) {
        await link(aside, path).catch(() => undefined); // another run took it meanwhile: put it back
      } else {
        notes.push(
          holder
            ? `took over the lock of an earlier run that is no longer running (pid ${holder.pid}, started ${holder.started})`
            : `took over an unreadable lock file ${path}`,
        );
      }
      await unlink(aside).catch(() => undefined);
    }
  } catch (error) {
    throw fsErrorFrom(error) ?? error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await removeStalePrivateFiles(path);
  const release = () => {
    try {
      if (parseRecord(readFileSync(path, 'utf8'))?.token === token) unlinkSync(path);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return { lock: { path, token, release }, notes };
}

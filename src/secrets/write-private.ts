/**
 * Writing a file that may hold secret values: atomically (a temp file beside it, synced, renamed over
 * it), mode 0600 for a new file, and never wider than the file had (an existing 0644 file becomes
 * 0600, a 0400 one stays 0400). A symbolic link is followed, so the link itself stays in place.
 */
import { randomBytes } from 'node:crypto';
import { chmod, lstat, open, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

export const PRIVATE_MODE = 0o600;

/** The mode the file gets: 0600, narrowed further to what the existing file allowed. */
export function privateMode(existingMode: number | undefined): number {
  return existingMode === undefined ? PRIVATE_MODE : existingMode & PRIVATE_MODE;
}

async function target(path: string): Promise<{ path: string; mode: number | undefined }> {
  let resolved = path;
  try {
    resolved = await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { path, mode: undefined };
  }
  const info = await lstat(resolved);
  if (!info.isFile()) throw new UsageError(`${path} is not a regular file`, 'pass the path of a dotenv or answers file');
  return { path: resolved, mode: info.mode & 0o777 };
}

/** The file's current text, or '' when it does not exist. */
export async function readIfExists(path: string): Promise<string> {
  const { path: resolved, mode } = await target(path);
  if (mode === undefined) return '';
  const handle = await open(resolved, 'r');
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

export async function writePrivateFile(path: string, content: string): Promise<{ path: string; mode: number }> {
  const { path: resolved, mode: existing } = await target(path);
  const mode = privateMode(existing);
  const temp = join(dirname(resolved), `.${basename(resolved)}.starter-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await chmod(temp, mode);
    await rename(temp, resolved);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return { path: resolved, mode };
}

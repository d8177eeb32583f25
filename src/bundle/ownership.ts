/**
 * Which directories the generator may replace. It swaps in a new bundle only where it owns the
 * directory: --out is new, empty, or holds a starter-console bundle it wrote. It refuses (exit 2,
 * nothing touched) a non-empty directory without a manifest, the current directory or one of its
 * parents, the home directory, the root directory and mount points, unless --adopt says to add the
 * bundle's files there in place; an adopted directory is never replaced, on this run or later ones.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve, sep } from 'node:path';
import { fsErrorFrom, UsageError } from '../errors.js';
import { lstatOrNone, readBundleFile } from './fs.js';
import { MANIFEST_PATH, parseManifest } from './manifest.js';

export type WriteMode =
  /** Stage beside --out and swap the directory in with two renames. */
  | 'swap'
  /** Update files one by one inside the directory (each atomically), never replacing the directory. */
  | 'in-place';

export interface OutDecision {
  mode: WriteMode;
  /** The directory was adopted (now, or by an earlier run): the manifest records it. */
  adopted: boolean;
}

async function mountPoints(): Promise<Set<string>> {
  try {
    const text = await readFile('/proc/self/mountinfo', 'utf8');
    const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
    return new Set(text.split('\n').map((line) => unescape(line.split(' ')[4] ?? '')).filter(Boolean));
  } catch {
    return new Set();
  }
}

async function isMountPoint(path: string): Promise<boolean> {
  if ((await mountPoints()).has(path)) return true;
  try {
    const [self, parent] = await Promise.all([stat(path), stat(dirname(path))]);
    return self.dev !== parent.dev;
  } catch {
    return false;
  }
}

function specialReason(out: string, cwd: string): string | undefined {
  if (out === cwd) return 'is the current directory';
  if (cwd.startsWith(out.endsWith(sep) ? out : out + sep)) return 'is a parent of the current directory';
  if (out === homedir()) return 'is your home directory';
  return undefined;
}

const ADOPT_HINT = 'choose a new or empty directory (e.g. --out deploy), or pass --adopt to add the bundle files to this one without replacing it or anything in it';

export async function decideOut(outDir: string, options: { adopt: boolean }): Promise<OutDecision> {
  if (outDir.trim() === '') throw new UsageError('--out must name a directory (it is empty)', 'e.g. --out deploy');
  const out = resolve(outDir);
  if (out === dirname(out)) throw new UsageError(`refusing --out ${outDir}: it is the root directory`, 'choose a directory for the bundle, e.g. --out deploy');
  const info = await lstatOrNone(out);
  if (!info) {
    if (options.adopt) throw new UsageError(`--adopt: ${outDir} does not exist`, 'without --adopt the bundle directory is created');
    return { mode: 'swap', adopted: false };
  }
  if (!info.isDirectory()) throw new UsageError(`--out ${outDir} exists and is not a directory`, 'choose another --out');
  const special = specialReason(out, resolve(process.cwd())) ?? ((await isMountPoint(out)) ? 'is a mount point' : undefined);
  if (special) {
    if (!options.adopt) throw new UsageError(`refusing --out ${outDir}: it ${special}, which starter-console would replace`, ADOPT_HINT);
    return { mode: 'in-place', adopted: true };
  }
  const manifestText = await readBundleFile(out, MANIFEST_PATH).catch((error: unknown) => {
    throw fsErrorFrom(error) ?? error;
  });
  const manifest = manifestText === undefined ? undefined : parseManifest(manifestText);
  if (manifest) return manifest.adopted || options.adopt ? { mode: 'in-place', adopted: true } : { mode: 'swap', adopted: false };
  let names: string[];
  try {
    names = await readdir(out);
  } catch (error) {
    throw fsErrorFrom(error) ?? error;
  }
  if (names.length === 0) return options.adopt ? { mode: 'in-place', adopted: true } : { mode: 'swap', adopted: false };
  if (!options.adopt) {
    throw new UsageError(
      `refusing --out ${outDir}: it already holds files and is not a starter-console bundle (no readable ${MANIFEST_PATH})`,
      ADOPT_HINT,
    );
  }
  return { mode: 'in-place', adopted: true };
}

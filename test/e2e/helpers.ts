/**
 * End-to-end helpers: build the CLI once (only when dist/ is missing or older than its sources),
 * spawn it exactly as a user would (`node bin/starter-console.js ...`), and look at what it left on
 * disk. Every run gets a private TMPDIR, so the tests can also prove that no scratch copy (which
 * may hold secret files) is left behind.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { expect } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'starter-console.js');
export const EXAMPLE = join(ROOT, 'examples', 'vps.answers.yaml');
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The flags of the documented non-interactive VPS run, minus --out. */
export const VPS = ['setup', 'wizard', '--non-interactive', '--answers-file', EXAMPLE] as const;

// ---------------------------------------------------------------------------------------------
// Build

function newestMtime(path: string): number {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function distIsFresh(): boolean {
  const built = newestMtime(join(ROOT, 'dist', 'cli.js'));
  if (built === 0) return false;
  const sources = Math.max(...['src', 'templates', 'presets', 'schemas', 'scripts/build.mjs', 'package.json'].map((p) => newestMtime(join(ROOT, p))));
  return built >= sources;
}

/**
 * Build dist/ with `node scripts/build.mjs` unless it is already newer than every source. The
 * build removes dist/ first, so two test files building at once would break each other's runs: a
 * lock directory in the system temp dir serialises them (stale after 60 s).
 */
export async function ensureBuilt(): Promise<void> {
  const lock = join(tmpdir(), `starter-console-e2e-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmdirSync(lock);
      } catch {
        /* released meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`could not take the build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    if (!distIsFresh()) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmdirSync(lock);
  }
}

// ---------------------------------------------------------------------------------------------
// Temp dirs

export interface Workspace {
  /** A fresh directory for this test file. */
  dir: string;
  /** A new sub directory. */
  sub(name: string): Promise<string>;
  /** The private TMPDIR given to every CLI run (scratch copies of the checks land here). */
  tmp: string;
  cleanup(): Promise<void>;
}

export async function workspace(prefix: string): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), `starter-e2e-${prefix}-`));
  const tmp = join(dir, '.tmp');
  await mkdir(tmp);
  let n = 0;
  return {
    dir,
    tmp,
    sub: async (name: string) => {
      const path = join(dir, `${String(++n).padStart(2, '0')}-${name}`);
      await mkdir(path, { recursive: true });
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

// ---------------------------------------------------------------------------------------------
// Running the CLI

export interface RunResult {
  code: number | undefined;
  signal: string | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  /** Extra environment (merged over the test's own). */
  env?: Record<string, string | undefined>;
  /** Replace the environment entirely (plus TMPDIR). */
  cleanEnv?: Record<string, string>;
  /** The private TMPDIR for the run (see Workspace.tmp). */
  tmp?: string;
  stdin?: 'ignore' | 'pipe';
  timeout?: number;
  /** Another entry script (a relocated copy of the CLI). */
  bin?: string;
}

export function spawnCli(args: readonly string[], options: RunOptions = {}): ResultPromise<{ reject: false }> {
  const base = options.cleanEnv ?? { ...process.env, ...options.env };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  delete env.FORCE_COLOR;
  if (options.tmp) env.TMPDIR = options.tmp;
  return execa(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    extendEnv: false,
    reject: false,
    stdin: options.stdin ?? 'ignore',
    timeout: options.timeout ?? 30_000,
    stripFinalNewline: false,
  }) as ResultPromise<{ reject: false }>;
}

export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const r = await spawnCli(args, options);
  return { code: r.exitCode, signal: r.signal ?? undefined, stdout: String(r.stdout), stderr: String(r.stderr), timedOut: Boolean(r.timedOut) };
}

/** With --json: stdout is exactly one JSON document and stderr carries no JSON. */
export function jsonOnly<T = Record<string, unknown>>(r: RunResult): T {
  expect(r.stdout.trim().length, `stdout is empty; stderr:\n${r.stderr}`).toBeGreaterThan(0);
  let data: T;
  try {
    data = JSON.parse(r.stdout) as T;
  } catch (error) {
    throw new Error(`stdout is not one JSON document: ${(error as Error).message}\n${r.stdout}`);
  }
  expect(r.stderr).not.toMatch(/^\s*[{[]\s*$/m);
  expect(r.stderr).not.toContain('"ok"');
  return data;
}

/** Without --json: nothing on stdout, the human text on stderr. */
export function humanOnly(r: RunResult): void {
  expect(r.stdout, `stdout should be empty; stderr:\n${r.stderr}`).toBe('');
}

// ---------------------------------------------------------------------------------------------
// Files on disk

export interface FileState {
  content: Buffer;
  mode: number;
  mtimeMs: number;
  ino: number;
}

async function walk(root: string, dir = root, out: string[] = []): Promise<string[]> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, full, out);
    else out.push(relative(root, full).split(sep).join('/'));
  }
  return out.sort();
}

/** Every file under dir (dot files included): bytes, permission bits, mtime, inode. */
export async function snapshot(dir: string): Promise<Map<string, FileState>> {
  const files = new Map<string, FileState>();
  for (const path of await walk(dir)) {
    const full = join(dir, path);
    const info = await lstat(full);
    files.set(path, { content: await readFile(full), mode: info.mode & 0o777, mtimeMs: info.mtimeMs, ino: info.ino });
  }
  return files;
}

/** Path → text of every file: the "what is in the bundle" view, for comparing two bundles. */
export async function contents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [path, f] of await snapshot(dir)) out[path] = `${f.mode.toString(8)}:${f.content.toString('utf8')}`;
  return out;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

export async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** Hidden siblings a run leaves beside --out (staging or recovery directories). */
export async function leftovers(outDir: string): Promise<string[]> {
  const prefix = `.${resolve(outDir).split(sep).pop()}.starter-`;
  return (await readdir(dirname(resolve(outDir)))).filter((name) => name.startsWith(prefix)).sort();
}

/** All text of a directory tree, for "this string appears nowhere" assertions. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const [path, f] of await snapshot(dir)) if (f.content.includes(needle)) hits.push(path);
  return hits;
}

export async function fileMode(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/**
 * A relocated copy of the built CLI (bin/ and dist/ only, plus a package.json that marks it ESM
 * and a link to node_modules in case dependencies are not bundled). Without a `presets/` directory
 * beside it, the CLI cannot find the repository's `.tools/bin`, so the only tools it sees are the
 * ones on PATH. This is how the "tool missing" cases are made without changing the product.
 */
export async function relocatedCli(into: string): Promise<string> {
  await cp(join(ROOT, 'bin'), join(into, 'bin'), { recursive: true });
  await cp(join(ROOT, 'dist'), join(into, 'dist'), { recursive: true });
  await writeFile(join(into, 'package.json'), `${JSON.stringify({ name: 'relocated-starter-console', private: true, type: 'module' })}\n`);
  await symlink(join(ROOT, 'node_modules'), join(into, 'node_modules'), 'dir');
  return join(into, 'bin', 'starter-console.js');
}

/** A bin directory holding only `node`, for a PATH on which no real tool can be found. */
export async function nodeOnlyPath(into: string): Promise<string> {
  await mkdir(into, { recursive: true });
  await symlink(process.execPath, join(into, 'node'));
  return into;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Real tools for tests: found on PATH, then in <repo>/.tools/bin (filled by scripts/install-tools.sh).
 *
 * A missing tool skips the tests that need it, visibly: the suite name carries `(SKIP: caddy not found)`.
 * With REQUIRE_REAL_TOOLS=1 (CI) nothing is skipped: the suite runs and fails with a clear message.
 *
 *   const gate = requireOrSkip('caddy');
 *   describe.skipIf(gate.skip)(`caddy routes the app host${gate.label}`, () => {
 *     let caddy: string;
 *     beforeAll(() => { caddy = gate.path('caddy'); });   // throws the clear message when missing
 *   });
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS_BIN = join(REPO_ROOT, '.tools', 'bin');
export const requireRealTools = (): boolean => process.env.REQUIRE_REAL_TOOLS === '1';

function isExecutable(candidate: string): boolean {
  try {
    // statSync follows symlinks, so a dangling link (a half-installed tool) counts as missing.
    if (!statSync(candidate).isFile()) return false;
    accessSync(candidate, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of a real tool (PATH first, then <repo>/.tools/bin), or undefined when it is missing. */
export function tool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), TOOLS_BIN];
  for (const dir of dirs) {
    const candidate = resolve(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function missingToolMessage(name: string): string {
  return (
    `${name} is required (REQUIRE_REAL_TOOLS=1) but was not found on PATH or in ${TOOLS_BIN}; ` +
    'run `bash scripts/install-tools.sh` to install it'
  );
}

export interface ToolGate {
  /** True when the tests must be skipped (a tool is missing and REQUIRE_REAL_TOOLS is not 1). */
  skip: boolean;
  /** Tools that were not found. */
  missing: string[];
  /** Why the tests are skipped, e.g. `caddy not found`; empty when nothing is missing. */
  reason: string;
  /** Suffix for a test or suite name: ` (SKIP: caddy not found)` when skipped, else empty. */
  label: string;
  /** Absolute path of one of the gated tools; throws a clear error when it is missing. */
  path(name: string): string;
}

/**
 * Gate tests on real tools. Missing tools skip visibly, unless REQUIRE_REAL_TOOLS=1: then `skip` is
 * false and `path()` throws, so the tests fail with a message naming the tool and the fix.
 */
export function requireOrSkip(...names: string[]): ToolGate {
  const found = new Map(names.map((name) => [name, tool(name)] as const));
  const missing = names.filter((name) => found.get(name) === undefined);
  const reason = missing.length > 0 ? `${missing.join(', ')} not found` : '';
  const skip = missing.length > 0 && !requireRealTools();
  return {
    skip,
    missing,
    reason,
    label: skip ? ` (SKIP: ${reason})` : '',
    path(name: string): string {
      if (!found.has(name)) throw new Error(`internal: ${name} is not gated by this requireOrSkip call`);
      const path = found.get(name) ?? tool(name);
      if (!path) throw new Error(missingToolMessage(name));
      return path;
    },
  };
}

export interface ToolRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Run a real tool with a bounded timeout and a minimal environment (PATH and a scratch HOME), so the
 * caller's environment cannot leak into what the tool resolves (e.g. compose interpolation).
 */
export function runTool(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs?: number; env?: Record<string, string> },
): Promise<ToolRun> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: options.cwd, ...options.env },
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${command} ${args.join(' ')} could not run: ${error.message}\n${stderr}`));
          return;
        }
        resolvePromise({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Write `{path, content}` files (POSIX paths relative to `root`) to disk. */
export function writeTree(root: string, files: Iterable<{ path: string; content: string }>): void {
  for (const file of files) {
    const target = join(root, ...file.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}

/**
 * Where runChecks puts its scratch copies in tests: the system temp dir, named after a fake bundle
 * (the CLI puts them beside the bundle). Each run removes its own.
 */
export const CHECK_SCRATCH = { parentDir: tmpdir(), outName: 'starter-console-test-bundle' } as const;

/** A fresh scratch directory; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `starter-console-${prefix}-`));
}

/**
 * `docker compose config --format json` prints every `$` of a resolved value as `$$` (so that the
 * output can be loaded again). Undo that; a lone `$` means the output is not what we think it is.
 */
export function composeValue(printed: unknown): string {
  if (typeof printed !== 'string') throw new Error(`compose printed a non-string env value: ${JSON.stringify(printed)}`);
  if (printed.replaceAll('$$', '').includes('$')) throw new Error(`compose printed an unescaped $ in ${JSON.stringify(printed)}`);
  return printed.replaceAll('$$', '$');
}

/**
 * How real docker compose reads env files: a throwaway compose project in `root` with one service per
 * env file (paths relative to `root`). Returns, per file, the environment compose resolved from it.
 */
export async function composeReadsEnvFiles(compose: string, root: string, envFiles: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const services = envFiles.map((path, index) => `  f${index}:\n    image: scratch\n    env_file:\n      - path: ${JSON.stringify(`./${path}`)}\n        required: true\n`);
  const composeFile = '.env-files.compose.yml';
  writeFileSync(join(root, composeFile), `name: envfiles\nservices:\n${services.join('')}`);
  const run = await runTool(compose, ['-f', composeFile, 'config', '--format', 'json'], { cwd: root });
  if (run.exitCode !== 0) throw new Error(`docker compose config failed on the env files (${envFiles.join(', ')}):\n${run.stderr}`);
  const config = JSON.parse(run.stdout) as { services: Record<string, { environment?: Record<string, unknown> }> };
  const out = new Map<string, Map<string, string>>();
  envFiles.forEach((path, index) => {
    const env = config.services[`f${index}`]?.environment ?? {};
    out.set(path, new Map(Object.entries(env).map(([name, value]) => [name, composeValue(value)])));
  });
  return out;
}

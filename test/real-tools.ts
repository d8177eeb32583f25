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
import { accessSync, constants, statSync } from 'node:fs';
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

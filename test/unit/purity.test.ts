/**
 * The pure core imports nothing that touches the disk, the terminal, the network or processes
 * (DESIGN: only cli, bundle IO, the tool runner, the wizard adapter and secrets probes may).
 * This is the project's lint rule for it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PURE_DIRS = ['src/contract', 'src/render', 'src/targets', 'src/checks/embedded'];
const PURE_FILES = ['src/bundle/plan.ts', 'src/bundle/drift.ts', 'src/bundle/manifest.ts', 'src/bundle/build.ts', 'src/bundle/answers-file.ts', 'src/checks/types.ts', 'src/errors.ts'];
const FORBIDDEN_IMPORTS = [/from ['"](node:)?(fs|fs\/promises|child_process|net|http|https|os)['"]/, /from ['"]execa['"]/, /from ['"]chalk['"]/, /from ['"]@inquirer\//];
/** `process.` in code, not inside a string literal (a healthcheck command may mention it). */
const PROCESS_USE = /\bprocess\./;
const withoutStrings = (source: string) => source.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

describe('pure core', () => {
  const files = [...PURE_DIRS.flatMap(filesUnder), ...PURE_FILES];
  it.each(files)('%s imports no IO', (path) => {
    const source = readFileSync(path, 'utf8');
    const offending = FORBIDDEN_IMPORTS.filter((pattern) => pattern.test(source)).map(String);
    if (PROCESS_USE.test(withoutStrings(source))) offending.push('process.');
    expect(offending).toEqual([]);
  });
});

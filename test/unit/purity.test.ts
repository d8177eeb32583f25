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
/** The wizard's logic: only inquirer-prompter.ts (terminal), resume-file.ts and session.ts (disk) may do IO. */
const WIZARD_IO = ['src/wizard/inquirer-prompter.ts', 'src/wizard/resume-file.ts', 'src/wizard/session.ts'];
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
  const files = [...PURE_DIRS.flatMap(filesUnder), ...PURE_FILES, ...filesUnder('src/wizard').filter((f) => !WIZARD_IO.includes(f))];
  it.each(files)('%s imports no IO', (path) => {
    const source = readFileSync(path, 'utf8');
    const offending = FORBIDDEN_IMPORTS.filter((pattern) => pattern.test(source)).map(String);
    if (PROCESS_USE.test(withoutStrings(source))) offending.push('process.');
    expect(offending).toEqual([]);
  });
});

describe('the prompt library', () => {
  it('is imported by src/wizard/inquirer-prompter.ts only, and only when a prompt is shown (dynamic import)', () => {
    const users = filesUnder('src').filter((path) => /(from\s+|import\()['"]@inquirer\//.test(readFileSync(path, 'utf8')));
    expect(users).toEqual(['src/wizard/inquirer-prompter.ts']);
    const source = readFileSync('src/wizard/inquirer-prompter.ts', 'utf8');
    expect(source).not.toMatch(/^import\s+(?!type\b)[^;]*['"]@inquirer\//m);
    expect(source).toMatch(/import\(['"]@inquirer\/prompts['"]\)/);
  });
});

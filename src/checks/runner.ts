/**
 * Runs a bundle's checks: embedded ones in-process, real tools in parallel (each with a timeout)
 * against a scratch copy of the bundle, so nothing a tool writes reaches the bundle.
 */
import { rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import type { PlannedFile } from '../bundle/plan.js';
import { findTool, INSTALL_HINT } from './tools.js';
import type { CheckResult, EmbeddedCheck, ToolCheck } from './types.js';

export interface CheckRunInput {
  files: readonly Pick<PlannedFile, 'path' | 'content' | 'mode'>[];
  embedded: readonly EmbeddedCheck[];
  tools: readonly ToolCheck[];
  requireTools: boolean;
  /** Called as each check finishes (progress). */
  onResult?: (result: CheckResult) => void;
}

export interface CheckRunResult {
  results: CheckResult[];
  /** A required tool was missing or could not run (exit 3). */
  toolProblem: boolean;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export function runEmbedded(check: EmbeddedCheck, files: ReadonlyMap<string, string>): CheckResult {
  let problems: string[];
  try {
    problems = check.run(files);
  } catch (error) {
    problems = [`the check itself failed: ${(error as Error).message}`];
  }
  return {
    id: check.id,
    title: check.title,
    kind: 'embedded',
    status: problems.length === 0 ? 'pass' : 'fail',
    detail: problems.length === 0 ? 'ok' : problems.join('\n'),
  };
}

/**
 * Scratch copies still in use. A Ctrl-C ends the process with process.exit() while tools run, so
 * their `finally` never runs: remove them on exit instead (they may hold secret files).
 */
const liveScratch = new Set<string>();
let exitHookInstalled = false;

function trackScratch(dir: string): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const d of liveScratch) rmSync(d, { recursive: true, force: true });
    });
  }
  liveScratch.add(dir);
}

async function writeTree(root: string, files: readonly Pick<PlannedFile, 'path' | 'content' | 'mode'>[]): Promise<void> {
  for (const f of files) {
    const target = join(root, f.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.content, { mode: f.mode });
    await chmod(target, f.mode);
  }
}

async function runTool(check: ToolCheck, files: CheckRunInput['files'], requireTools: boolean): Promise<CheckResult & { toolProblem: boolean }> {
  const base = { id: check.id, title: check.title, kind: 'tool' as const };
  const tool = await findTool(check.tool);
  if (!tool) {
    const detail = `${check.tool} not found: ${INSTALL_HINT[check.tool]}`;
    return { ...base, status: requireTools ? 'fail' : 'skip', detail, toolProblem: requireTools };
  }
  const scratch = await mkdtemp(join(tmpdir(), 'starter-console-check-'));
  trackScratch(scratch);
  try {
    const map = new Map(files.map((f) => [f.path, f.content]));
    await writeTree(scratch, [...files, ...(check.placeholders?.(map) ?? [])]);
    const run = await execa(tool.command, [...tool.prefix, ...check.args], {
      cwd: join(scratch, check.cwd),
      reject: false,
      timeout: check.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      stdin: 'ignore',
      // Tools keep state in HOME/XDG dirs (caddy creates ~/.step): point them at the scratch copy.
      env: { DOCKER_CLI_HINTS: 'false', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', HOME: scratch, XDG_DATA_HOME: join(scratch, '.xdg-data'), XDG_CONFIG_HOME: join(scratch, '.xdg-config') },
    });
    if (run.timedOut || run.failed && run.exitCode === undefined) {
      const why = run.timedOut ? `timed out after ${(check.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000}s` : run.shortMessage;
      return { ...base, status: 'fail', detail: `${check.tool} could not run: ${why}`, toolProblem: requireTools };
    }
    const outcome = { exitCode: run.exitCode ?? 1, stdout: String(run.stdout), stderr: String(run.stderr) };
    let problems: string[];
    try {
      problems = check.interpret
        ? await check.interpret(outcome)
        : outcome.exitCode === 0
          ? []
          : [(outcome.stderr || outcome.stdout).trim().replaceAll(scratch, '.') || `exit code ${outcome.exitCode}`];
    } catch (error) {
      problems = [`the check itself failed: ${(error as Error).message}`];
    }
    return {
      ...base,
      status: problems.length === 0 ? 'pass' : 'fail',
      detail: problems.length === 0 ? `ok (${check.tool} ${tool.version})` : problems.map((p) => p.replaceAll(scratch, '.')).join('\n'),
      toolProblem: false,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    liveScratch.delete(scratch);
  }
}

export async function runChecks(input: CheckRunInput): Promise<CheckRunResult> {
  const map = new Map(input.files.map((f) => [f.path, f.content]));
  const results: CheckResult[] = [];
  for (const check of input.embedded) {
    const result = runEmbedded(check, map);
    results.push(result);
    input.onResult?.(result);
  }
  const toolResults = await Promise.all(
    input.tools.map(async (check) => {
      const result = await runTool(check, input.files, input.requireTools);
      const { toolProblem: _ignored, ...plain } = result;
      input.onResult?.(plain);
      return result;
    }),
  );
  return {
    results: [...results, ...toolResults.map(({ toolProblem: _ignored, ...r }) => r)],
    toolProblem: toolResults.some((r) => r.toolProblem),
  };
}

export function reportText(results: readonly CheckResult[]): string {
  return `${JSON.stringify({ checks: results }, null, 2)}\n`;
}

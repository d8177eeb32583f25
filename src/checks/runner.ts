/**
 * Runs a bundle's checks: embedded ones in-process while the real tools run in parallel against a
 * scratch copy of the bundle (so nothing a tool writes reaches the bundle). Every tool run ends: its own process
 * group, a timeout, SIGTERM then SIGKILL to the group, capped output (process.ts). The runner, not
 * each check, decides what an exit means: a tool that exits non-zero, dies of a signal, times out or
 * overflows the output cap fails its check whatever its `interpret` says. Tool output reaches a
 * detail with its control characters escaped.
 */
import { mkdirSync } from 'node:fs';
import type { PlannedFile } from '../bundle/plan.js';
import { toolLimits, type ToolLimits } from './limits.js';
import { checkFailed, couldNotRun, judge } from './judge.js';
import { runProcess } from './process.js';
import { clip, escapeControl } from './safe-text.js';
import { cleanStaleScratch, cleanStaleScratchSync, RunScratch, type ScratchLocation } from './scratch.js';
import { discoverEach, hasCandidate, INSTALL_HINT, type ResolvedTool, type ToolDiscovery } from './tools.js';
import { isSkip, type CheckResult, type EmbeddedCheck, type ToolCheck, type ToolStep } from './types.js';

export { cleanStaleScratch, type ScratchLocation } from './scratch.js';

export interface CheckRunInput {
  files: readonly Pick<PlannedFile, 'path' | 'content' | 'mode'>[];
  embedded: readonly EmbeddedCheck[];
  tools: readonly ToolCheck[];
  requireTools: boolean;
  /**
   * Where the scratch copies go: beside the bundle (generate: beside --out; validate: beside the
   * bundle it reads), never the system temp dir, since they may hold the bundle's files.
   */
  scratch: ScratchLocation;
  /** Time and output limits over the defaults and the STARTER_CONSOLE_TOOL_* environment variables. */
  limits?: Partial<ToolLimits>;
  /** Cancels the tool runs (SIGTERM, then SIGKILL after the grace period). */
  signal?: AbortSignal;
  /** Called as each check finishes (progress). */
  onResult?: (result: CheckResult) => void;
}

export interface CheckRunResult {
  results: CheckResult[];
  /** A required tool was missing or could not run (exit 3). */
  toolProblem: boolean;
}

/** A detail longer than this is cut (tool output can be up to the output cap per stream). */
const MAX_DETAIL_CHARS = 16 * 1024;

export function runEmbedded(check: EmbeddedCheck, files: ReadonlyMap<string, string>): CheckResult {
  let problems: string[];
  try {
    problems = check.run(files);
  } catch (error) {
    problems = checkFailed(error);
  }
  return {
    id: check.id,
    title: check.title,
    kind: 'embedded',
    status: problems.length === 0 ? 'pass' : 'fail',
    detail: problems.length === 0 ? 'ok' : problems.join('\n'),
  };
}

/** A check with a prepare: run once the prepare has settled; a failed prepare fails the check. */
async function runPrepared(check: EmbeddedCheck, files: ReadonlyMap<string, string>, prepared: Promise<unknown>): Promise<CheckResult> {
  try {
    await prepared;
  } catch (error) {
    return { id: check.id, title: check.title, kind: 'embedded', status: 'fail', detail: checkFailed(error).join('\n') };
  }
  return runEmbedded(check, files);
}

type ToolResult = CheckResult & { toolProblem: boolean };

function tidy(text: string, scratchRoot: string | undefined): string {
  const relative = scratchRoot ? text.replaceAll(scratchRoot, '.') : text;
  return clip(escapeControl(relative), MAX_DETAIL_CHARS);
}

function missingDetail(discovery: ToolDiscovery | undefined, tool: ToolCheck['tool']): string {
  const failed = discovery?.failed ?? [];
  if (failed.length === 0) return `${tool} not found: ${INSTALL_HINT[tool]}`;
  return `${tool} not usable: ${failed.join('; ')}; ${INSTALL_HINT[tool]}`;
}

function okDetail(check: ToolCheck, tool: ResolvedTool, discovery: ToolDiscovery | undefined): string {
  const skipped = discovery?.failed.length ? `; skipped ${discovery.failed.join('; ')}` : '';
  return `ok (${check.tool} ${tool.version}${skipped})`;
}

/** Where a check's copy of the bundle comes from: the run's shared copy, or one of its own. */
interface CopyPlan {
  /** The placeholders of the checks that share the copy, merged (each path once). */
  shared: PlannedFile[];
  /** Whether any check uses the shared copy. */
  sharedUsed: boolean;
  /** The checks with a copy of their own, with their placeholders. */
  own: Map<ToolCheck, PlannedFile[]>;
}

/**
 * Each check's placeholders (computed once per placeholder function: the k8s checks share theirs),
 * merged into the shared copy. A check that asks for its own copy (ownCopy), or whose placeholder
 * for a path differs from the one already merged, gets a copy of its own.
 */
function planCopies(checks: readonly ToolCheck[], map: ReadonlyMap<string, string>): CopyPlan {
  const computed = new Map<NonNullable<ToolCheck['placeholders']>, PlannedFile[]>();
  const plan: CopyPlan = { shared: [], sharedUsed: false, own: new Map() };
  const merged = new Map<string, PlannedFile>();
  for (const check of checks) {
    let placeholders: PlannedFile[] = [];
    if (check.placeholders) {
      placeholders = computed.get(check.placeholders) ?? check.placeholders(map);
      computed.set(check.placeholders, placeholders);
    }
    const clash = placeholders.some((f) => {
      const there = merged.get(f.path);
      return there !== undefined && (there.content !== f.content || there.mode !== f.mode);
    });
    if (check.ownCopy || clash) {
      plan.own.set(check, placeholders);
      continue;
    }
    plan.sharedUsed = true;
    for (const f of placeholders) merged.set(f.path, f);
  }
  plan.shared = [...merged.values()];
  return plan;
}

/** The tool's environment (see ToolCheck.environment): the check's own HOME unless HOME is passed. */
function toolEnv(check: ToolCheck, home: string): NodeJS.ProcessEnv {
  const own = { HOME: home, XDG_DATA_HOME: `${home}/.xdg-data`, XDG_CONFIG_HOME: `${home}/.xdg-config` };
  if (!check.environment) {
    return { ...process.env, DOCKER_CLI_HINTS: 'false', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', ...own };
  }
  const env: NodeJS.ProcessEnv = { ...own };
  for (const name of ['PATH', ...check.environment.pass]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...check.environment.set };
}

async function runTool(
  check: ToolCheck,
  index: number,
  input: CheckRunInput,
  discovery: ToolDiscovery | undefined,
  copy: () => Promise<string>,
  limits: ToolLimits,
  signal: AbortSignal,
): Promise<ToolResult> {
  const base = { id: check.id, title: check.title, kind: 'tool' as const };
  const tool = discovery?.found;
  if (!tool) {
    return { ...base, status: input.requireTools ? 'fail' : 'skip', detail: tidy(missingDetail(discovery, check.tool), undefined), toolProblem: input.requireTools };
  }
  const root = await copy();
  // Tools keep state in HOME/XDG dirs (caddy creates ~/.step): each check gets its own, inside the
  // scratch copy, so checks sharing a copy never share that state.
  const home = `${root}/.tool-home/${index}`;
  mkdirSync(home, { recursive: true, mode: 0o700 }); // sync: the spawn follows in the same turn
  const env = toolEnv(check, home);
  const steps: ToolStep[] = [...(check.before ?? []), check];
  for (const [n, step] of steps.entries()) {
    // The limit bounds every step; a step may ask for less.
    const timeoutMs = Math.min(step.timeoutMs ?? limits.timeoutMs, limits.timeoutMs);
    const running = runProcess(tool.command, [...tool.prefix, ...step.args], { cwd: `${root}/${check.cwd}`, timeoutMs, graceMs: limits.graceMs, capBytes: limits.outputCapBytes, signal, env });
    // While the tool runs in its own process, what its interpret will need is loaded here; a failure
    // to load is left for the interpret to meet (and report).
    const prepared = n === steps.length - 1 && check.prepare ? Promise.resolve().then(check.prepare).catch(() => undefined) : undefined;
    const run = await running;
    await prepared;
    const shown = steps.length > 1 ? `\`${check.tool} ${step.args.join(' ')}\`` : check.tool;
    const failure = couldNotRun(run, limits, timeoutMs);
    if (failure) {
      const said = (run.stderr.trim() || run.stdout.trim()).split('\n').slice(-10).join('\n');
      const detail = `${shown} ${failure}${said ? `\n${said}` : ''}`;
      return { ...base, status: 'fail', detail: tidy(detail, root), toolProblem: input.requireTools };
    }
    const verdict = await judge(step, check.tool, run, limits);
    if (isSkip(verdict)) {
      return { ...base, status: input.requireTools ? 'fail' : 'skip', detail: tidy(`${shown} could not be judged here: ${verdict.skip}`, root), toolProblem: input.requireTools };
    }
    if (verdict.length > 0) {
      const where = steps.length > 1 ? [`${shown} failed:`] : [];
      return { ...base, status: 'fail', detail: tidy([...where, ...verdict].join('\n'), root), toolProblem: false };
    }
  }
  return { ...base, status: 'pass', detail: tidy(okDetail(check, tool, discovery), root), toolProblem: false };
}

/**
 * The tool checks, from discovery to the last result. Everything starts at once: the version probes
 * (each tool once), the clean-up of stale scratch directories and the shared copy of the bundle; a
 * check spawns as soon as its tool answered and its copy is written. The scratch directory is
 * removed when every check has ended, whatever happened.
 */
async function runTools(input: CheckRunInput, map: ReadonlyMap<string, string>, limits: ToolLimits, signal: AbortSignal): Promise<ToolResult[]> {
  const scratch = new RunScratch(input.scratch);
  try {
    // Probes first: their processes are spawned right here, before anything is awaited.
    const discovery = discoverEach(
      input.tools.map((t) => t.tool),
      limits,
    );
    const plan = planCopies(input.tools, map);
    // The shared copy is written while the tools are probed, unless no tool can be there at all;
    // synchronously, before the embedded checks hold the event loop (a few milliseconds).
    const eager = plan.sharedUsed && input.tools.some((t) => !t.ownCopy && hasCandidate(t.tool));
    let shared: Promise<string> | undefined;
    let cleaned: Promise<unknown>;
    if (eager) {
      cleanStaleScratchSync(input.scratch.parentDir, input.scratch.outName);
      cleaned = Promise.resolve();
      shared = Promise.resolve(scratch.copySync(input.files, plan.shared));
    } else {
      cleaned = cleanStaleScratch(input.scratch.parentDir, input.scratch.outName);
    }
    const sharedCopy = () => (shared ??= cleaned.then(() => scratch.copy(input.files, plan.shared)));
    const settled = await Promise.allSettled(
      input.tools.map(async (check, index) => {
        const own = plan.own.get(check);
        const copy = own ? () => cleaned.then(() => scratch.copy(input.files, own)) : sharedCopy;
        const result = await runTool(check, index, input, await discovery.get(check.tool), copy, limits, signal);
        const { toolProblem: _ignored, ...plain } = result;
        input.onResult?.(plain);
        return result;
      }),
    );
    // A copy started eagerly may still be being written (every tool was missing): let it finish
    // before the scratch directory goes.
    await Promise.allSettled([cleaned, shared]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<ToolResult>).value);
  } finally {
    await scratch.remove();
  }
}

/** Let pending I/O (tool probes, scratch writes, spawns, tool output) move on between embedded checks. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The tool checks start first (they spend their time in other processes), the embedded checks run
 * in-process meanwhile, then the run waits for the tools. Results keep one order, embedded checks
 * first, then tool checks, each in the order given; onResult fires as each check finishes.
 */
export async function runChecks(input: CheckRunInput): Promise<CheckRunResult> {
  const limits = toolLimits(input.limits);
  const map = new Map(input.files.map((f) => [f.path, f.content]));
  // Stops the tools when the run itself fails (an embedded check's onResult threw, ...).
  const stop = new AbortController();
  const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal;
  const tools = input.tools.length > 0 ? runTools(input, map, limits, signal) : Promise.resolve([]);
  tools.catch(() => undefined); // awaited below; a rejection must not go unhandled meanwhile
  // Checks with async work to do first (a WebAssembly parser) start it now, and run when it is done
  // while the others go on.
  const prepared = new Map(input.embedded.flatMap((check) => (check.prepare ? [[check, Promise.resolve().then(() => check.prepare?.(map))] as const] : [])));
  for (const p of prepared.values()) p.catch(() => undefined); // met by runPrepared
  const results: (CheckResult | Promise<CheckResult>)[] = [];
  try {
    for (const check of input.embedded) {
      const preparing = prepared.get(check);
      if (preparing) {
        const result = runPrepared(check, map, preparing).then((done) => {
          input.onResult?.(done);
          return done;
        });
        result.catch(() => undefined); // met below, unless the run fails first
        results.push(result);
        continue;
      }
      if (input.tools.length > 0) await turn();
      const result = runEmbedded(check, map);
      results.push(result);
      input.onResult?.(result);
    }
    const pending = await Promise.allSettled(results);
    const failed = pending.find((p): p is PromiseRejectedResult => p.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    stop.abort();
    await tools.catch(() => undefined);
    throw error;
  }
  const toolResults = await tools;
  return {
    results: [...(await Promise.all(results)), ...toolResults.map(({ toolProblem: _ignored, ...r }) => r)],
    toolProblem: toolResults.some((r) => r.toolProblem),
  };
}

export function reportText(results: readonly CheckResult[]): string {
  return `${JSON.stringify({ checks: results }, null, 2)}\n`;
}

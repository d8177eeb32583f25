/**
 * What one tool run means: could it run at all (spawn, timeout, cancel, signal), and if so, what its
 * interpretation says. A tool that exits non-zero fails its step whatever the interpretation says,
 * unless the interpretation asks for a skip (the bundle could not be judged here).
 */
import { duration, size, type ToolLimits } from './limits.js';
import type { ProcessOutcome } from './process.js';
import { isSkip, type Interpretation, type ToolCheck, type ToolStep } from './types.js';

export const checkFailed = (error: unknown): string[] => [`the check itself failed: ${(error as Error).message}`];

const SIGNAL_NUMBERS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 15: 'SIGTERM' };

function exitText(code: number): string {
  const signal = code > 128 ? SIGNAL_NUMBERS[code - 128] : undefined;
  return `exited with code ${code}${signal ? ` (${signal})` : ''}`;
}

/** Why the run could not be judged by its output at all (the tool "could not run"), or undefined. */
export function couldNotRun(run: ProcessOutcome, limits: ToolLimits, timeoutMs: number): string | undefined {
  if (run.spawnError) return `could not start: ${run.spawnError}`;
  if (run.timedOut) return `timed out after ${duration(timeoutMs)}; it and every process it started were stopped (SIGTERM, then SIGKILL after ${duration(limits.graceMs)})`;
  if (run.cancelled) return 'cancelled; it and every process it started were stopped';
  if (run.signal) return `was killed by ${run.signal}`;
  return undefined;
}

/** A step's problems, or the skip its interpretation asked for. */
export async function judge(step: ToolStep, tool: ToolCheck['tool'], run: ProcessOutcome, limits: ToolLimits): Promise<Interpretation> {
  const exitCode = run.exitCode ?? 1;
  const outcome = { exitCode, stdout: run.stdout, stderr: run.stderr };
  const problems: string[] = [];
  const overflow = (['stdout', 'stderr'] as const).filter((s) => run.dropped[s] > 0);
  for (const stream of overflow) {
    problems.push(`${tool} printed more than the ${size(limits.outputCapBytes)} kept on ${stream} (${size(run.dropped[stream])} more dropped)`);
  }
  // An interpret reads stdout: a cut one would only give confusing parse errors.
  if (run.dropped.stdout === 0) {
    try {
      const said = step.interpret
        ? await step.interpret(outcome)
        : exitCode === 0
          ? []
          : [[(run.stderr || run.stdout).trim(), `${tool} ${exitText(exitCode)}`].filter(Boolean).join('\n')];
      // The bundle could not be judged here (e.g. a provider out of reach): whatever the exit, a skip.
      if (isSkip(said)) return problems.length === 0 ? said : problems;
      problems.push(...said);
    } catch (error) {
      problems.push(...checkFailed(error));
    }
  }
  // Whatever the interpretation, a tool that failed fails its check.
  if (exitCode !== 0 && problems.length === 0) {
    const said = (run.stderr.trim() || run.stdout.trim()).split('\n').slice(-20).join('\n');
    problems.push(`${tool} ${exitText(exitCode)}${said ? `:\n${said}` : ' and printed nothing'}`);
  }
  return problems;
}


/** What checks are and what they report. Embedded checks are pure; tool checks are data the runner executes. */
import type { PlannedFile } from '../bundle/plan.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  id: string;
  title: string;
  kind: 'embedded' | 'tool';
  status: CheckStatus;
  /** One or more lines; for failures, what is wrong and where. */
  detail: string;
}

/** The bundle as checks see it: path → content. */
export type BundleFiles = ReadonlyMap<string, string>;

export interface EmbeddedCheck {
  id: string;
  title: string;
  /** Returns the problems found; an empty list passes. */
  run(files: BundleFiles): string[];
}

export type ToolName = 'docker-compose' | 'caddy' | 'bash' | 'helm' | 'terraform';

export interface ToolRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ToolCheck {
  id: string;
  title: string;
  tool: ToolName;
  /** Arguments after the tool's own command (e.g. after `docker compose`). */
  args: readonly string[];
  /** Working directory relative to the bundle root. */
  cwd: string;
  /** Files the check needs in its scratch copy that the bundle leaves to the operator (placeholders). */
  placeholders?: (files: BundleFiles) => PlannedFile[];
  /**
   * Turn the run into problems; by default a non-zero exit is a failure with stderr as detail. May be
   * async, so that a heavy validator is imported only when its check runs. The runner fails the check
   * on a non-zero exit even when this returns no problem.
   */
  interpret?: (run: ToolRun) => string[] | Promise<string[]>;
  /**
   * Called once the tool has been started: loads what `interpret` will need (e.g. heavy schemas)
   * while the tool runs, instead of after it exited. Its errors are ignored (the interpret meets them).
   */
  prepare?: () => Promise<unknown>;
  /**
   * The check writes into its scratch copy, so it gets a copy of its own. By default (false) the
   * run's tool checks share one copy (docker compose, caddy, bash and helm only read it).
   */
  ownCopy?: boolean;
  /** A shorter timeout than the runner's limit (STARTER_CONSOLE_TOOL_TIMEOUT_MS, default 60 s). */
  timeoutMs?: number;
}

export function filesOf(plan: readonly PlannedFile[]): BundleFiles {
  return new Map(plan.map((f) => [f.path, f.content]));
}

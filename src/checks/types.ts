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
  /**
   * Async work `run` needs first (e.g. parsing with a WebAssembly parser), done for these files:
   * the runner starts every check's prepare at once and runs the check when its prepare has settled,
   * while the other checks and the tools go on. Its errors are the check's (it fails).
   */
  prepare?: (files: BundleFiles) => Promise<unknown>;
}

export type ToolName = 'docker-compose' | 'caddy' | 'bash' | 'helm' | 'terraform';

export interface ToolRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * The run could not be judged here, through no fault of the bundle (e.g. a provider that cannot be
 * downloaded offline): a SKIP whose detail says why and how to make it run; with --require-tools,
 * a failure like a missing tool.
 */
export interface ToolSkip {
  skip: string;
}

export type Interpretation = string[] | ToolSkip;

export const isSkip = (value: Interpretation): value is ToolSkip => !Array.isArray(value);

/** One command of a check that runs several in a row (e.g. `terraform init` before `terraform validate`). */
export interface ToolStep {
  args: readonly string[];
  /** As ToolCheck.interpret; by default a non-zero exit is a failure. A problem or a skip ends the check. */
  interpret?: (run: ToolRun) => Interpretation | Promise<Interpretation>;
  /** As ToolCheck.timeoutMs, for this step alone (each step has its own process group and timeout). */
  timeoutMs?: number;
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
  interpret?: (run: ToolRun) => Interpretation | Promise<Interpretation>;
  /** Commands run first, in order, in the same copy; the check's own command runs only when all of them passed. */
  before?: readonly ToolStep[];
  /**
   * The tool's environment. By default the runner's own, with HOME and XDG directories of the
   * check's own. When given, only PATH and the `pass` variables of the runner's environment reach
   * the tool (HOME among them keeps the real one), then `set` over them.
   */
  environment?: { pass: readonly string[]; set?: Readonly<Record<string, string>> };
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

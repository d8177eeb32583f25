/**
 * The error family every deep module throws. Only src/cli/main.ts turns these into an exit code.
 * Each carries the exit code of its class and, where it helps, a hint for the user.
 */
export type ExitCode = 0 | 1 | 2 | 3 | 4 | 130;

export interface Problem {
  /** Dotted key path in the contract, e.g. `api_secrets.DATABASE_URL`, or a file path for bundle problems. */
  key: string;
  message: string;
  hint?: string;
}

export class AppError extends Error {
  readonly exitCode: ExitCode = 2;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments. */
export class UsageError extends AppError {
  override readonly exitCode = 2;
}

/** The answers do not make a valid contract; every problem is listed. */
export class ContractError extends AppError {
  override readonly exitCode = 2;
  constructor(readonly problems: readonly Problem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the answers`);
  }
}

/** One or more checks of the staged bundle failed. */
export class ChecksFailedError extends AppError {
  override readonly exitCode = 1;
}

/** A tool required with --require-tools is missing or could not run. */
export class ToolMissingError extends AppError {
  override readonly exitCode = 3;
}

/** Files would change (--check) or hand-edited files are in the way. */
export class DriftError extends AppError {
  override readonly exitCode = 4;
  constructor(
    message: string,
    readonly files: readonly { path: string; reason: string; diff?: string }[],
    hint?: string,
  ) {
    super(message, hint);
  }
}

/** The user cancelled (Ctrl-C). */
export class CancelledError extends AppError {
  override readonly exitCode = 130;
}

/**
 * The error family every deep module throws. Only src/cli/main.ts turns these into an exit code.
 * Each carries the exit code of its class and, where it helps, a hint for the user.
 */
export type ExitCode = 0 | 1 | 2 | 3 | 4 | 5 | 129 | 130 | 143;

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

/** The run was ended by a signal: SIGINT 130, SIGHUP 129, SIGTERM 143 (128 + the signal number). */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 } as const;

/**
 * A file-system operation failed (permissions, a full or read-only disk, a path that cannot exist):
 * exit 5. The message names the path and the cause; nothing of the old bundle was changed.
 */
export class FsError extends AppError {
  override readonly exitCode = 5;
  constructor(
    message: string,
    readonly path: string,
    readonly code: string,
    hint?: string,
  ) {
    super(message, hint);
  }
}

const CAUSES: Record<string, { cause: string; hint: string }> = {
  EACCES: { cause: 'permission denied', hint: 'check the permissions of the directory, or choose another --out' },
  EPERM: { cause: 'operation not permitted', hint: 'check the owner and permissions of the path, or choose another --out' },
  ENOSPC: { cause: 'no space left on the device', hint: 'free some space on that disk and run again' },
  EDQUOT: { cause: 'disk quota exceeded', hint: 'free some space within your quota and run again' },
  EROFS: { cause: 'read-only file system', hint: 'choose an --out on a writable file system' },
  EBUSY: { cause: 'resource busy (a mount point, or in use)', hint: 'choose another --out, or pass --adopt to add files to a mount point without replacing it' },
  ENOTDIR: { cause: 'a part of the path is a file, not a directory', hint: 'fix the path' },
  ENAMETOOLONG: { cause: 'the path or one of its names is too long', hint: 'choose a shorter path' },
  EEXIST: { cause: 'something already exists there', hint: 'move it away and run again' },
  ELOOP: { cause: 'too many levels of symbolic links', hint: 'fix the symbolic links on the path' },
  ENOENT: { cause: 'no such file or directory (removed while the run was in progress?)', hint: 'run again' },
  EISDIR: { cause: 'is a directory', hint: 'move it away and run again' },
  ENOTEMPTY: { cause: 'the directory is not empty', hint: 'move it away and run again' },
  EXDEV: { cause: 'the path crosses file systems', hint: 'keep --out and everything in it on one file system, or pass --adopt' },
  EMLINK: { cause: 'too many links', hint: 'run again after removing extra hard links' },
  EIO: { cause: 'input/output error', hint: 'check the disk' },
  EMFILE: { cause: 'too many open files', hint: 'raise the open-file limit (ulimit -n) and run again' },
};

const VERBS: Record<string, string> = {
  open: 'open',
  mkdir: 'create the directory',
  rename: 'rename',
  unlink: 'remove',
  rmdir: 'remove the directory',
  rm: 'remove',
  link: 'link',
  symlink: 'create the symbolic link',
  write: 'write',
  read: 'read',
  lstat: 'inspect',
  stat: 'inspect',
  scandir: 'list',
  opendir: 'list',
  chmod: 'set the mode of',
  chown: 'set the owner of',
  lchown: 'set the owner of',
  utime: 'set the times of',
  copyfile: 'copy',
  readlink: 'read the link',
  mkdtemp: 'create a directory in',
};

/** A Node file-system error (errno code, syscall, path) as an FsError; undefined for anything else. */
export function fsErrorFrom(error: unknown): FsError | undefined {
  if (error instanceof FsError) return error;
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown; dest?: unknown };
  if (typeof e.code !== 'string' || !Object.hasOwn(CAUSES, e.code)) return undefined;
  const known = CAUSES[e.code] as { cause: string; hint: string };
  const path = typeof e.path === 'string' ? e.path : '(unknown path)';
  const verb = typeof e.syscall === 'string' ? (VERBS[e.syscall] ?? e.syscall) : 'use';
  const dest = typeof e.dest === 'string' ? ` to ${e.dest}` : '';
  return new FsError(`cannot ${verb} ${path}${dest}: ${known.cause} (${e.code})`, path, e.code, known.hint);
}

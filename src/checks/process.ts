/**
 * Running one tool process so that it always ends, and takes everything it started with it.
 *
 * - The child is the leader of its own process group (`detached`), so a signal to the group reaches
 *   its children and grandchildren too.
 * - On timeout or cancel the group gets SIGTERM, then SIGKILL after a grace period.
 * - When the child exits by itself, whatever it left in its group is stopped the same way.
 * - The run never waits on the pipes alone: once the group has been killed, pipes still held open
 *   (by a process that escaped the group) are closed after a short drain, and the run resolves.
 * - Output is capped per stream: the first `capBytes` are kept, the rest counted and dropped.
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { signalGroup, trackGroup, untrackGroup } from './exit-cleanup.js';

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  graceMs: number;
  capBytes: number;
  signal?: AbortSignal;
}

export interface ProcessOutcome {
  /** Exit code, or null when the process died of a signal (or never started). */
  exitCode: number | null;
  /** The signal the process died of, if any. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Bytes dropped beyond the cap, per stream. */
  dropped: { stdout: number; stderr: number };
  /** Stopped because it ran past timeoutMs. */
  timedOut: boolean;
  /** Stopped because the caller's AbortSignal fired. */
  cancelled: boolean;
  /** It could not be started at all (ENOENT, EACCES, ...). */
  spawnError?: string;
}

/** After SIGKILL, how long pipes held by an escaped process may stay open before they are closed. */
const DRAIN_MS = 500;

class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;
  constructor(private readonly cap: number) {}
  add(chunk: Buffer): void {
    const room = this.cap - this.kept;
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    this.dropped += Math.max(0, chunk.length - Math.max(room, 0));
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export function runProcess(command: string, args: readonly string[], options: ProcessOptions): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const out = new CappedBuffer(options.capBytes);
    const err = new CappedBuffer(options.capBytes);
    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    let timedOut = false;
    let cancelled = false;
    let stopping = false;
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const later = (ms: number, fn: () => void) => timers.push(setTimeout(fn, ms));

    let child;
    try {
      child = spawn(command, [...args], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ exitCode: null, signal: null, stdout: '', stderr: '', dropped: { stdout: 0, stderr: 0 }, timedOut, cancelled, spawnError: (error as Error).message });
      return;
    }
    const pgid = child.pid;
    if (pgid !== undefined) trackGroup(pgid);
    const streams = [child.stdout, child.stderr].filter((s): s is Readable => s !== null);
    child.stdout?.on('data', (chunk: Buffer) => out.add(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.add(chunk));
    for (const s of streams) s.on('error', () => undefined);

    const finish = (spawnError?: string) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      if (pgid !== undefined) {
        signalGroup(pgid, 'SIGKILL'); // anything still in the group: it has no business outliving the run
        untrackGroup(pgid);
      }
      for (const s of streams) s.destroy();
      resolve({
        exitCode,
        signal: exitSignal,
        stdout: out.text(),
        stderr: err.text(),
        dropped: { stdout: out.dropped, stderr: err.dropped },
        timedOut,
        cancelled,
        ...(spawnError ? { spawnError } : {}),
      });
    };

    /** SIGTERM the group, SIGKILL it after the grace period, then stop waiting for the pipes. */
    const stop = () => {
      if (stopping || done) return;
      stopping = true;
      if (pgid !== undefined) signalGroup(pgid, 'SIGTERM');
      later(options.graceMs, () => {
        if (pgid !== undefined) signalGroup(pgid, 'SIGKILL');
        later(DRAIN_MS, () => finish());
      });
    };
    const onAbort = () => {
      cancelled = true;
      stop();
    };

    child.on('error', (error) => finish(error.message));
    child.on('exit', (code, signal) => {
      exitCode = code;
      exitSignal = signal;
      // The child is gone; if its pipes are still open, something it started holds them.
      stop();
    });
    // Both pipes closed after the exit: the normal end.
    child.on('close', () => finish());

    later(options.timeoutMs, () => {
      if (exitCode !== null || exitSignal !== null) return; // exited in time; only its leftovers remain
      timedOut = true;
      stop();
    });
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

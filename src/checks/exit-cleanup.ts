/**
 * What the tool runner must undo however the process ends: the process groups of the tools still
 * running, and the scratch copies of the bundle (which may hold secret files).
 *
 * - On `exit` (a normal end, or `process.exit()` from the CLI's Ctrl-C handler), synchronously:
 *   SIGKILL every live group, remove every live scratch directory.
 * - On SIGINT, SIGTERM or SIGHUP: SIGTERM every live group at once. If another listener handles the
 *   signal (src/cli/main.ts does for SIGINT and SIGTERM), it ends the process and the `exit` hook
 *   above finishes the job. If nobody else does (SIGHUP today, or a library caller), clean up here
 *   and re-raise the signal with its default action, so the process still dies of it.
 * A SIGKILL cannot be caught: the next run removes stale scratch directories (cleanStaleScratch).
 */
import { rmSync } from 'node:fs';

const groups = new Set<number>();
const scratchDirs = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type HandledSignal = (typeof SIGNALS)[number];
let installed = false;

/** Signal a whole process group (negative pid); a group that is gone already is fine. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* ESRCH: nothing left in the group */
  }
}

function cleanupNow(): void {
  for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
  groups.clear();
  for (const dir of scratchDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      /* best effort while exiting */
    }
  }
  scratchDirs.clear();
}

const onSignal = (signal: HandledSignal) => {
  for (const pgid of groups) signalGroup(pgid, 'SIGTERM');
  if (process.listenerCount(signal) > 1) return; // someone else ends the process; `exit` cleans up
  cleanupNow();
  for (const s of SIGNALS) process.off(s, handlers[s]);
  process.kill(process.pid, signal);
};
const handlers = Object.fromEntries(SIGNALS.map((s) => [s, () => onSignal(s)])) as Record<HandledSignal, () => void>;

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupNow);
  for (const s of SIGNALS) process.on(s, handlers[s]);
}

/** Remove the signal listeners once nothing is live, so an idle process keeps default signal behaviour. */
function uninstallIfIdle(): void {
  if (!installed || groups.size > 0 || scratchDirs.size > 0) return;
  installed = false;
  process.off('exit', cleanupNow);
  for (const s of SIGNALS) process.off(s, handlers[s]);
}

export function trackGroup(pgid: number): void {
  install();
  groups.add(pgid);
}

export function untrackGroup(pgid: number): void {
  groups.delete(pgid);
  uninstallIfIdle();
}

export function trackScratch(dir: string): void {
  install();
  scratchDirs.add(dir);
}

export function untrackScratch(dir: string): void {
  scratchDirs.delete(dir);
  uninstallIfIdle();
}

export function isTrackedScratch(dir: string): boolean {
  return scratchDirs.has(dir);
}

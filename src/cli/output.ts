/** Printing: human text on stderr (colour unless NO_COLOR / --no-color / not a TTY), JSON on stdout. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { CheckResult } from '../checks/types.js';
import type { FileChange } from '../bundle/drift.js';

export interface Output {
  json: boolean;
  debug: boolean;
  color: ChalkInstance;
  info(line: string): void;
  data(value: unknown): void;
}

// C0 controls except tab and newline, DEL, and the C1 controls (U+0080-U+009F, e.g. U+009B, a one-character CSI).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from users, files or tools, made safe for a terminal: every control character except tab
 * and newline becomes a visible escape (`\x1b`, `\r`, ...), so a key, a path or a tool's output
 * can never move the cursor, retitle the window or recolour the screen.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code === 0x0d ? '\\r' : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

// The colour sequences chalk writes (SGR only), which are the only escapes a line may keep.
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** A whole line: our own colour codes kept (when colour is on), every other control character escaped. */
export function safeLine(line: string, keepColor: boolean): string {
  if (!keepColor) return escapeControl(line);
  let out = '';
  let last = 0;
  for (const m of line.matchAll(SGR)) {
    out += escapeControl(line.slice(last, m.index)) + m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  return out + escapeControl(line.slice(last));
}

/**
 * stdout or stderr closed under us (`... | head -1`): stop writing and let the run end with its own
 * exit code instead of an unhandled EPIPE.
 */
const closed = { stdout: false, stderr: false };
let guarded = false;

export function guardStreams(): void {
  if (guarded) return;
  guarded = true;
  for (const name of ['stdout', 'stderr'] as const) {
    process[name].on('error', () => {
      closed[name] = true; // EPIPE, or any other failure of the stream itself: nothing more can be shown
    });
  }
}

function write(name: 'stdout' | 'stderr', text: string): void {
  if (closed[name]) return;
  try {
    process[name].write(text);
  } catch {
    closed[name] = true;
  }
}

export function writeOut(text: string): void {
  write('stdout', text);
}

export function writeErr(text: string): void {
  write('stderr', text);
}

export function createOutput(options: { json?: boolean; color?: boolean; debug?: boolean }): Output {
  const noColor = options.color === false || Boolean(process.env.NO_COLOR) || !process.stderr.isTTY;
  return {
    json: Boolean(options.json),
    debug: Boolean(options.debug),
    color: new Chalk({ level: noColor ? 0 : 1 }),
    info: (line) => write('stderr', `${safeLine(line, !noColor)}\n`),
    data: (value) => write('stdout', `${JSON.stringify(value, null, 2)}\n`),
  };
}

const ACTION_LABEL: Record<FileChange['action'], string> = {
  create: 'create   ',
  update: 'update   ',
  unchanged: 'unchanged',
  delete: 'delete   ',
  keep: 'keep     ',
  conflict: 'CONFLICT ',
};

export function changeLine(out: Output, change: FileChange): string {
  const paint = { create: out.color.green, update: out.color.yellow, delete: out.color.red, conflict: out.color.red.bold, unchanged: out.color.dim, keep: out.color.dim }[change.action];
  return `  ${paint(ACTION_LABEL[change.action])} ${escapeControl(change.path)}${change.reason && change.action !== 'update' ? out.color.dim(`  (${escapeControl(change.reason)})`) : ''}`;
}

export function checkLine(out: Output, result: CheckResult): string {
  const label = { pass: out.color.green('PASS'), fail: out.color.red.bold('FAIL'), skip: out.color.yellow('SKIP') }[result.status];
  const detail = result.status === 'pass' ? '' : `\n${escapeControl(result.detail).split('\n').map((l) => `         ${l}`).join('\n')}`;
  return `  ${label} ${result.id}: ${result.title}${detail}`;
}

export function colorDiff(out: Output, diff: string): string {
  return escapeControl(diff)
    .split('\n')
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? out.color.green(line) : line.startsWith('-') && !line.startsWith('---') ? out.color.red(line) : line.startsWith('@@') ? out.color.cyan(line) : line))
    .join('\n');
}

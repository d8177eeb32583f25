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

export function createOutput(options: { json?: boolean; color?: boolean; debug?: boolean }): Output {
  const noColor = options.color === false || Boolean(process.env.NO_COLOR) || !process.stderr.isTTY;
  return {
    json: Boolean(options.json),
    debug: Boolean(options.debug),
    color: new Chalk({ level: noColor ? 0 : 1 }),
    info: (line) => process.stderr.write(`${line}\n`),
    data: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
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
  return `  ${paint(ACTION_LABEL[change.action])} ${change.path}${change.reason && change.action !== 'update' ? out.color.dim(`  (${change.reason})`) : ''}`;
}

export function checkLine(out: Output, result: CheckResult): string {
  const label = { pass: out.color.green('PASS'), fail: out.color.red.bold('FAIL'), skip: out.color.yellow('SKIP') }[result.status];
  const detail = result.status === 'pass' ? '' : `\n${result.detail.split('\n').map((l) => `         ${l}`).join('\n')}`;
  return `  ${label} ${result.id}: ${result.title}${detail}`;
}

export function colorDiff(out: Output, diff: string): string {
  return diff
    .split('\n')
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? out.color.green(line) : line.startsWith('-') && !line.startsWith('---') ? out.color.red(line) : line.startsWith('@@') ? out.color.cyan(line) : line))
    .join('\n');
}

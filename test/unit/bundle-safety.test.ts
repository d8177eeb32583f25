/** Pure pieces of "nothing lost, nothing leaked, nothing hangs": error mapping, escaping, type conflicts, lock liveness. */
import { describe, expect, test } from 'vitest';
import { planChanges } from '../../src/bundle/drift.js';
import { holderAlive, processStart } from '../../src/bundle/lock.js';
import { file } from '../../src/bundle/plan.js';
import { escapeControl, safeLine } from '../../src/cli/output.js';
import { fsErrorFrom } from '../../src/errors.js';

describe('file-system errors become exit 5 with the path and the cause', () => {
  const fake = (code: string, syscall: string, path: string, dest?: string) => Object.assign(new Error(code), { code, syscall, path, ...(dest ? { dest } : {}) });
  test.each([
    ['EBUSY', 'rename', 'resource busy'],
    ['ENOSPC', 'write', 'no space left on the device'],
    ['EROFS', 'mkdir', 'read-only file system'],
    ['EACCES', 'open', 'permission denied'],
    ['EPERM', 'chown', 'operation not permitted'],
    ['ENOTDIR', 'lstat', 'not a directory'],
    ['ENAMETOOLONG', 'open', 'too long'],
    ['EEXIST', 'mkdir', 'already exists'],
    ['ELOOP', 'open', 'symbolic links'],
  ])('%s', (code, syscall, cause) => {
    const error = fsErrorFrom(fake(code, syscall, '/srv/deploy', syscall === 'rename' ? '/srv/.deploy.starter-old-1-a' : undefined));
    expect(error?.exitCode).toBe(5);
    expect(error?.message).toContain('/srv/deploy');
    expect(error?.message).toContain(cause);
    expect(error?.message).toContain(`(${code})`);
    expect(error?.hint).toBeTruthy();
  });
  test('anything else is not a file-system error', () => {
    expect(fsErrorFrom(new Error('boom'))).toBeUndefined();
    expect(fsErrorFrom({ code: 'ERR_SOMETHING' })).toBeUndefined();
  });
});

describe('control characters are escaped before printing', () => {
  test('C0, DEL and C1 become visible escapes; tab and newline stay', () => {
    expect(escapeControl('a\u001b[2Jb\u0007c\rd\te\nf\u009bg\u007f')).toBe('a\\x1b[2Jb\\x07c\\rd\te\nf\\x9bg\\x7f');
  });
  test('with colour on, only our SGR colour codes are kept', () => {
    expect(safeLine('\u001b[31merror\u001b[39m \u001b]0;title\u0007', true)).toBe('\u001b[31merror\u001b[39m \\x1b]0;title\\x07');
    expect(safeLine('\u001b[31merror\u001b[39m', false)).toBe('\\x1b[31merror\\x1b[39m');
  });
});

describe('planChanges never overwrites what is not a regular file it wrote', () => {
  const plan = [file('ops/compose/caddy/Caddyfile', 'x\n'), file('README.md', 'r\n'), file('big.txt', 'b\n')];
  test('a symlink where a directory is needed, a FIFO or big file at a planned path, a directory at a file path', () => {
    const disk = new Map([
      ['ops/compose/caddy', { content: 'symlink:/elsewhere', mode: 0o777, kind: 'symlink' as const }],
      ['README.md', { content: '', mode: 0o644, kind: 'special' as const }],
      ['big.txt', { content: '', mode: 0o644, kind: 'large' as const }],
    ]);
    const byPath = Object.fromEntries(planChanges(plan, undefined, disk).map((c) => [c.path, c]));
    expect(byPath['ops/compose/caddy']).toMatchObject({ action: 'conflict', forceable: false });
    expect(byPath['README.md']).toMatchObject({ action: 'conflict', forceable: false });
    expect(byPath['big.txt']).toMatchObject({ action: 'conflict', forceable: false });
    const dirAtFile = planChanges([file('README.md', 'r\n')], undefined, new Map(), new Set(['README.md']));
    expect(dirAtFile[0]).toMatchObject({ action: 'conflict', forceable: false });
  });
  test('a user file at a planned path is not forceable; a hand-edited generated file is', () => {
    const user = planChanges([file('README.md', 'r\n')], undefined, new Map([['README.md', { content: 'mine\n', mode: 0o644 }]]));
    expect(user[0]).toMatchObject({ action: 'conflict', forceable: false });
  });
});

describe('lock liveness is pid + process start time', () => {
  test('this process with its own start time is alive; with another start time it is not', () => {
    const start = processStart(process.pid);
    if (start === null) return; // no /proc: the pid alone decides
    expect(holderAlive({ pid: process.pid, start, token: 't', started: '' })).toBe(true);
    expect(holderAlive({ pid: process.pid, start: String(Number(start) + 1), token: 't', started: '' })).toBe(false);
    expect(holderAlive({ pid: 99_999_999, start: '1', token: 't', started: '' })).toBe(false);
  });
});

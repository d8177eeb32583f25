/** --answers-file of every kind: a FIFO nobody writes to is refused at once (never a hang); a pipe from process substitution is read; a directory is named. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, EXAMPLE, runCli, workspace, type Workspace } from './helpers.js';

let ws: Workspace;
beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('answers-kinds');
});
afterAll(async () => ws?.cleanup());

describe('--answers-file kinds', () => {
  it('a FIFO without a writer: exit 2 at once, naming it', async () => {
    const fifo = join(ws.dir, 'answers.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['setup', 'wizard', '--non-interactive', '--answers-file', fifo, '--out', join(ws.dir, 'fifo-out')], { tmp: ws.tmp, timeout: 15_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`answers file ${fifo} is not a regular file`);
  });

  it('process substitution <(cat answers.yaml) is read like the file', async () => {
    const out = join(ws.dir, 'subst-out');
    const r = await execa('bash', ['-c', `'${process.execPath}' '${BIN}' setup wizard --non-interactive --no-validate --answers-file <(cat '${EXAMPLE}') --out '${out}'`], { reject: false, timeout: 30_000, env: { TMPDIR: ws.tmp } });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toContain(`wrote ${out}`);
  });

  it('a directory: exit 2 naming it', async () => {
    const r = await runCli(['setup', 'wizard', '--non-interactive', '--answers-file', ws.dir, '--out', join(ws.dir, 'dir-out')], { tmp: ws.tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`answers file ${ws.dir} is a directory`);
  });
});

/**
 * The built CLI with a hanging docker-compose first on PATH: the run ends within the tool timeout
 * (STARTER_CONSOLE_TOOL_TIMEOUT_MS) plus slack, reports the check as timed out (exit 1; exit 3 with
 * --require-tools, since the tool could not run), and leaves no scratch copy, staging directory or
 * process behind; SIGTERM or SIGHUP during the checks leaves no scratch copy either.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, exists, leftovers, ROOT, runCli, sleep, spawnCli, workspace, type Workspace } from './helpers.js';

const TIMEOUT_MS = 3_000;
const BOUND_MS = TIMEOUT_MS + 2_000 /* probe */ + 500 /* grace */ + 10_000; /* slack */
const MARKER = 'h8-e2e-hang-marker';
const ARGS = ['setup', 'wizard', '--non-interactive', '--preset', 'vps', '--answers-file', join(ROOT, 'examples', 'vps.answers.yaml')];

let ws: Workspace;
let env: Record<string, string>;

beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('tool-runner');
  const bin = join(ws.dir, 'fake-bin');
  await mkdir(bin);
  const script = `#!/bin/sh\ncase "$1" in version) echo v2.99.0; exit 0 ;; esac\nsh -c "sleep 900; : ${MARKER}" &\nwait\n`;
  await writeFile(join(bin, 'docker-compose'), script);
  await chmod(join(bin, 'docker-compose'), 0o755);
  env = {
    PATH: [bin, join(ROOT, '.tools', 'bin'), process.env.PATH ?? ''].join(delimiter),
    NO_COLOR: '1',
    STARTER_CONSOLE_TOOL_TIMEOUT_MS: String(TIMEOUT_MS),
    STARTER_CONSOLE_TOOL_PROBE_TIMEOUT_MS: '2000',
    STARTER_CONSOLE_TOOL_KILL_GRACE_MS: '500',
  };
});

afterAll(async () => {
  await ws?.cleanup();
});

function survivors(): string[] {
  return execFileSync('ps', ['-eo', 'pid,stat,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(MARKER) && !/^\s*\d+\s+Z/.test(line) && !line.includes('ps -eo'));
}

async function scratchDirs(parent: string): Promise<string[]> {
  return (await readdir(parent)).filter((name) => name.includes('.starter-scratch-'));
}

describe('a hanging docker-compose', () => {
  test('the run ends within the timeout plus slack, the check timed out, exit 1, nothing left behind', async () => {
    const out = join(await ws.sub('hang'), 'deploy');
    const started = Date.now();
    const r = await runCli([...ARGS, '--out', out], { env, tmp: ws.tmp, timeout: 60_000 });
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/FAIL docker-compose-config:.*\n\s+docker-compose timed out after 3s; it and every process it started were stopped/);
    expect(r.stderr).toMatch(/PASS caddy-validate:/);
    expect(await exists(out)).toBe(false);
    expect(await leftovers(out)).toEqual([]);
    expect(survivors()).toEqual([]);
  });

  test('with --require-tools the tool that could not run is exit 3', async () => {
    const out = join(await ws.sub('hang-require'), 'deploy');
    const started = Date.now();
    const r = await runCli([...ARGS, '--out', out, '--require-tools'], { env, tmp: ws.tmp, timeout: 60_000 });
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('timed out after 3s');
    expect(await leftovers(out)).toEqual([]);
    expect(survivors()).toEqual([]);
  });

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    test(`${signal} during the checks leaves no scratch copy and no tool process`, async () => {
      const parent = await ws.sub(`signal-${signal}`);
      const out = join(parent, 'deploy');
      // A long timeout: the signal, not the timeout, must end this run.
      const child = spawnCli([...ARGS, '--out', out], { env: { ...env, STARTER_CONSOLE_TOOL_TIMEOUT_MS: '60000' }, tmp: ws.tmp, timeout: 60_000 });
      const deadline = Date.now() + 30_000;
      while (survivors().length === 0 && Date.now() < deadline) await sleep(50);
      expect(await scratchDirs(parent), 'the checks run in a scratch copy beside --out').toHaveLength(1);
      child.kill(signal);
      const r = await child;
      expect(r.timedOut).toBe(false);
      // The CLI's own handler cleans up and exits 128 + the signal number: 143 for SIGTERM, 129 for SIGHUP.
      expect(r.exitCode, String(r.stderr)).toBe(signal === 'SIGTERM' ? 143 : 129);
      expect(await scratchDirs(parent)).toEqual([]);
      expect(survivors()).toEqual([]);
      expect(await exists(out)).toBe(false);
    });
  }
});

/** A run killed while taking the lock leaves a private lock file; the next run that takes the lock removes it. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, lockPath } from '../../src/bundle/lock.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('private lock files of killed runs', () => {
  it('are removed once the lock is held; one of a live run is kept', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lock-leftovers-'));
    const out = join(dir, 'deploy');
    const lock = lockPath(out);
    const deadPid = 2 ** 22 + 12345; // above the default pid_max: no such process
    const dead = `${lock}.${deadPid}-deab367a`;
    const deadAside = `${lock}.stale-${deadPid}-0badc0de`;
    const live = `${lock}.${process.pid}-0123abcd`;
    await writeFile(dead, '');
    await writeFile(deadAside, JSON.stringify({ pid: deadPid, start: '1', token: `${deadPid}-0badc0de`, started: '2026-01-01T00:00:00Z' }));
    await writeFile(live, '');
    const { lock: held } = await acquireLock(out);
    const names = await readdir(dir);
    expect(names).toContain('.deploy.starter-lock');
    expect(names).not.toContain(`.deploy.starter-lock.${deadPid}-deab367a`);
    expect(names).not.toContain(`.deploy.starter-lock.stale-${deadPid}-0badc0de`);
    expect(names).toContain(`.deploy.starter-lock.${process.pid}-0123abcd`);
    held.release();
  });
});

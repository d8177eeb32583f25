/**
 * Kill safety end to end (11) and Ctrl-C (12). A run stages the new bundle beside --out, swaps it
 * in with two renames, and the next run cleans up after a run that was killed: whatever moment a
 * run dies at, --out ends up as exactly the old bundle or exactly the new one.
 */
import { watch } from 'node:fs';
import { chmod, link, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contents, ensureBuilt, exists, leftovers, runCli, sleep, snapshot, spawnCli, VPS, workspace, type Workspace } from './helpers.js';

let ws: Workspace;
/** Path → mode:content of the bundle for the example answers (A) and with project_name=other-name (B). */
let bundleA: Record<string, string>;
let bundleB: Record<string, string>;
const toB = ['--var', 'project_name=other-name'];

beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('interrupt');
  const a = join(await ws.sub('ref-a'), 'deploy');
  const b = join(await ws.sub('ref-b'), 'deploy');
  const [ra, rb] = await Promise.all([runCli([...VPS, '--out', a, '--no-validate'], { tmp: ws.tmp }), runCli([...VPS, '--out', b, '--no-validate', ...toB], { tmp: ws.tmp })]);
  expect(ra.code, ra.stderr).toBe(0);
  expect(rb.code, rb.stderr).toBe(0);
  bundleA = await contents(a);
  bundleB = await contents(b);
  expect(bundleA).not.toEqual(bundleB);
});

afterAll(async () => {
  await ws?.cleanup();
});

const DEAD_PID = 99_999_999; // above any Linux pid_max, so never alive

describe('11. leftovers of a killed run', () => {
  test('stray staging directories are recognised by the lock, not by "is the pid alive": even one named after a live pid is removed', async () => {
    const parent = await ws.sub('stray-stage');
    const out = join(parent, 'deploy');
    // A dead pid, and a pid that is alive now (this test process) but did not write the stage: with
    // the lock held, no other run can be writing --out, so both are leftovers.
    const stray = join(parent, `.deploy.starter-stage-${DEAD_PID}-abc`);
    const reused = join(parent, `.deploy.starter-stage-${process.pid}-def`);
    for (const dir of [stray, reused]) {
      await mkdir(join(dir, 'ops'), { recursive: true });
      await writeFile(join(dir, 'ops', 'half-written.yml'), 'services: {');
    }
    const r = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`removed an unfinished staging directory .deploy.starter-stage-${DEAD_PID}-abc`);
    expect(await exists(stray)).toBe(false);
    expect(await exists(reused)).toBe(false);
    expect(await contents(out)).toEqual(bundleA);
    expect(await leftovers(out)).toEqual([]);
  });

  test('an old bundle left under its recovery name is restored before anything else when --out is missing', async () => {
    const parent = await ws.sub('restore-old');
    const out = join(parent, 'deploy');
    const made = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(made.code, made.stderr).toBe(0);
    await writeFile(join(out, 'notes.txt'), 'mine\n');
    const expected = await contents(out);
    // A run killed between its two renames: the old bundle moved aside, the new one not yet in place.
    await rename(out, join(parent, `.deploy.starter-old-${DEAD_PID}-xyz`));

    const r = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('restored the previous bundle');
    // Restored first, so the plan saw the old bundle: nothing to create, the user's file kept.
    expect(r.stderr).toMatch(/unchanged\s+ops\/compose\/caddy\/Caddyfile/);
    expect(r.stderr).toMatch(/keep\s+notes\.txt/);
    expect(r.stderr).not.toMatch(/^\s+create\s/m);
    expect(await contents(out)).toEqual(expected);
    expect(await leftovers(out)).toEqual([]);
  });

  test('an old copy beside a complete new bundle is removed when its journal accounts for it, and a file only it holds is moved back first', async () => {
    const parent = await ws.sub('old-and-new');
    const out = join(parent, 'deploy');
    const made = await runCli([...VPS, '--out', out, '--no-validate', ...toB], { tmp: ws.tmp });
    expect(made.code, made.stderr).toBe(0);
    // Killed while deleting the old copy: what is left of it is in the journal (path -> inode),
    // except late.txt, written into --out in the moment before the swap: the operator's only copy.
    const token = `${DEAD_PID}-abc123`;
    const old = join(parent, `.deploy.starter-old-${token}`);
    await mkdir(join(old, 'ops'), { recursive: true });
    await writeFile(join(old, 'README.md'), 'half-deleted old bundle\n');
    await writeFile(join(old, 'late.txt'), 'only copy\n');
    const accounted = { README: (await stat(join(old, 'README.md'))).ino, ops: (await stat(join(old, 'ops'))).ino };
    await writeFile(join(parent, `.deploy.starter-journal-${token}.json`), JSON.stringify({ token, accounted: { 'README.md': accounted.README, ops: accounted.ops } }));
    const r = await runCli([...VPS, '--out', out, '--no-validate', ...toB], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('moved late.txt into');
    expect(await exists(old)).toBe(false);
    expect(await readFile(join(out, 'late.txt'), 'utf8')).toBe('only copy\n');
    const { ['late.txt']: late, ...rest } = await contents(out);
    expect(late).toBe('644:only copy\n');
    expect(rest).toEqual(bundleB);
    expect(await leftovers(out)).toEqual([]);
  });

  test('an old copy without a journal that holds a file differing from the new bundle is kept, with a note, never deleted', async () => {
    const parent = await ws.sub('old-kept');
    const out = join(parent, 'deploy');
    const made = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(made.code, made.stderr).toBe(0);
    const old = join(parent, `.deploy.starter-old-${DEAD_PID}-fff000`);
    await mkdir(old);
    await writeFile(join(old, 'README.md'), 'the only copy of an edited runbook\n');
    const r = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/kept the previous bundle as .*starter-old-99999999-fff000: it holds README\.md/);
    expect(await readFile(join(old, 'README.md'), 'utf8')).toBe('the only copy of an edited runbook\n');
  });
});

describe('11. SIGKILL at random moments', () => {
  test('after every kill (52 trials) --out is exactly the old or the new bundle with the user file, and the next run leaves no leftovers', async () => {
    const parent = await ws.sub('sigkill');
    const out = join(parent, 'deploy');
    const made = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(made.code, made.stderr).toBe(0);
    // A file of the operator's, with a hard link outside the bundle: it must survive every kill
    // with its inode (so the link still holds).
    await writeFile(join(out, 'notes.txt'), 'mine\n', { mode: 0o600 });
    await link(join(out, 'notes.txt'), join(parent, 'notes-link.txt'));
    const notesIno = (await stat(join(out, 'notes.txt'))).ino;
    const withoutNotes = async (dir: string) => {
      const { ['notes.txt']: notes, ...rest } = await contents(dir);
      expect(notes, `${dir}: notes.txt`).toBe('600:mine\n');
      expect((await stat(join(dir, 'notes.txt'))).ino).toBe(notesIno);
      return rest;
    };

    // Random delays (printed on failure), and moments tied to the run's own progress: its staging
    // directory appears, its journal is written (the last step before the renames), the old bundle
    // is moved aside (which usually catches the run between its two renames).
    const tied: ('stage' | 'journal' | 'old')[] = ['stage', 'journal', 'old'];
    const moments: (number | 'stage' | 'journal' | 'old')[] = [];
    for (let i = 0; i < 52; i++) moments.push(i % 4 === 3 ? (tied[(i >> 2) % 3] ?? 'old') : Math.floor(Math.random() * 500));
    const seen: string[] = [];
    let current = bundleA;
    for (const [i, moment] of moments.entries()) {
      const [from, to, extra] = i % 2 === 0 ? [bundleA, bundleB, toB] : [bundleB, bundleA, []];
      expect(current).toEqual(from);
      const child = spawnCli([...VPS, '--out', out, '--no-validate', ...extra], { tmp: ws.tmp });
      const kill = () => child.kill('SIGKILL');
      let watcher: ReturnType<typeof watch> | undefined;
      if (typeof moment === 'number') {
        setTimeout(kill, moment);
      } else {
        watcher = watch(parent, (_event, name) => {
          if (name && String(name).startsWith(`.deploy.starter-${moment}-`)) kill();
        });
      }
      const r = await child;
      watcher?.close();
      const where = `trial ${i}, moment ${moment} (${r.signal ?? `exit ${r.exitCode}`})`;
      seen.push(where);
      expect([0, undefined], `${where}\n${String(r.stderr)}`).toContain(r.exitCode ?? undefined);

      // What a user would find now: --out, or (killed between the renames) the old bundle aside.
      const aside = (await leftovers(out)).filter((n) => n.startsWith('.deploy.starter-old-'));
      if (await exists(out)) {
        const now = await withoutNotes(out);
        const state = JSON.stringify(now) === JSON.stringify(from) ? 'old' : JSON.stringify(now) === JSON.stringify(to) ? 'new' : 'a mix';
        expect(state, `${where}: --out is ${state}`).not.toBe('a mix');
        seen[seen.length - 1] += ` -> ${state}${aside.length > 0 ? ' (+ old aside)' : ''}`;
      } else {
        expect(aside.length, `${where}: --out is gone and no old bundle was kept`).toBe(1);
        expect(await withoutNotes(join(parent, aside[0] ?? '')), `${where}: the kept bundle`).toEqual(from);
        seen[seen.length - 1] += ' -> out missing, old aside';
      }

      // The next run recovers and completes the same change.
      const next = await runCli([...VPS, '--out', out, '--no-validate', ...extra], { tmp: ws.tmp });
      expect(next.code, `${where}: next run\n${next.stderr}`).toBe(0);
      expect(await leftovers(out), where).toEqual([]);
      current = await withoutNotes(out);
      expect(current, where).toEqual(to);
    }
    if (process.env.E2E_VERBOSE) console.log(seen.join('\n')); // what each kill hit
    // Kills must have hit running processes, between the renames at least once, or the test proved little.
    expect(seen.filter((s) => s.includes('SIGKILL')).length, seen.join('\n')).toBeGreaterThan(20);
    expect(seen.some((s) => s.includes('out missing')), seen.join('\n')).toBe(true);
    expect((await stat(join(parent, 'notes-link.txt'))).nlink).toBe(2);
  }, 300_000);
});

describe('12. Ctrl-C', () => {
  test('SIGINT while the checks run exits 130, keeps the old bundle and leaves nothing behind', async () => {
    const parent = await ws.sub('sigint');
    const out = join(parent, 'deploy');
    const made = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(made.code, made.stderr).toBe(0);
    const before = await snapshot(out);

    // A caddy that answers `caddy version` but hangs on `caddy validate`: the SIGINT then always
    // lands while the checks run, after the bundle was staged and before the swap.
    const fakeBin = join(ws.dir, 'slow-caddy-bin');
    const marker = join(ws.dir, 'slow-caddy.pid');
    await mkdir(fakeBin, { recursive: true });
    await writeFile(join(fakeBin, 'caddy'), `#!/bin/sh\nif [ "$1" = version ]; then echo "v2.99.0 slow"; exit 0; fi\necho $$ > '${marker}'\nexec sleep 30\n`);
    await chmod(join(fakeBin, 'caddy'), 0o755);

    const child = spawnCli([...VPS, '--out', out, ...toB], { tmp: ws.tmp, env: { PATH: `${fakeBin}:${process.env.PATH ?? ''}` } });
    const deadline = Date.now() + 20_000;
    while (!(await exists(marker)) || (await readFile(marker, 'utf8')).trim() === '') {
      if (Date.now() > deadline) throw new Error('the slow caddy never started');
      await sleep(20);
    }
    expect((await leftovers(out)).some((n) => n.startsWith('.deploy.starter-stage-'))).toBe(true);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode, String(r.stderr)).toBe(130);
    expect(String(r.stderr)).toContain('cancelled');
    expect(String(r.stdout)).toBe('');

    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
    expect([...(await snapshot(ws.tmp)).keys()], 'scratch copies left in TMPDIR').toEqual([]);

    // The hung tool does not outlive the CLI.
    const pid = Number((await readFile(marker, 'utf8')).trim());
    const running = async () => {
      try {
        return !/^\d+ \(.*\) Z/.test(await readFile(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && (await running()); i++) await sleep(20);
    const stillRunning = await running();
    if (stillRunning) process.kill(pid, 'SIGKILL');
    expect(stillRunning).toBe(false);
  });
});

/**
 * "Nothing lost, nothing leaked, nothing hangs": --out values and bundle directories a hostile (or
 * unlucky) user gives the generator. A refused --out is left byte for byte, mode for mode, owner for
 * owner, inode for inode as it was; --adopt only adds files; two runs never write one --out at once;
 * a file written into the bundle during a run survives; FIFOs, sockets and big files neither hang
 * nor get read; file-system failures are exit 5 naming the path; signals and closed pipes end the
 * run cleanly.
 */
import { execFileSync } from 'node:child_process';
import { chmod, chown, link, lstat, mkdir, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, contents, ensureBuilt, exists, leftovers, runCli, sleep, spawnCli, VPS, workspace, type Workspace } from './helpers.js';

let ws: Workspace;
const toB = ['--var', 'project_name=other-name'];
const isRoot = process.getuid?.() === 0;

/** Every entry under dir, directories included: type, bytes, mode, owner, mtime, inode, links. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const visit = async (rel: string) => {
    const full = rel ? join(dir, rel) : dir;
    const info = await lstat(full);
    const kind = info.isDirectory() ? 'd' : info.isFile() ? 'f' : info.isSymbolicLink() ? 'l' : info.isFIFO() ? 'p' : 's';
    const body = info.isFile() && info.size < 1024 * 1024 ? (await readFile(full)).toString('base64') : '';
    out[rel || '.'] = `${kind} ${(info.mode & 0o7777).toString(8)} ${info.uid}:${info.gid} ino=${info.ino} n=${info.nlink} m=${info.mtimeMs} ${body}`;
    if (info.isDirectory()) for (const name of (await readdir(full)).sort()) await visit(rel ? `${rel}/${name}` : name);
  };
  await visit('');
  return out;
}

function canMount(): boolean {
  if (!isRoot) return false;
  try {
    const probe = join(ws.dir, 'mount-probe');
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  }
}
let mountable = false;
const mounted: string[] = [];
async function tmpfs(dir: string, size: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounted.push(dir);
}

/** A caddy that answers `caddy version` and blocks `caddy validate` until the gate file is removed. */
async function gatedCaddy(name: string): Promise<{ path: string; gate: string; started: string }> {
  const bin = join(ws.dir, `${name}-bin`);
  const gate = join(ws.dir, `${name}.gate`);
  const started = join(ws.dir, `${name}.started`);
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, 'caddy'), `#!/bin/sh\nif [ "$1" = version ]; then echo "v2.99.0 gated"; exit 0; fi\necho $$ > '${started}'\nwhile [ -e '${gate}' ]; do sleep 0.05; done\nexit 0\n`);
  await chmod(join(bin, 'caddy'), 0o755);
  await writeFile(gate, '');
  await rm(started, { force: true });
  return { path: `${bin}:${process.env.PATH ?? ''}`, gate, started };
}

async function waitFor(path: string, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await exists(path))) {
    if (Date.now() > deadline) throw new Error(`${what} never happened`);
    await sleep(20);
  }
}

beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('hostile');
  mountable = canMount();
});

afterAll(async () => {
  for (const dir of mounted.reverse()) {
    try {
      execFileSync('umount', ['-l', dir]);
    } catch {
      /* already gone */
    }
  }
  await ws?.cleanup();
});

describe('an --out the tool does not own is refused, and left exactly as it was', () => {
  async function hostileDir(name: string): Promise<string> {
    const dir = await ws.sub(name);
    await writeFile(join(dir, 'README.md'), 'my project\n');
    await mkdir(join(dir, 'empty'));
    await writeFile(join(dir, 'data.txt'), 'data\n', { mode: 0o640 });
    await link(join(dir, 'data.txt'), join(dir, 'data-link.txt'));
    await chmod(dir, 0o700);
    return dir;
  }

  test('--out . and --out .. in a repository: exit 2, not a byte, mode, owner, mtime or inode changed, and nothing beside it', async () => {
    const repo = await hostileDir('repo');
    const sub = join(repo, 'src');
    await mkdir(sub);
    const parentBefore = await readdir(join(repo, '..'));
    for (const [cwd, out] of [
      [repo, '.'],
      [sub, '..'],
      [repo, repo],
    ] as const) {
      const before = await tree(repo);
      for (const extra of [[], ['--force'], ['--dry-run'], ['--check']]) {
        const r = await runCli([...VPS, '--out', out, '--no-validate', ...extra], { cwd, tmp: ws.tmp });
        expect(r.code, `${out} ${extra.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(/refusing --out .*(current directory|parent of the current directory)/);
        expect(r.stderr).toContain('--adopt');
        expect(await tree(repo)).toEqual(before);
      }
    }
    expect(await readdir(join(repo, '..'))).toEqual(parentBefore);
  });

  test('an existing non-empty directory without a manifest: 700, sticky 1777 and other users\' files all stay as they were', async () => {
    const dir = await hostileDir('not-a-bundle');
    const sticky = await ws.sub('sticky');
    await chmod(sticky, 0o1777);
    await writeFile(join(sticky, 'theirs.txt'), 'someone else\n');
    if (isRoot) await chown(join(sticky, 'theirs.txt'), 65534, 65534);
    for (const out of [dir, sticky]) {
      const before = await tree(out);
      const siblings = await readdir(join(out, '..'));
      for (const extra of [[], ['--force']]) {
        const r = await runCli([...VPS, '--out', out, '--no-validate', ...extra], { tmp: ws.tmp });
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain('is not a starter-console bundle');
        expect(await tree(out)).toEqual(before);
        expect(await readdir(join(out, '..'))).toEqual(siblings);
      }
    }
  });

  test('the home directory and the root directory are refused', async () => {
    const home = await hostileDir('home');
    const before = await tree(home);
    const r = await runCli([...VPS, '--out', home, '--no-validate'], { tmp: ws.tmp, env: { HOME: home } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/refusing --out .*(home directory|not a starter-console bundle)/);
    expect(await tree(home)).toEqual(before);
    const root = await runCli([...VPS, '--out', '/', '--no-validate', '--adopt'], { tmp: ws.tmp });
    expect(root.code, root.stderr).toBe(2);
    expect(root.stderr).toContain('root directory');
  });

  test('a mount point is refused (a rename would fail with EBUSY); --adopt writes into it in place', async () => {
    if (!mountable) return; // needs root and tmpfs (the EBUSY mapping itself is unit-tested)
    const mnt = join(await ws.sub('mnt'), 'deploy');
    await tmpfs(mnt, '4m');
    const before = await tree(mnt);
    const r = await runCli([...VPS, '--out', mnt, '--no-validate'], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('is a mount point');
    expect(await tree(mnt)).toEqual(before);
    const adopted = await runCli([...VPS, '--out', mnt, '--no-validate', '--adopt'], { tmp: ws.tmp });
    expect(adopted.code, adopted.stderr).toBe(0);
    expect((await stat(mnt)).ino).toBe(Number(/ino=(\d+)/.exec(before['.'] ?? '')?.[1]));
    expect(await exists(join(mnt, 'starter-manifest.json'))).toBe(true);
  });

  test('--adopt adds the bundle files only: the directory and every file of the user keep inode, mode, owner and mtime; a user file in the way blocks, even with --force', async () => {
    const dir = await hostileDir('adopt');
    await chmod(dir, 0o1777);
    const before = await tree(dir);
    const blocked = await runCli([...VPS, '--out', dir, '--no-validate', '--adopt', '--force'], { tmp: ws.tmp });
    expect(blocked.code, blocked.stderr).toBe(4);
    expect(blocked.stderr).toMatch(/README\.md: not generated by starter-console/);
    expect(await tree(dir)).toEqual(before);

    await rm(join(dir, 'README.md'));
    const kept = await tree(dir);
    const r = await runCli([...VPS, '--out', dir, '--no-validate', '--adopt'], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    const after = await tree(dir);
    for (const [path, state] of Object.entries(kept)) if (path !== '.') expect(after[path], path).toBe(state);
    expect(after['.']?.split(' ').slice(0, 4)).toEqual(kept['.']?.split(' ').slice(0, 4)); // same type, mode 1777, owner, inode
    expect(JSON.parse(await readFile(join(dir, 'starter-manifest.json'), 'utf8')).adopted).toBe(true);

    // Later runs (without --adopt) update it in place too: the directory is never replaced.
    const changed = await runCli([...VPS, '--out', dir, '--no-validate', ...toB], { tmp: ws.tmp });
    expect(changed.code, changed.stderr).toBe(0);
    const again = await tree(dir);
    expect(again['.']?.split(' ').slice(0, 4)).toEqual(kept['.']?.split(' ').slice(0, 4));
    for (const [path, state] of Object.entries(kept)) if (path !== '.') expect(again[path], path).toBe(state);
    expect(await readFile(join(dir, 'ops/compose/docker-compose.prod.yml'), 'utf8')).toContain('other-name');
    expect(await leftovers(dir)).toEqual([]);
  });

  test('an owned bundle keeps the mode and owner of its directories, its empty directories and hard links across a swap', async () => {
    const out = join(await ws.sub('owned-meta'), 'deploy');
    expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
    await chmod(out, 0o750);
    await mkdir(join(out, 'empty-dir'), { mode: 0o700 });
    await chmod(join(out, 'ops'), 0o711);
    await writeFile(join(out, 'notes.txt'), 'mine\n', { mode: 0o600 });
    await link(join(out, 'notes.txt'), join(out, '..', 'notes-link'));
    const before = await tree(out);
    const r = await runCli([...VPS, '--out', out, '--no-validate', ...toB], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    const after = await tree(out);
    const meta = (s: string | undefined) => s?.split(' ').slice(0, 3).join(' ');
    expect(meta(after['.'])).toBe(meta(before['.']));
    expect(meta(after.ops)).toBe(meta(before.ops));
    expect(meta(after['empty-dir'])).toBe(meta(before['empty-dir']));
    expect(after['notes.txt']).toBe(before['notes.txt']); // same inode, link count, mtime, bytes
    expect(after['starter-answers.schema.json']).toBe(before['starter-answers.schema.json']); // unchanged generated file: linked, not rewritten
  });
});

describe('one run per --out', () => {
  test('a second run fails at once naming the holder; SIGTERM ends the first with 143, no stage and no lock left', async () => {
    const out = join(await ws.sub('lock'), 'deploy');
    expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
    const before = await contents(out);
    const caddy = await gatedCaddy('lock');
    const first = spawnCli([...VPS, '--out', out, ...toB], { tmp: ws.tmp, env: { PATH: caddy.path } });
    await waitFor(caddy.started, 'the first run reaching its checks');
    const t0 = Date.now();
    const second = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(second.code, second.stderr).toBe(2);
    expect(second.stderr).toContain(`another starter-console run (pid ${first.pid}`);
    expect(second.stderr).toContain('.deploy.starter-lock');
    first.kill('SIGTERM');
    const r = await first;
    await rm(caddy.gate, { force: true });
    expect(r.exitCode, String(r.stderr)).toBe(143);
    expect(await contents(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });

  test('a stale lock (dead pid, or a live pid with another start time) is taken over with a note', async () => {
    const parent = await ws.sub('stale-lock');
    const out = join(parent, 'deploy');
    for (const pid of [99_999_999, process.pid]) {
      await writeFile(join(parent, '.deploy.starter-lock'), JSON.stringify({ pid, start: '1', token: `${pid}-00000000`, started: '2020-01-01T00:00:00.000Z' }));
      const r = await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`took over the lock of an earlier run that is no longer running (pid ${pid}`);
      expect(await leftovers(out)).toEqual([]);
    }
  });

  test('SIGHUP exits 129 with the same clean-up', async () => {
    const out = join(await ws.sub('sighup'), 'deploy');
    expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
    const before = await contents(out);
    const caddy = await gatedCaddy('hup');
    const run = spawnCli([...VPS, '--out', out, ...toB], { tmp: ws.tmp, env: { PATH: caddy.path } });
    await waitFor(caddy.started, 'the run reaching its checks');
    expect((await leftovers(out)).some((n) => n.startsWith('.deploy.starter-stage-'))).toBe(true);
    run.kill('SIGHUP');
    const r = await run;
    await rm(caddy.gate, { force: true });
    expect(r.exitCode, String(r.stderr)).toBe(129);
    expect(await contents(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });
});

describe('files written into the bundle while a run is in progress', () => {
  test('a secret file written during the checks survives the swap (5 trials), and the run says so', async () => {
    const out = join(await ws.sub('late-file'), 'deploy');
    expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
    for (let i = 0; i < 5; i++) {
      const caddy = await gatedCaddy(`late-${i}`);
      const run = spawnCli([...VPS, '--out', out, ...(i % 2 === 0 ? toB : [])], { tmp: ws.tmp, env: { PATH: caddy.path } });
      await waitFor(caddy.started, 'the run reaching its checks');
      await writeFile(join(out, 'ops/compose/secrets', `api-${i}.env`), `SECRET_${i}=x\n`, { mode: 0o600 });
      await rm(caddy.gate);
      const r = await run;
      expect(r.exitCode, String(r.stderr)).toBe(0);
      expect(String(r.stderr)).toContain('wrote');
      expect(String(r.stderr)).toContain(`ops/compose/secrets/api-${i}.env appeared`);
      for (let j = 0; j <= i; j++) expect(await readFile(join(out, 'ops/compose/secrets', `api-${j}.env`), 'utf8')).toBe(`SECRET_${j}=x\n`);
      expect(await leftovers(out)).toEqual([]);
    }
  });

  test('a file written during the run where the bundle writes one blocks the swap (exit 4, named) and is kept', async () => {
    const out = join(await ws.sub('late-conflict'), 'deploy');
    expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
    await rm(join(out, 'README.md'));
    const caddy = await gatedCaddy('late-conflict');
    const run = spawnCli([...VPS, '--out', out], { tmp: ws.tmp, env: { PATH: caddy.path } });
    await waitFor(caddy.started, 'the run reaching its checks');
    await writeFile(join(out, 'README.md'), 'my own runbook\n');
    await rm(caddy.gate);
    const r = await run;
    expect(r.exitCode, String(r.stderr)).toBe(4);
    expect(String(r.stderr)).toMatch(/README\.md: appeared while the run was in progress/);
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe('my own runbook\n');
    expect(await leftovers(out)).toEqual([]);
  });

  test('a run with tools after one without only rewrites the report, in place: no other file changes inode or mtime', async () => {
    const out = join(await ws.sub('report-only'), 'deploy');
    expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
    const before = await tree(out);
    const r = await runCli([...VPS, '--out', out], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('updated starter-report.json in place');
    const after = await tree(out);
    for (const path of Object.keys(before)) if (path !== 'starter-report.json' && path !== '.') expect(after[path], path).toBe(before[path]);
    expect(JSON.parse(await readFile(join(out, 'starter-report.json'), 'utf8')).validated).toBe(true);
    expect((await runCli([...VPS, '--out', out, '--check'], { tmp: ws.tmp })).code).toBe(0);
  });
});

describe('FIFOs, sockets and big files in the bundle directory', () => {
  test('generate, validate and --dry-run all end, never read them, and leave them as they were', async () => {
    const out = join(await ws.sub('special'), 'deploy');
    expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
    execFileSync('mkfifo', [join(out, 'pipe'), join(out, 'ops', 'pipe2')]);
    const server = createServer();
    await new Promise<void>((r) => server.listen(join(out, 'sock'), r));
    await truncate(join(out, 'big.bin'), 600 * 1024 * 1024).catch(async () => {
      await writeFile(join(out, 'big.bin'), '');
      await truncate(join(out, 'big.bin'), 600 * 1024 * 1024);
    });
    const special = ['pipe', 'ops/pipe2', 'sock', 'big.bin'];
    const state = async () => Object.fromEntries(await Promise.all(special.map(async (p) => [p, await lstat(join(out, p)).then((s) => `${s.ino} ${s.mode} ${s.size} ${s.mtimeMs}`)])));
    const before = await state();
    try {
      for (const args of [
        [...VPS, '--out', out, '--no-validate', ...toB],
        ['validate', out],
        [...VPS, '--out', out, '--dry-run'],
        [...VPS, '--out', out, '--no-validate'],
      ]) {
        const r = await runCli(args, { tmp: ws.tmp, timeout: 20_000 });
        expect(r.timedOut, args.join(' ')).toBe(false);
        expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
        expect(r.stderr).toContain('pipe is a FIFO: not read');
        expect(r.stderr).toContain('big.bin is larger than 8 MiB: not read');
        expect(await state()).toEqual(before);
      }
    } finally {
      server.close();
    }
  });

  test('a symlinked directory where the bundle writes files is a conflict (exit 4), not an internal error; --force does not follow it', async () => {
    const out = join(await ws.sub('symlink-dir'), 'deploy');
    expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
    const elsewhere = await ws.sub('elsewhere');
    await rm(join(out, 'ops/compose/caddy'), { recursive: true });
    execFileSync('ln', ['-s', elsewhere, join(out, 'ops/compose/caddy')]);
    for (const extra of [[], ['--force']]) {
      const r = await runCli([...VPS, '--out', out, '--no-validate', ...extra], { tmp: ws.tmp });
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain('ops/compose/caddy: is a symbolic link where the bundle needs a directory');
      expect(await readdir(elsewhere)).toEqual([]);
    }
  });
});

describe('errors a user can act on', () => {
  test('ENOTDIR and ENAMETOOLONG paths: exit 5 naming the path', async () => {
    const dir = await ws.sub('paths');
    await writeFile(join(dir, 'a-file'), 'x');
    const notDir = await runCli([...VPS, '--out', join(dir, 'a-file', 'deploy'), '--no-validate'], { tmp: ws.tmp });
    expect(notDir.code, notDir.stderr).toBe(5);
    expect(notDir.stderr).toContain(`${join(dir, 'a-file', 'deploy')}: a part of the path is a file, not a directory (ENOTDIR)`);
    const long = join(dir, 'x'.repeat(300));
    const tooLong = await runCli([...VPS, '--out', long, '--no-validate'], { tmp: ws.tmp });
    expect(tooLong.code, tooLong.stderr).toBe(5);
    expect(tooLong.stderr).toContain('(ENAMETOOLONG)');
    expect(tooLong.stderr).toContain('xxxxxxxx');
    expect(tooLong.stderr).not.toContain('internal error');
  });

  test('a read-only parent: exit 5 naming the path, the bundle untouched', async () => {
    const parent = await ws.sub('ro');
    const out = join(parent, 'deploy');
    if (mountable) {
      await tmpfs(parent, '4m');
      expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
      execFileSync('mount', ['-o', 'remount,ro', parent]);
    } else {
      expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
      await chmod(parent, 0o555);
    }
    try {
      const before = await tree(parent);
      for (const extra of [[], toB]) {
        const r = await runCli([...VPS, '--out', out, '--no-validate', ...extra], { tmp: ws.tmp });
        if (!mountable && isRoot) return; // root ignores directory permissions: nothing to prove without a mount
        expect(r.code, r.stderr).toBe(5);
        expect(r.stderr).toMatch(/\.deploy\.starter-lock.*(read-only file system \(EROFS\)|permission denied \(EACCES\))/);
        expect(await tree(parent)).toEqual(before);
      }
      // Reading still works: --check and validate need no write access.
      expect((await runCli([...VPS, '--out', out, '--check'], { tmp: ws.tmp })).code).toBe(0);
    } finally {
      if (mountable) execFileSync('mount', ['-o', 'remount,rw', parent]);
      else await chmod(parent, 0o755);
    }
  });

  test('a full disk (ENOSPC): exit 5, the old bundle untouched, no stage left', async () => {
    if (!mountable) return; // needs root and tmpfs; the ENOSPC mapping itself is unit-tested
    const parent = await ws.sub('full');
    await tmpfs(parent, '1m');
    const out = join(parent, 'deploy');
    expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
    const before = await contents(out);
    // Fill the disk, leaving room for the lock but not for a new bundle.
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${join(parent, 'filler')}`, 'bs=4k'], { stdio: 'pipe' });
    } catch {
      /* dd stops at ENOSPC */
    }
    await truncate(join(parent, 'filler'), (await stat(join(parent, 'filler'))).size - 32 * 1024);
    const r = await runCli([...VPS, '--out', out, '--no-validate', ...toB], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain('no space left on the device (ENOSPC)');
    expect(await contents(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });

  test("--out '' and an empty validate directory are usage errors with a sentence, not a zod dump", async () => {
    const r = await runCli([...VPS, '--out', ''], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--out must name a directory');
    expect(r.stderr).not.toMatch(/"code"|too_small|internal error/);
    const v = await runCli(['validate', ''], { tmp: ws.tmp });
    expect(v.code, v.stderr).toBe(2);
  });

  test('validate on a hand-broken starter-answers.yaml: exit 2 naming the file', async () => {
    const out = join(await ws.sub('broken-answers'), 'deploy');
    expect((await runCli([...VPS, '--out', out, '--no-validate'], { tmp: ws.tmp })).code).toBe(0);
    await writeFile(join(out, 'starter-answers.yaml'), 'project_name: [unclosed\n  : :\n');
    const r = await runCli(['validate', out], { tmp: ws.tmp });
    expect(r.code, r.stderr).toBe(2);
    // The same reader as --answers-file: the file, line and column, never the file's text.
    expect(r.stderr).toMatch(/is not valid YAML: .*starter-answers\.yaml, line \d+, column \d+/);
    expect(r.stderr).not.toContain('[unclosed');
  });

  test('`| head -1` ends quietly with the run\'s own exit code (EPIPE on stderr and on stdout)', async () => {
    const out = join(await ws.sub('epipe'), 'deploy');
    const cli = `'${process.execPath}' '${BIN}' ${VPS.map((a) => `'${a}'`).join(' ')} --out '${out}' --no-validate`;
    for (const [command, code] of [
      [`${cli} 2>&1 | head -1`, 0],
      [`${cli} --json | head -1`, 0],
      [`${cli} --var project_name=BAD 2>&1 | head -1`, 2],
      [`${cli} --var 'project_name=other-name' 2>&1 | (sleep 0.3; head -c 0)`, 0],
    ] as const) {
      const text = execFileSync('bash', ['-c', `${command}; echo "rc=\${PIPESTATUS[0]}"`], { encoding: 'utf8', env: { ...process.env, TMPDIR: ws.tmp } });
      expect(text, command).toContain(`rc=${code}`);
      expect(text).not.toMatch(/EPIPE|at .*\.js:\d+|internal error/);
    }
  });

  test('control characters in keys and paths are escaped before they reach the terminal', async () => {
    const out = join(await ws.sub('ansi'), 'deploy');
    const r = await runCli([...VPS, '--out', out, '--no-validate', '--var', 'evil\u001b]0;pwned\u0007key=1', '--var', 'project_name=\u001b[2Jx'], { tmp: ws.tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stderr).toContain('\\x1b');
  });
});

/**
 * The tool runner against misbehaving tools: fake docker-compose, caddy, helm and terraform as small
 * shell scripts first on PATH (the real ones stay reachable in .tools/bin, the runner's fallback).
 * Every run must end within its timeout plus slack, report the failure on the check it concerns, and
 * leave no process it started behind. The only timing assertion is that bound (generous slack).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { runChecks, type CheckRunInput } from '../../src/checks/runner.js';
import type { ToolCheck } from '../../src/checks/types.js';
import { resolveContract } from '../../src/targets/contract.js';
import { TARGETS } from '../targets.js';
import { K8S_ANSWERS, VPS_ANSWERS } from '../fixtures.js';
import { requireOrSkip } from '../real-tools.js';

const LIMITS = { timeoutMs: 2_000, probeTimeoutMs: 1_000, graceMs: 500 };
/** The bound the issue asks for: timeout (+ probe timeout, + grace) plus generous slack. */
const BOUND_MS = LIMITS.probeTimeoutMs + LIMITS.timeoutMs + LIMITS.graceMs + 10_000;

const root = mkdtempSync(join(tmpdir(), 'starter-console-fake-tools-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
let fakeBin: string;
let scratchParent: string;
const savedPath = process.env.PATH;

beforeEach(() => {
  const dir = join(root, String(++n));
  fakeBin = join(dir, 'bin');
  scratchParent = join(dir, 'parent');
  mkdirSync(fakeBin, { recursive: true });
  mkdirSync(scratchParent, { recursive: true });
  process.env.PATH = [fakeBin, savedPath].join(delimiter);
});
afterEach(() => {
  process.env.PATH = savedPath;
});

/** A fake tool: `version` answers like the real one unless the script handles it first. */
function fake(name: string, body: string, version = 'v2.99.0'): void {
  const script = `#!/bin/sh\n# fake ${name} for starter-console tests\ncase "$1" in version|--version) [ -n "${version}" ] && { echo "${version}"; exit 0; } ;; esac\n${body}\n`;
  writeFileSync(join(fakeBin, name), script);
  chmodSync(join(fakeBin, name), 0o755);
}

/** Processes (not zombies) whose command line mentions the fake bin dir or the marker. */
function survivors(marker: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,pgid,stat,args'], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((line) => (line.includes(marker) || line.includes(fakeBin)) && !/^\s*\d+\s+\d+\s+Z/.test(line) && !line.includes('ps -eo'));
}

function bundle(answers: Record<string, unknown>, includeSecrets = false) {
  const resolved = resolveContract([{ source: 'test', values: answers }]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  const built = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets });
  return { contract: resolved.contract, files: built.files, target: TARGETS[resolved.contract.target] };
}

async function run(answers: Record<string, unknown>, options: { only?: string[]; tools?: ToolCheck[]; requireTools?: boolean; includeSecrets?: boolean } = {}) {
  const b = bundle(answers, options.includeSecrets);
  const tools = options.tools ?? b.target.toolChecks(b.contract).filter((t) => !options.only || options.only.includes(t.id));
  const input: CheckRunInput = { files: b.files, embedded: [], tools, requireTools: options.requireTools ?? false, scratch: { parentDir: scratchParent, outName: 'deploy' }, limits: LIMITS };
  const started = Date.now();
  const result = await runChecks(input);
  const elapsed = Date.now() - started;
  const byId = Object.fromEntries(result.results.map((r) => [r.id, r]));
  return { ...result, byId, elapsed };
}

function expectCleanEnd(elapsed: number, marker: string): void {
  expect(elapsed, 'the run ends within the timeout plus slack').toBeLessThan(BOUND_MS);
  expect(survivors(marker), 'processes the run started are still running').toEqual([]);
  expect(readdirSync(scratchParent), 'scratch directories left beside the bundle').toEqual([]);
}

const tools = requireOrSkip('docker-compose', 'caddy', 'helm');

describe('a tool that hangs', () => {
  it('in a grandchild that keeps the pipes open: the check times out, the whole group is killed', async () => {
    fake('docker-compose', 'sh -c "sleep 900; : h8-marker-hang-a" &\nwait');
    const r = await run(VPS_ANSWERS, { only: ['docker-compose-config'] });
    expect(r.byId['docker-compose-config']).toMatchObject({ status: 'fail' });
    expect(r.byId['docker-compose-config']?.detail).toMatch(/^docker-compose timed out after 2s; it and every process it started were stopped/);
    expect(r.toolProblem).toBe(false);
    expectCleanEnd(r.elapsed, 'h8-marker-hang-a');
  });

  it('ignoring SIGTERM: SIGKILL after the grace period ends it', async () => {
    fake('docker-compose', "trap '' TERM\nsh -c \"trap '' TERM; sleep 900; : h8-marker-hang-b\" &\nwait; wait");
    const r = await run(VPS_ANSWERS, { only: ['docker-compose-config'], requireTools: true });
    expect(r.byId['docker-compose-config']?.detail).toContain('timed out after 2s');
    // --require-tools: a tool that could not run is a tool problem (exit 3).
    expect(r.toolProblem).toBe(true);
    expectCleanEnd(r.elapsed, 'h8-marker-hang-b');
  });

  it('that exited but left a background process holding its pipes: judged by its exit, nothing left running', async () => {
    fake('docker-compose', 'sh -c "sleep 900; : h8-marker-bg" &\necho not-json\nexit 0');
    const r = await run(VPS_ANSWERS, { only: ['docker-compose-config'] });
    expect(r.byId['docker-compose-config']).toMatchObject({ status: 'fail', detail: 'docker compose config did not print JSON' });
    expectCleanEnd(r.elapsed, 'h8-marker-bg');
  });

  it('in its version probe: "found but failed", and the next candidate (the real tool in .tools/bin) runs the check', async () => {
    fake('caddy', 'sh -c "sleep 900; : h8-marker-probe"', '');
    const r = await run(VPS_ANSWERS, { only: ['caddy-validate'] });
    const check = r.byId['caddy-validate'];
    if (tools.skip) return;
    expect(check?.status, check?.detail).toBe('pass');
    expect(check?.detail).toMatch(/^ok \(caddy v?2\.[^;]*; skipped .*\/bin\/caddy: found but failed: `caddy version` did not answer within 1s\)$/);
    expectCleanEnd(r.elapsed, 'h8-marker-probe');
  });
});

describe('a tool that crashes or fails', () => {
  it('killed by a signal: the check fails naming the signal', async () => {
    fake('caddy', 'kill -SEGV $$');
    const r = await run(VPS_ANSWERS, { only: ['caddy-validate'] });
    expect(r.byId['caddy-validate']).toMatchObject({ status: 'fail', detail: 'caddy was killed by SIGSEGV' });
    expectCleanEnd(r.elapsed, 'h8-none');
  });

  it('exit 139 (a crashed child of a shell): the check fails with the code and its signal', async () => {
    fake('caddy', 'echo "Segmentation fault" >&2\nexit 139');
    const r = await run(VPS_ANSWERS, { only: ['caddy-validate'] });
    expect(r.byId['caddy-validate']?.status).toBe('fail');
    expect(r.byId['caddy-validate']?.detail).toBe('Segmentation fault\ncaddy exited with code 139 (SIGSEGV)');
  });

  it('nothing printed and exit 1: fails, saying so', async () => {
    fake('caddy', 'exit 1');
    const r = await run(VPS_ANSWERS, { only: ['caddy-validate'] });
    expect(r.byId['caddy-validate']).toMatchObject({ status: 'fail', detail: 'caddy exited with code 1' });
  });

  it('helm printing to stdout and exiting 1 fails helm-lint (no interpret can turn a non-zero exit into a pass)', async () => {
    fake('helm', 'echo "==> Linting starter"\necho "1 chart(s) linted, 1 chart(s) failed"\nexit 1', 'v3.99.0');
    const r = await run(K8S_ANSWERS, { only: ['helm-lint', 'helm-template'] });
    expect(r.byId['helm-lint']?.status).toBe('fail');
    expect(r.byId['helm-lint']?.detail).toContain('1 chart(s) failed');
    expect(r.byId['helm-template']?.status).toBe('fail');
  });

  it('an interpret that finds nothing wrong cannot pass a non-zero exit', async () => {
    fake('terraform', 'echo "all good" \nexit 2', 'Terraform v1.99.0');
    const check: ToolCheck = { id: 'tf', title: 'terraform', tool: 'terraform', args: ['validate'], cwd: '.', interpret: () => [] };
    const r = await run(VPS_ANSWERS, { tools: [check] });
    expect(r.byId.tf).toMatchObject({ status: 'fail', detail: 'terraform exited with code 2:\nall good' });
  });

  it('garbage with control characters, exit 0 and exit 1: fails, the escapes shown escaped', async () => {
    fake('docker-compose', String.raw`printf '\033[2J\033[31mgarbage\r\007\n'`);
    fake('caddy', String.raw`printf '\033]0;pwned\007\033[1mbroken\033[0m\n' >&2; exit 1`);
    const r = await run(VPS_ANSWERS, { only: ['docker-compose-config', 'caddy-validate'] });
    expect(r.byId['docker-compose-config']).toMatchObject({ status: 'fail', detail: 'docker compose config did not print JSON' });
    const caddy = r.byId['caddy-validate'];
    expect(caddy?.status).toBe('fail');
    expect(caddy?.detail).toBe('\\e]0;pwned\\u0007\\e[1mbroken\\e[0m\ncaddy exited with code 1');
    for (const result of r.results) expect(result.detail).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('100 MB of output: the check fails on the cap, kept output stays at 1 MiB per stream', async () => {
    fake('docker-compose', 'head -c 104857600 /dev/zero | tr "\\0" x\nexit 0');
    const r = await run(VPS_ANSWERS, { only: ['docker-compose-config'] });
    const detail = r.byId['docker-compose-config']?.detail ?? '';
    expect(r.byId['docker-compose-config']?.status).toBe('fail');
    expect(detail).toBe('docker-compose printed more than the 1 MiB kept on stdout (99 MiB more dropped)');
    expectCleanEnd(r.elapsed, 'h8-none');
  });
});

describe('discovery', () => {
  it('broken and silent candidates are "found but failed"; with none working the check is a SKIP naming each (a failure with --require-tools)', async () => {
    const second = join(fakeBin, '..', 'bin2');
    mkdirSync(second);
    fake('terraform', 'echo "terraform: cannot load plugins" >&2\nexit 1', '');
    writeFileSync(join(second, 'terraform'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(second, 'terraform'), 0o755);
    // Only the two fakes (this machine may have a real terraform elsewhere on PATH).
    process.env.PATH = [fakeBin, second].join(delimiter);
    const check: ToolCheck = { id: 'tf', title: 'terraform', tool: 'terraform', args: ['validate'], cwd: '.' };
    const skipped = await run(VPS_ANSWERS, { tools: [check] });
    expect(skipped.byId.tf?.status).toBe('skip');
    expect(skipped.byId.tf?.detail).toBe(
      `terraform not usable: ${join(fakeBin, 'terraform')}: found but failed: \`terraform version\` exited with code 1: terraform: cannot load plugins; ` +
        `${join(second, 'terraform')}: found but failed: \`terraform version\` printed no version; install Terraform 1.x`,
    );
    expect(skipped.toolProblem).toBe(false);
    const required = await run(VPS_ANSWERS, { tools: [check], requireTools: true });
    expect(required.byId.tf?.status).toBe('fail');
    expect(required.toolProblem).toBe(true);
  });

  it('a Compose v1 first on PATH is passed over for the next candidate', async () => {
    fake('docker-compose', 'exit 0', '1.29.2');
    const r = await run(VPS_ANSWERS, { only: ['docker-compose-config'] });
    if (tools.skip) return;
    expect(r.byId['docker-compose-config']?.status, r.byId['docker-compose-config']?.detail).toBe('pass');
    expect(r.byId['docker-compose-config']?.detail).toContain('found but failed: version 1.29.2 is not Compose v2');
  });
});

describe('scratch copies', () => {
  it('hold placeholders, never the secret values, with --include-secrets; and live beside the bundle', async () => {
    // The fake prints what compose would read: the env files of the scratch copy, and where it runs.
    fake('docker-compose', 'pwd >&2; cat secrets/*.env >&2; exit 1');
    const r = await run(VPS_ANSWERS, { only: ['docker-compose-config'], includeSecrets: true });
    const detail = r.byId['docker-compose-config']?.detail ?? '';
    expect(detail).toContain('DATABASE_URL=placeholder-database_url');
    expect(detail).not.toContain('s3cret-sentinel');
    // The scratch path is shown as '.' in details; the fake saw it relative to the parent given.
    expect(detail.split('\n')[0]).toBe('./ops/compose');
    expect(readdirSync(scratchParent)).toEqual([]);
  });

  it('a check that takes no placeholders gets no copy of the secret files', async () => {
    fake('caddy', 'ls secrets >&2; exit 1');
    const r = await run(VPS_ANSWERS, { only: ['caddy-validate'], includeSecrets: true });
    const listed = (r.byId['caddy-validate']?.detail ?? '').split('\n');
    expect(listed).toContain('api.env.example');
    expect(listed).not.toContain('api.env');
  });
});

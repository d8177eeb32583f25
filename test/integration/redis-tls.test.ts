/**
 * The local Redis's TLS, for real: the GENERATED make-tls.sh run with the host's openssl, its
 * certificate checked the way the API will check it, and (when redis-server is on the machine) a
 * redis-server started with the generated flags, password and certificates on loopback.
 *
 * redis-server and redis-cli come from PATH or from scripts/install-tools.sh (unpacked into .tools,
 * no root), gated like the other real tools; openssl and python3 are the host's own.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { resolveContract } from '../../src/targets/contract.js';
import { layer, VPS_ANSWERS } from '../fixtures.js';
import { composeValue, requireOrSkip, scratchDir } from '../real-tools.js';
import { TARGETS } from '../targets.js';

const PASSWORD = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
// Gated like the other real tools: missing ones SKIP with the reason, and fail under REQUIRE_REAL_TOOLS=1.
const hostGate = requireOrSkip('openssl', 'bash');
const redisGate = requireOrSkip('redis-server', 'redis-cli');
const pythonGate = requireOrSkip('python3');
const skipTls = hostGate.label;
const skipServer = skipTls || redisGate.label;

const scratch = scratchDir('redis-tls');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function bundleFiles() {
  const resolved = resolveContract([layer(VPS_ANSWERS)]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: false }).files;
}

function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}) {
  const result = spawnSync(command, args, { cwd: options.cwd, encoding: 'utf8', input: options.input, timeout: 30_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: scratch, ...options.env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Write the generated make-tls.sh into a fresh copy of ops/compose/redis/ and return that directory. */
function writeMakeTls(name: string): string {
  const script = bundleFiles().find((f) => f.path === 'ops/compose/redis/make-tls.sh');
  if (!script) throw new Error('the bundle has no ops/compose/redis/make-tls.sh');
  const dir = join(scratch, name, 'ops/compose/redis');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'make-tls.sh'), script.content);
  chmodSync(join(dir, 'make-tls.sh'), script.mode);
  return dir;
}

const mode = (path: string) => statSync(path).mode & 0o777;
const bytes = (dir: string) => ['ca.crt', 'server.crt', 'server.key'].map((f) => readFileSync(join(dir, 'tls', f), 'utf8'));

describe.skipIf(hostGate.skip)(`the generated make-tls.sh${skipTls}`, () => {
  let dir: string;
  beforeAll(() => {
    dir = writeMakeTls('make-tls');
  });

  it('creates a CA and a server certificate for DNS:redis that verify strictly, with safe modes', () => {
    const first = run(join(dir, 'make-tls.sh'), [], { cwd: scratch });
    expect(first.status, first.stderr).toBe(0);
    const tls = join(dir, 'tls');
    const verify = run(hostGate.path('openssl'), ['verify', '-x509_strict', '-CAfile', join(tls, 'ca.crt'), join(tls, 'server.crt')]);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toContain(': OK');
    const text = run(hostGate.path('openssl'), ['x509', '-noout', '-text', '-in', join(tls, 'server.crt')]).stdout;
    expect(text).toMatch(/DNS:redis\b/);
    expect(text).toContain('DNS:localhost');
    expect(text).toContain('IP Address:127.0.0.1');
    expect(text).toContain('TLS Web Server Authentication');
    // Valid for 825 days from now (give or take the test's own runtime).
    const end = run(hostGate.path('openssl'), ['x509', '-noout', '-enddate', '-in', join(tls, 'server.crt')]).stdout.replace('notAfter=', '').trim();
    const days = (Date.parse(end) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(824);
    expect(days).toBeLessThanOrEqual(825);
    expect(mode(tls)).toBe(0o700);
    expect(mode(join(tls, 'server.key'))).toBe(0o600);
    expect(mode(join(tls, 'ca.crt'))).toBe(0o644);
    expect(mode(join(tls, 'server.crt'))).toBe(0o644);
    // The CA key and the work files are gone: only the three files remain.
    expect(run('ls', ['-A', tls]).stdout.split('\n').filter(Boolean).sort()).toEqual(['ca.crt', 'server.crt', 'server.key']);
    expect(run('ls', ['-A', dir]).stdout.split('\n').filter(Boolean).sort()).toEqual(['make-tls.sh', 'tls']);
  });

  it('does nothing on a second run, replaces everything with --force, and refuses a partial set', () => {
    const before = bytes(dir);
    const again = run(join(dir, 'make-tls.sh'), []);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing to do');
    expect(bytes(dir)).toEqual(before);

    const forced = run(join(dir, 'make-tls.sh'), ['--force']);
    expect(forced.status, forced.stderr).toBe(0);
    const after = bytes(dir);
    after.forEach((content, i) => expect(content).not.toBe(before[i]));
    expect(run(hostGate.path('openssl'), ['verify', '-x509_strict', '-CAfile', join(dir, 'tls/ca.crt'), join(dir, 'tls/server.crt')]).status).toBe(0);

    rmSync(join(dir, 'tls/server.crt'));
    const partial = run(join(dir, 'make-tls.sh'), []);
    expect(partial.status).toBe(1);
    expect(partial.stderr).toContain('--force');
    expect(run(join(dir, 'make-tls.sh'), ['--bogus']).status).toBe(2);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Map the container paths of the generated command onto the scratch copy of the tls directory. */
function onHost(text: string, tls: string, port: number): string {
  return text.replaceAll('/run/redis-tls', tls).replaceAll('/run/redis-key', tls).replaceAll('-p 6379', `-p ${port}`);
}

describe.skipIf(hostGate.skip || redisGate.skip)(`redis-server with the generated flags and certificates on loopback${skipServer}`, () => {
  let server: ChildProcess | undefined;
  let tls: string;
  let port: number;
  let compose: { command: string[]; healthcheck: string[] };
  let log = '';
  let redisServer: string;
  let redisCli: string;

  beforeAll(async () => {
    redisServer = redisGate.path('redis-server');
    redisCli = redisGate.path('redis-cli');
    const dir = writeMakeTls('loopback');
    expect(run(join(dir, 'make-tls.sh'), []).status).toBe(0);
    tls = join(dir, 'tls');
    port = await freePort();
    const composeFile = bundleFiles().find((f) => f.path === 'ops/compose/docker-compose.prod.yml')?.content ?? '';
    const redis = (parse(composeFile) as { services: Record<string, { command: string[]; healthcheck: { test: string[] } }> }).services.redis;
    if (!redis) throw new Error('the compose file has no redis service');
    compose = { command: redis.command.map(composeValue), healthcheck: redis.healthcheck.test.map(composeValue) };
    // The server's arguments exactly as the container's shell expands them (the password from the env).
    const script = compose.command[2] ?? '';
    const tail = script.slice(script.indexOf('exec docker-entrypoint.sh redis-server ') + 'exec docker-entrypoint.sh redis-server '.length);
    const expanded = run('sh', ['-c', `for a in ${tail}; do printf '%s\\0' "$a"; done`], { env: { REDIS_PASSWORD: PASSWORD } }).stdout;
    const args = expanded.split('\0').filter(Boolean).map((a) => onHost(a, tls, port));
    expect(args).toContain(PASSWORD);
    // Only the port and the data directory differ from the container (later flags win in redis-server).
    server = spawn(redisServer, [...args, '--tls-port', String(port), '--dir', join(scratch, 'loopback'), '--save', '', '--repl-diskless-sync-delay', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!/Ready to accept connections/.test(log)) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });

  const cli = (args: string[], env: Record<string, string> = {}) => run(redisCli, ['-h', '127.0.0.1', '-p', String(port), ...args], { env });

  it('answers PING over TLS with the password and the private CA', () => {
    const ping = cli(['--tls', '--cacert', join(tls, 'ca.crt'), '-a', PASSWORD, '--no-auth-warning', 'ping']);
    expect(ping.stdout.trim(), ping.stderr).toBe('PONG');
  });

  it('refuses a client without the password, and has no plain-text port', () => {
    expect(cli(['--tls', '--cacert', join(tls, 'ca.crt'), 'ping']).stdout).toMatch(/NOAUTH/);
    const plain = cli(['-a', PASSWORD, '--no-auth-warning', 'ping']);
    expect(plain.stdout.trim()).not.toBe('PONG');
  });

  it('passes the generated healthcheck, which takes the password from REDISCLI_AUTH', () => {
    expect(compose.healthcheck[0]).toBe('CMD-SHELL');
    const check = run('sh', ['-c', onHost(compose.healthcheck[1] ?? '', tls, port)], { env: { REDIS_PASSWORD: PASSWORD } });
    expect(check.status, check.stderr).toBe(0);
    expect(run('sh', ['-c', onHost(compose.healthcheck[1] ?? '', tls, port)], { env: { REDIS_PASSWORD: 'wrong' } }).status).not.toBe(0);
  });

  it.skipIf(pythonGate.skip)(`accepts the API's TLS check: public trust plus ssl_ca_certs, host name redis${pythonGate.label}`, () => {
    const python = pythonGate.path('python3');
    // What redis-py does with rediss://...?ssl_ca_certs=: ssl.create_default_context() + load_verify_locations,
    // host name checked against the URL's host (redis). VERIFY_X509_STRICT is Python 3.13's default.
    const probe = [
      'import socket, ssl, sys',
      'ctx = ssl.create_default_context()',
      'ctx.load_verify_locations(cafile=sys.argv[1])',
      'ctx.verify_flags |= getattr(ssl, "VERIFY_X509_STRICT", 0)',
      'with socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=5) as raw:',
      '    with ctx.wrap_socket(raw, server_hostname=sys.argv[4]) as s:',
      '        s.sendall(b"*2\\r\\n$4\\r\\nAUTH\\r\\n$%d\\r\\n%s\\r\\n*1\\r\\n$4\\r\\nPING\\r\\n" % (len(sys.argv[3]), sys.argv[3].encode()))',
      '        data = b""',
      '        while data.count(b"\\r\\n") < 2:',
      '            data += s.recv(100)',
      '        print(data.decode().replace("\\r\\n", " ").strip())',
    ].join('\n');
    const result = run(python, ['-c', probe, join(tls, 'ca.crt'), String(port), PASSWORD, 'redis']);
    expect(result.stdout.trim(), result.stderr).toBe('+OK +PONG');
    // The certificate is for redis (and loopback), not for any other service name.
    const otherName = run(python, ['-c', probe, join(tls, 'ca.crt'), String(port), PASSWORD, 'api']);
    expect(otherName.status).not.toBe(0);
    expect(otherName.stderr).toMatch(/CERTIFICATE_VERIFY_FAILED|Hostname mismatch/);
  });

  it('gives backup.sh an RDB snapshot through the generated redis-cli command', () => {
    const backup = bundleFiles().find((f) => f.path === 'ops/compose/backup/backup.sh')?.content ?? '';
    const snapshot = /compose exec -T redis sh -c '([^']*)'/.exec(backup)?.[1];
    expect(snapshot).toBeDefined();
    const rdb = spawnSync('sh', ['-c', onHost(snapshot ?? '', tls, port).replaceAll('/tmp/backup.rdb', join(scratch, 'backup.rdb'))], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', REDIS_PASSWORD: PASSWORD },
      timeout: 30_000,
    });
    expect(rdb.status, rdb.stderr.toString()).toBe(0);
    expect(rdb.stdout.subarray(0, 5).toString()).toBe('REDIS');
  });
});

/**
 * The generated Caddyfile routes real HTTP requests as the BFF contract says (seed OPS-001): on the
 * app host every path, /api and everything under it included, reaches the web app; the API host
 * reaches the API; an unknown host reaches neither.
 *
 * How: `caddy adapt` turns the GENERATED Caddyfile into JSON; only the parts that need a network and
 * certificates are rewritten (listen addresses -> 127.0.0.1:<free port>, automatic HTTPS and the TLS
 * app off, admin endpoint off, upstream dial addresses web:3000 / api:8000 -> two stub servers on
 * loopback). Routes, matchers, hosts and headers stay exactly as adapted; the test checks that too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { resolveContract } from '../../src/targets/contract.js';
import { layer, VPS_ANSWERS } from '../fixtures.js';
import { requireOrSkip, runTool, scratchDir } from '../real-tools.js';
import { TARGETS } from '../targets.js';

const APP_HOST = 'app.example.com';
const API_HOST = 'api.example.com';
const CADDYFILE = 'ops/compose/caddy/Caddyfile';
const STARTUP_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 5_000;

type Json = Record<string, unknown>;
interface Hit {
  upstream: string;
  path: string;
  host: string | undefined;
}
interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  probe.close();
  await once(probe, 'close');
  return port;
}

function stub(name: string, hits: Hit[]): Server {
  return createServer((req, res) => {
    const hit = { upstream: name, path: req.url ?? '', host: req.headers.host };
    hits.push(hit);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(hit));
  });
}

function get(port: number, host: string, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host }, agent: false, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET http://${host}${path} via 127.0.0.1:${port} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Replace every upstream `dial` with its loopback stub; any other upstream is a surprise. */
function rewriteDials(node: unknown, dials: Record<string, string>): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteDials(item, dials);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Json;
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'dial' && typeof value === 'string') {
      const target = dials[value];
      if (!target) throw new Error(`unexpected upstream ${value} in the adapted Caddyfile`);
      obj[key] = target;
    } else {
      rewriteDials(value, dials);
    }
  }
}

/** Routes with the dial addresses blanked: what must not change between the adapted and the run config. */
function routeShape(servers: Record<string, Json>): string {
  return JSON.stringify(Object.values(servers).map((s) => s.routes), (key, value: unknown) => (key === 'dial' ? '<dial>' : value));
}

function hostsOf(server: Json): string[] {
  const routes = (server.routes ?? []) as { match?: { host?: string[] }[] }[];
  return routes.flatMap((r) => (r.match ?? []).flatMap((m) => m.host ?? []));
}

const gate = requireOrSkip('caddy');

describe.skipIf(gate.skip)(`the generated Caddyfile routes real requests on loopback${gate.label}`, () => {
  const hits: Hit[] = [];
  const stubs: Server[] = [];
  let dir = '';
  let caddyProcess: ChildProcess | undefined;
  let caddyLog = '';
  /** Listener port of the server that holds each site host; every server's port for unknown hosts. */
  const portOfHost = new Map<string, number>();
  const serverPorts: number[] = [];
  let adaptedShape = '';
  let runShape = '';

  beforeAll(async () => {
    const caddy = gate.path('caddy');
    dir = scratchDir('caddy-loopback');

    const resolved = resolveContract([layer({ ...VPS_ANSWERS, api_public_url: `https://${API_HOST}` })]);
    if (!resolved.ok) throw new Error(`fixture does not resolve: ${JSON.stringify(resolved.problems)}`);
    const bundle = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: '0.0.0-test', includeSecrets: false });
    const caddyfile = bundle.files.find((f) => f.path === CADDYFILE)?.content;
    if (!caddyfile) throw new Error(`${CADDYFILE} is not in the bundle`);
    writeFileSync(join(dir, 'Caddyfile'), caddyfile);

    const webPort = await listen(stubs[stubs.push(stub('web', hits)) - 1] as Server);
    const apiPort = await listen(stubs[stubs.push(stub('api', hits)) - 1] as Server);

    const adapt = await runTool(caddy, ['adapt', '--adapter', 'caddyfile', '--config', join(dir, 'Caddyfile')], { cwd: dir, timeoutMs: 15_000 });
    if (adapt.exitCode !== 0) throw new Error(`caddy adapt failed:\n${adapt.stderr}`);
    const config = JSON.parse(adapt.stdout) as Json & { apps: { http: { servers: Record<string, Json> }; tls?: unknown } };
    const servers = config.apps.http.servers;
    adaptedShape = routeShape(servers);

    // Only what needs the network or certificates changes.
    config.admin = { disabled: true };
    config.storage = { module: 'file_system', root: join(dir, 'data') };
    delete config.apps.tls;
    for (const name of Object.keys(servers).sort()) {
      const server = servers[name] as Json;
      const port = await freePort();
      serverPorts.push(port);
      server.listen = [`127.0.0.1:${port}`];
      server.automatic_https = { disable: true };
      delete server.tls_connection_policies;
      for (const host of hostsOf(server)) portOfHost.set(host, port);
    }
    rewriteDials(servers, { 'web:3000': `127.0.0.1:${webPort}`, 'api:8000': `127.0.0.1:${apiPort}` });
    runShape = routeShape(servers);
    const configPath = join(dir, 'caddy.json');
    writeFileSync(configPath, JSON.stringify(config, null, 2));

    const child = spawn(caddy, ['run', '--config', configPath], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    caddyProcess = child;
    child.stdout?.on('data', (chunk: Buffer) => (caddyLog += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (caddyLog += chunk.toString()));

    // Ready when every listener answers (a host no site has reaches no stub).
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (const port of serverPorts) {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`caddy exited with ${child.exitCode} before answering:\n${caddyLog}`);
        try {
          await get(port, 'readiness.invalid', '/');
          break;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`caddy did not answer on 127.0.0.1:${port} within ${STARTUP_TIMEOUT_MS} ms (${(error as Error).message}):\n${caddyLog}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
    expect(hits, 'readiness probes reached a stub').toEqual([]);
  });

  afterAll(async () => {
    const child = caddyProcess;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    for (const server of stubs) {
      server.closeAllConnections();
      server.close();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function via(host: string, path: string): Promise<{ reply: Reply; hit: Hit | undefined }> {
    const port = portOfHost.get(host);
    if (port === undefined) throw new Error(`no server of the adapted config has a route for ${host}`);
    const before = hits.length;
    const reply = await get(port, host, path);
    expect(hits.length - before, `requests that reached a stub for ${host}${path}`).toBeLessThanOrEqual(1);
    return { reply, hit: hits[before] };
  }

  it('only listeners, TLS, admin and upstream addresses were changed (routes, matchers and hosts as adapted)', () => {
    expect(runShape).toBe(adaptedShape);
    expect([...portOfHost.keys()].sort()).toEqual([API_HOST, APP_HOST]);
  });

  it.each(['/', '/api', '/api/v1/anything?x=1', '/dashboard'])('app host %s reaches the web app (BFF), path intact', async (path) => {
    const { reply, hit } = await via(APP_HOST, path);
    expect(reply.status).toBe(200);
    expect(hit).toEqual({ upstream: 'web', path, host: APP_HOST });
    expect(JSON.parse(reply.body)).toEqual(hit);
  });

  it.each(['/health/ready', '/api/v1/anything?x=1'])('API host %s reaches the API', async (path) => {
    const { reply, hit } = await via(API_HOST, path);
    expect(reply.status).toBe(200);
    expect(hit).toEqual({ upstream: 'api', path, host: API_HOST });
  });

  it('an unknown host reaches neither the web app nor the API', async () => {
    for (const port of serverPorts) {
      const before = hits.length;
      const reply = await get(port, 'unknown.example.net', '/api/v1/anything');
      expect(hits.length, `a stub was reached through 127.0.0.1:${port}`).toBe(before);
      expect(reply.body).not.toMatch(/"upstream"/);
    }
  });

  it.each([APP_HOST, API_HOST])('%s answers with the security headers of the Caddyfile and without a Server header', async (host) => {
    const { reply } = await via(host, '/');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(reply.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(reply.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(reply.headers.server).toBeUndefined();
  });
});

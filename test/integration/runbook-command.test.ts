/**
 * The runbook's own commands, taken from the generated README and checked with the real
 * `docker compose config`:
 * - the "bring it up" command resolves the dedicated worker topology (seed OPS-002): the API with both
 *   billing flags false, the worker with both true and the dedicated mode;
 * - for every vps golden case, the deploy sequence of "First deploy" and "Upgrade" is: (pull,) the
 *   local data services up and healthy, the migrations in a one-off api container, then the full up;
 *   every service those commands name exists in the resolved configuration;
 * - the local Redis resolves as TLS only with a password, its tls directory mounted read-only and
 *   only ca.crt mounted into the api and worker.
 * This is what an operator runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { resolveContract } from '../../src/targets/contract.js';
import { parseDotenv } from '../../src/render/dotenv.js';
import { layer, VPS_ANSWERS } from '../fixtures.js';
import { composeValue, requireOrSkip } from '../real-tools.js';
import { TARGETS } from '../targets.js';

const gate = requireOrSkip('docker-compose');
const scratch = mkdtempSync(join(tmpdir(), 'starter-runbook-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const casesDir = join(import.meta.dirname, '..', 'golden', 'cases');
const vpsCases = readdirSync(casesDir).filter((f) => f.startsWith('vps-') && f.endsWith('.yaml')).sort();
const MIGRATE = ['run', '--rm', '--no-deps', 'api', 'alembic', '-c', 'alembic.ini', 'upgrade', 'heads'];

/** Write a bundle, with every secret file a generated example describes but the bundle does not hold. */
function writeBundle(name: string, values: Record<string, unknown>, includeSecrets: boolean) {
  const resolved = resolveContract([layer(values)]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  const bundle = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets });
  const dir = join(scratch, name);
  const paths = new Set(bundle.files.map((f) => f.path));
  for (const f of bundle.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
    const real = f.path.endsWith('.env.example') ? f.path.slice(0, -'.example'.length) : undefined;
    if (real && !paths.has(real)) {
      writeFileSync(join(dir, real), [...parseDotenv(f.content).keys()].map((key) => `${key}=test-${key.toLowerCase()}\n`).join(''));
    }
  }
  const readme = bundle.files.find((f) => f.path === 'README.md')?.content ?? '';
  return { dir, readme, contract: resolved.contract, files: bundle.files };
}

/** The `docker compose ...` lines of one `## ` section of the runbook, as argument lists after `docker compose`. */
function sectionCommands(readme: string, heading: string): string[][] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`the runbook has no "## ${heading}" section`);
  const next = readme.indexOf('\n## ', start + 1);
  return readme
    .slice(start, next < 0 ? undefined : next)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('docker compose '))
    .map((l) => l.split(/\s+/).slice(2));
}

/** The `docker compose ... up -d --wait` line of the runbook, as an argument list after `docker compose`. */
function upCommandArgs(readme: string): string[] {
  const up = sectionCommands(readme, 'First deploy').find((args) => args.slice(-3).join(' ') === 'up -d --wait');
  if (!up) throw new Error('the runbook has no `docker compose ... up -d --wait` line');
  return up;
}

type Volume = { type?: string; source?: string; target?: string; read_only?: boolean };
type Service = { environment?: Record<string, string>; command?: string[]; volumes?: Volume[] };
type Config = { services: Record<string, Service> };

/** The global options (`-f FILE`) of a command, before its subcommand. */
function globalArgs(args: string[]): string[] {
  const sub = args.findIndex((a, i) => !a.startsWith('-') && args[i - 1] !== '-f');
  return args.slice(0, sub);
}

function resolvedConfig(dir: string, commandArgs: string[]): Config {
  const args = [...globalArgs(commandArgs), 'config', '--format', 'json'];
  const output = execFileSync(gate.path('docker-compose'), args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: scratch } });
  return JSON.parse(output) as Config;
}

interface Step {
  kind: 'pull' | 'data-up' | 'migrate' | 'up' | 'other';
  args: string[];
  /** The services the command names. */
  services: string[];
}

function step(args: string[]): Step {
  const rest = args.slice(globalArgs(args).length);
  if (rest.join(' ') === 'pull') return { kind: 'pull', args, services: [] };
  if (rest.slice(0, 3).join(' ') === 'up -d --wait') {
    const services = rest.slice(3);
    if (services.some((s) => s.startsWith('-'))) return { kind: 'other', args, services: services.filter((s) => !s.startsWith('-')) };
    return { kind: services.length > 0 ? 'data-up' : 'up', args, services };
  }
  if (rest[0] === 'run') return { kind: 'migrate', args, services: [rest.find((a, i) => i > 0 && !a.startsWith('-')) ?? ''] };
  return { kind: 'other', args, services: [] };
}

describe.skipIf(gate.skip)(`the runbook's up command${gate.label}`, () => {
  it('gives the dedicated worker topology when enable_worker is on', () => {
    const { dir, readme } = writeBundle('worker', { ...VPS_ANSWERS, enable_worker: true }, true);
    const config = resolvedConfig(dir, upCommandArgs(readme));
    expect(config.services.api?.environment).toMatchObject({ ENABLE_BILLING_RETRY_WORKER: 'false', ENABLE_BILLING_STREAM_REPLAY: 'false' });
    expect(config.services.worker?.environment).toMatchObject({
      ENABLE_BILLING_RETRY_WORKER: 'true',
      ENABLE_BILLING_STREAM_REPLAY: 'true',
      BILLING_RETRY_DEPLOYMENT_MODE: 'dedicated',
    });
  });

  it('gives one process with billing on the API when enable_worker is off', () => {
    const { dir, readme } = writeBundle('inline', { ...VPS_ANSWERS, enable_worker: false }, true);
    const config = resolvedConfig(dir, upCommandArgs(readme));
    expect(config.services.worker).toBeUndefined();
    expect(config.services.api?.environment).toMatchObject({ ENABLE_BILLING_RETRY_WORKER: 'true', ENABLE_BILLING_STREAM_REPLAY: 'true', BILLING_RETRY_DEPLOYMENT_MODE: 'inline' });
  });
});

describe.skipIf(gate.skip)(`the runbook's deploy sequence on every vps golden case${gate.label}`, () => {
  for (const caseFile of vpsCases) {
    const name = caseFile.replace(/\.yaml$/, '');
    const values = () => parse(readFileSync(join(casesDir, caseFile), 'utf8')) as Record<string, unknown>;

    it(`${name}: data services, then migrations in a one-off api container, then the full up (first deploy and upgrade)`, () => {
      const { dir, readme, contract } = writeBundle(name, values(), false);
      const localData = [contract.local_postgres && 'postgres', contract.local_redis && 'redis'].filter((s): s is string => typeof s === 'string');
      const expected = (leading: Step['kind'][]) => [...leading, ...(localData.length > 0 ? ['data-up' as const] : []), 'migrate', 'up'];
      const first = sectionCommands(readme, 'First deploy').map(step).filter((s) => s.kind !== 'other');
      const upgrade = sectionCommands(readme, 'Upgrade').map(step).filter((s) => s.kind !== 'other');
      expect(first.map((s) => s.kind), 'First deploy').toEqual(expected([]));
      expect(upgrade.map((s) => s.kind), 'Upgrade').toEqual(expected(['pull']));

      const config = resolvedConfig(dir, upCommandArgs(readme));
      for (const s of [...first, ...upgrade]) {
        expect(globalArgs(s.args), s.args.join(' ')).toEqual(globalArgs(upCommandArgs(readme)));
        for (const service of s.services) expect(Object.keys(config.services), `${s.args.join(' ')} names ${service}`).toContain(service);
        if (s.kind === 'data-up') expect(s.services).toEqual(localData);
        if (s.kind === 'migrate') expect(s.args.slice(globalArgs(s.args).length)).toEqual(MIGRATE);
      }
    });

    it(`${name}: a local Redis resolves TLS only with a password, and only its CA reaches the api and worker`, () => {
      const { dir, readme, contract, files } = writeBundle(`${name}-redis`, values(), false);
      const config = resolvedConfig(dir, upCommandArgs(readme));
      const caMounts = (service: string) => (config.services[service]?.volumes ?? []).filter((v) => v.type === 'bind');
      if (!contract.local_redis) {
        expect(config.services.redis).toBeUndefined();
        expect(caMounts('api')).toEqual([]);
        return;
      }
      const redis = config.services.redis;
      const script = composeValue(redis?.command?.[2]);
      expect(redis?.command?.slice(0, 2)).toEqual(['sh', '-c']);
      expect(script).toMatch(/exec docker-entrypoint\.sh redis-server .*--port 0 --tls-port 6379 /);
      expect(script).toMatch(/ --appendonly yes --requirepass "\$REDIS_PASSWORD"$/);
      expect(redis?.volumes).toContainEqual(expect.objectContaining({ type: 'bind', source: join(dir, 'ops/compose/redis/tls'), target: '/run/redis-tls', read_only: true }));
      for (const service of contract.enable_worker ? ['api', 'worker'] : ['api']) {
        expect(caMounts(service), service).toEqual([
          expect.objectContaining({ source: join(dir, 'ops/compose/redis/tls/ca.crt'), target: '/run/redis-tls/ca.crt', read_only: true }),
        ]);
      }
      // The REDIS_URL the operator is told to use trusts exactly the mounted CA.
      const hint = files.find((f) => f.path === 'ops/compose/secrets/api.env.example')?.content ?? '';
      expect(hint).toContain('# rediss://:<REDIS_PASSWORD>@redis:6379/0?ssl_ca_certs=/run/redis-tls/ca.crt\nREDIS_URL=');
    });
  }
});

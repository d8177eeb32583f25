/** The VPS target's local Redis decisions, as pure functions and the plan they give. */
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { resolveContract } from '../../src/targets/contract.js';
import { parseDotenv } from '../../src/render/dotenv.js';
import { localRedisPassword } from '../../src/targets/vps/redis.js';
import { layer, VPS_ANSWERS } from '../fixtures.js';
import { TARGETS } from '../targets.js';

function plan(values: Record<string, unknown>, includeSecrets: boolean) {
  const resolved = resolveContract([layer(values)]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets }).files;
}

describe('local Redis on the VPS', () => {
  it('reads the password of a local rediss URL, and nothing else', () => {
    expect(localRedisPassword('rediss://:abc123@redis:6379/0?ssl_ca_certs=/run/redis-tls/ca.crt')).toBe('abc123');
    expect(localRedisPassword('rediss://:p%40ss@redis:6379/0')).toBe('p@ss');
    expect(localRedisPassword('redis://:abc123@redis:6379/0')).toBeUndefined();
    expect(localRedisPassword('rediss://:abc123@cache.example.com:6379/0')).toBeUndefined();
    expect(localRedisPassword('rediss://redis:6379/0')).toBeUndefined();
    expect(localRedisPassword('not a url')).toBeUndefined();
    expect(localRedisPassword(undefined)).toBeUndefined();
  });

  it('writes secrets/redis.env with --include-secrets from the password in REDIS_URL, so the two agree', () => {
    const url = 'rediss://:0123456789abcdef@redis:6379/0?ssl_ca_certs=/run/redis-tls/ca.crt';
    const files = plan({ ...VPS_ANSWERS, api_secrets: { ...(VPS_ANSWERS.api_secrets as object), REDIS_URL: url } }, true);
    const redisEnv = files.find((f) => f.path === 'ops/compose/secrets/redis.env');
    expect(redisEnv?.kind).toBe('secret');
    expect(redisEnv?.mode).toBe(0o600);
    expect(parseDotenv(redisEnv?.content ?? '').get('REDIS_PASSWORD')).toBe('0123456789abcdef');
    // Without --include-secrets, or without a password to take, only the example.
    expect(plan({ ...VPS_ANSWERS, api_secrets: { ...(VPS_ANSWERS.api_secrets as object), REDIS_URL: url } }, false).map((f) => f.path)).not.toContain('ops/compose/secrets/redis.env');
    // A passwordless local Redis is accepted only in dev (outside dev REDIS_URL must carry a password).
    const noPassword = plan({ ...VPS_ANSWERS, environment: 'dev', api_secrets: { ...(VPS_ANSWERS.api_secrets as object), REDIS_URL: 'redis://redis:6379/0' } }, true).map((f) => f.path);
    expect(noPassword).not.toContain('ops/compose/secrets/redis.env');
    expect(noPassword).toContain('ops/compose/secrets/redis.env.example');
    // The fixture's REDIS_URL carries a password: it is the one redis.env gets.
    const fromFixture = plan(VPS_ANSWERS, true).find((f) => f.path === 'ops/compose/secrets/redis.env');
    expect(parseDotenv(fromFixture?.content ?? '').get('REDIS_PASSWORD')).toBe('s3cret-sentinel-redis');
  });

  it('plans no Redis files with a managed Redis', () => {
    const paths = plan({ ...VPS_ANSWERS, local_redis: false }, true).map((f) => f.path);
    expect(paths.filter((p) => p.includes('redis'))).toEqual([]);
  });
});

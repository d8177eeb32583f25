/**
 * Property (DESIGN.md "Testing"): random strings in every free-text field of the contract are either
 * rejected by `resolveContract` (with a problem on that key) or come back unchanged through the real
 * parser of every output they land in:
 *   - starter-answers.yaml and the compose file, read with the `yaml` library (secrets are redacted);
 *   - `docker-compose -f docker-compose.prod.yml config --format json` (real compose v2) for the
 *     VPS stack: resolved names, images and service environments (secrets with --include-secrets);
 *   - every generated env file (`*.env`, `*.env.example`), read by real compose and by our own
 *     reader of that file's format, which must agree exactly: `parseDotenv` for the quoted VPS files,
 *     `plainEnvValues` (the docker CLI --env-file rules) for the plain files of the other target.
 * Caddyfile values (acme_email, the hosts of app_public_url / api_public_url) go through `caddy adapt`.
 * Each run batches ~25 random env values into one bundle; runs are seeded, so CI is reproducible.
 * PROP_STATS=1 prints how many values of each field were accepted and rejected.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/bundle/answers-file.js';
import { buildBundle } from '../../src/bundle/build.js';
import { ANSWERS_PATH } from '../../src/bundle/manifest.js';
import type { PlannedFile } from '../../src/bundle/plan.js';
import { resolveContract } from '../../src/targets/contract.js';
import { plainEnvValueProblem } from '../../src/targets/other/rules.js';
import { parseDotenv } from '../../src/render/dotenv.js';
import { plainEnvValues } from '../../src/render/plain-env.js';
import { layer, OTHER_ANSWERS, VPS_ANSWERS } from '../fixtures.js';
import { composeReadsEnvFiles, composeValue, requireOrSkip, runTool, scratchDir, writeTree } from '../real-tools.js';
import { TARGETS } from '../targets.js';

const SEED = 20_251_121;
const NUM_RUNS = { vps: 20, other: 15 };

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Characters that break naive quoting, escapes and interpolation, plus non-ASCII and control characters. */
const NASTY_UNITS = [
  "'", '"', '$', '{', '}', '#', '\\', ' ', '=', '`', '%', '!', '~', '*', '?', '&', ';', '|', '<', '>', '(', ')', '[', ']',
  '\n', '\t', '\r', '\u0000', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff',
  'é', 'ß', 'ü', '中', '😀', 'a', 'Z', '0', '-', '.', '_', ':', '/', '@',
  '$$', '${X}', '$HOME', '\\$', "\\'", '\\"', '\\\\', '\\n', '\\t', ' #', "'\\''", 'yes', 'null', '- ', ': ', '&a', '*a', '!!str',
];
const nastyUnit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_UNITS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: nastyUnit, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
);
/** Mostly values of the right shape (so that most are accepted), some near misses, some noise. */
const shaped = (valid: fc.Arbitrary<string>, nearMisses: readonly string[]) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...nearMisses) }, { weight: 2, arbitrary: nastyString });

const projectName = shaped(fc.stringMatching(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/), ['Acme', 'ab', 'acme_saas', 'acme saas', '-acme', 'acme-', '1acme']);
const bucketName = shaped(fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/), ['Acme-Bucket', 'ab', 'bucket_1', '.bucket', 'bucket.']);
const secretName = shaped(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_./:-]{0,254}$/), [
  'projects/p1/secrets/auth-keyset',
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:auth',
  'kv/data/starter',
  '-leading',
  'with space',
  'a$b',
]);
const imageComponent = fc.stringMatching(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/);
const image = shaped(
  fc
    .tuple(
      fc.option(fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]{1,5})?$/), { nil: undefined }),
      fc.array(imageComponent, { minLength: 1, maxLength: 3 }),
      fc.oneof(
        fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/).map((tag) => `:${tag}`),
        fc.stringMatching(/^[a-f0-9]{64}$/).map((digest) => `@sha256:${digest}`),
        fc.constant(''),
      ),
    )
    .map(([registry, path, suffix]) => `${registry ? `${registry}/` : ''}${path.join('/')}${suffix}`),
  ['GHCR.io/acme/api:1.0', 'ghcr.io/acme/api:', 'ghcr.io/acme/api:latest', 'api@sha256:abc', 'ghcr.io//api:1', 'api:1 ', 'api:${TAG}'],
);
const host = fc.oneof(
  { weight: 4, arbitrary: fc.domain() },
  {
    weight: 1,
    arbitrary: fc.constantFrom('localhost', 'APP.Example.COM', 'bücher.example', '127.0.0.1', '[::1]', 'app.example.com.', 'a_b.example.com', '{x}.example.com', 'xn--bcher-kva.example', 'app.example.com:8443'),
  },
  { weight: 1, arbitrary: nastyString },
);
const urlPath = fc.oneof(fc.constant(''), fc.constant('/'), fc.webPath(), nastyString.map((p) => `/${p}`));
const url = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('https', 'http'), fc.domain()).map(([scheme, h]) => `${scheme}://${h}`) },
  { weight: 2, arbitrary: fc.webUrl({ validSchemes: ['http', 'https'], authoritySettings: { withPort: true, withUserInfo: true } }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('http', 'https', 'HTTPS', 'ftp'), host, urlPath).map(([scheme, h, p]) => `${scheme}://${h}${p}`) },
  { weight: 1, arbitrary: nastyString },
);
const email = shaped(
  fc.oneof(
    fc.emailAddress(),
    fc.tuple(fc.stringMatching(/^[A-Za-z0-9._%+-]{1,20}$/), fc.domain()).map(([local, domain]) => `${local}@${domain}`),
  ),
  ['ops%tag@example.com', 'OPS@example.com', 'ops@EXAMPLE.com', 'ops@example', 'o{p}s@example.com', 'ops @example.com', '"ops"@example.com'],
);

/** Env maps with fixed names (names are not free text) and random values; secrets are never empty-checked here. */
function envMap(prefix: string, count: number): fc.Arbitrary<Record<string, string>> {
  return fc
    .array(nastyString, { minLength: count, maxLength: count })
    .map((values) => Object.fromEntries(values.map((value, index) => [`${prefix}_${String(index).padStart(2, '0')}`, value])));
}

type Answers = Record<string, unknown>;
type MapKey = 'api_env' | 'web_env' | 'api_secrets' | 'web_secrets';
const MAP_KEYS: readonly MapKey[] = ['api_env', 'web_env', 'api_secrets', 'web_secrets'];
const SECRET_MAPS: readonly MapKey[] = ['api_secrets', 'web_secrets'];

interface Sample {
  fixed: Answers;
  scalars: Record<string, string>;
  maps: Record<MapKey, Record<string, string>>;
}

const maps = fc.record({
  api_env: envMap('PROP_API', 8),
  web_env: envMap('PROP_WEB', 6),
  // DATABASE_URL and REDIS_URL are free text too (a secret value or reference).
  api_secrets: fc
    .tuple(envMap('PROP_API_SECRET', 3), nastyString, nastyString)
    .map(([rest, db, redis]) => ({ ...rest, DATABASE_URL: db, REDIS_URL: redis })),
  web_secrets: envMap('PROP_WEB_SECRET', 3),
});

const vpsSample: fc.Arbitrary<Sample> = fc.record({
  fixed: fc.record({ environment: fc.constantFrom('dev', 'prod'), storage_provider: fc.constantFrom('s3', 'minio') }),
  scalars: fc.record({
    project_name: projectName,
    acme_email: email,
    storage_bucket_name: bucketName,
    auth_key_secret_name: secretName,
    api_image: image,
    web_image: image,
    worker_image: image,
    caddy_image: image,
    postgres_image: image,
    redis_image: image,
    minio_image: image,
    app_public_url: url,
    api_public_url: url,
    api_base_url: url,
  }),
  maps,
});

/** What each storage provider needs besides the bucket (the fixture's gcp_project_id covers gcs). */
const OTHER_STORAGE_SETTINGS: Record<string, Answers> = {
  s3: { s3_region: 'eu-west-1' },
  gcs: {},
  azure_blob: { azure_blob_account_url: 'https://acmesaas.blob.core.windows.net' },
};

const otherSample: fc.Arbitrary<Sample> = fc.record({
  fixed: fc
    .record({ environment: fc.constantFrom('dev', 'prod'), storage_provider: fc.constantFrom('s3', 'gcs', 'azure_blob') })
    .map((fixed) => ({ ...fixed, ...OTHER_STORAGE_SETTINGS[fixed.storage_provider] })),
  scalars: fc.record({
    project_name: projectName,
    storage_bucket_name: bucketName,
    auth_key_secret_name: secretName,
    api_image: image,
    web_image: image,
    worker_image: image,
    app_public_url: url,
    api_base_url: url,
  }),
  maps,
});

// ---------------------------------------------------------------------------------------------
// Resolution: every problem must name a randomized key; rejected keys fall back to the fixture
// ---------------------------------------------------------------------------------------------

interface Accepted {
  answers: Answers;
  scalars: Record<string, string>;
  maps: Record<MapKey, Record<string, string>>;
  rejected: Set<string>;
}

function randomizedKeys(sample: Sample): Set<string> {
  return new Set([...Object.keys(sample.scalars), ...MAP_KEYS.flatMap((m) => Object.keys(sample.maps[m]).map((name) => `${m}.${name}`))]);
}

function resolveSample(base: Answers, sample: Sample) {
  const randomized = randomizedKeys(sample);
  const rejected = new Set<string>();
  for (let attempt = 0; attempt < 4; attempt++) {
    const answers: Answers = { ...base, ...sample.fixed };
    for (const [key, value] of Object.entries(sample.scalars)) if (!rejected.has(key)) answers[key] = value;
    for (const m of MAP_KEYS) {
      const entries = { ...((base[m] as Record<string, string> | undefined) ?? {}) };
      for (const [name, value] of Object.entries(sample.maps[m])) if (!rejected.has(`${m}.${name}`)) entries[name] = value;
      answers[m] = entries;
    }
    const result = resolveContract([layer(answers)]);
    if (result.ok) {
      const scalars = Object.fromEntries(Object.entries(sample.scalars).filter(([key]) => !rejected.has(key)));
      const kept = Object.fromEntries(
        MAP_KEYS.map((m) => [m, Object.fromEntries(Object.entries(sample.maps[m]).filter(([name]) => !rejected.has(`${m}.${name}`)))]),
      ) as Record<MapKey, Record<string, string>>;
      return { result, accepted: { answers, scalars, maps: kept, rejected } satisfies Accepted };
    }
    for (const problem of result.problems) {
      // A value may only be rejected with a problem on its own key (never on a fixed, valid one).
      expect(randomized.has(problem.key), `problem on a key that was not randomized: ${JSON.stringify(problem)}`).toBe(true);
      rejected.add(problem.key);
    }
  }
  throw new Error('resolution did not settle after dropping the rejected keys');
}

// ---------------------------------------------------------------------------------------------
// Checks shared by both targets
// ---------------------------------------------------------------------------------------------

const isEnvFile = (path: string) => /\.env(\.example)?$/.test(path);

function checkAnswersFile(files: readonly PlannedFile[], accepted: Accepted): void {
  const content = files.find((f) => f.path === ANSWERS_PATH)?.content;
  expect(content, `${ANSWERS_PATH} is planned`).toBeDefined();
  const parsed = parseYaml(content ?? '') as Answers;
  for (const [key, value] of Object.entries(accepted.scalars)) expect(parsed[key], `${ANSWERS_PATH}: ${key}`).toBe(value);
  for (const m of MAP_KEYS) {
    const map = (parsed[m] ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(accepted.maps[m])) {
      expect(map[name], `${ANSWERS_PATH}: ${m}.${name}`).toBe(SECRET_MAPS.includes(m) ? REDACTED : value);
    }
  }
}

/** The key property: for every env file we write, our reader of its format gives exactly what real compose reads. */
async function checkEnvFilesAgainstCompose(
  compose: string,
  root: string,
  files: readonly PlannedFile[],
  reader: (content: string) => Map<string, string>,
): Promise<Map<string, Map<string, string>>> {
  const envFiles = files.filter((f) => isEnvFile(f.path));
  const read = await composeReadsEnvFiles(compose, root, envFiles.map((f) => f.path));
  for (const f of envFiles) {
    expect(Object.fromEntries(read.get(f.path) ?? []), `compose and ${reader.name} disagree on ${f.path}`).toEqual(Object.fromEntries(reader(f.content)));
  }
  return read;
}

function expectEnv(actual: Map<string, string> | Record<string, unknown> | undefined, expected: Record<string, string>, where: string): void {
  const get = (name: string) => (actual instanceof Map ? actual.get(name) : actual?.[name] === undefined ? undefined : composeValue(actual[name]));
  for (const [name, value] of Object.entries(expected)) expect(get(name), `${where}: ${name}`).toBe(value);
}

interface Counts {
  accepted: Map<string, number>;
  rejected: Map<string, number>;
}
const newCounts = (): Counts => ({ accepted: new Map(), rejected: new Map() });
/** What no env file can carry: control characters (one line only) and unpaired UTF-16 surrogates. */
// Controls (C0, DEL, C1), unpaired surrogates and non-characters: the contract refuses them in every value.
const UNCARRIABLE = /[\u0000-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|\p{Cs}|[\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}]/u;
/** The contract's plain-env hygiene rule: a URL with a password belongs in the secrets. */
const URL_WITH_PASSWORD = /:\/\/[^/\s:@]+:[^/\s@]+@/;

function count(counts: Counts, sample: Sample, accepted: Accepted, target: 'vps' | 'other' = 'vps'): void {
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const key of randomizedKeys(sample)) {
    const group = key.includes('.') ? key.slice(0, key.indexOf('.')) : key;
    bump(accepted.rejected.has(key) ? counts.rejected : counts.accepted, group);
  }
  // Env values are free text: the contract may only refuse what an env file cannot carry.
  for (const m of MAP_KEYS) {
    for (const [name, value] of Object.entries(sample.maps[m])) {
      if (!accepted.rejected.has(`${m}.${name}`)) continue;
      const legitimate =
        UNCARRIABLE.test(value) ||
        (SECRET_MAPS.includes(m) ? value === '' : URL_WITH_PASSWORD.test(value)) ||
        // The other target's plain env files: what docker --env-file and compose env_file read differently.
        (target === 'other' && plainEnvValueProblem(name, value) !== undefined);
      expect(legitimate, `${m}.${name} = ${JSON.stringify(value)} was rejected although an env file can carry it`).toBe(true);
    }
  }
}
/** Guard against a vacuous property: every randomized field was accepted at least a few times. */
function expectAcceptedEnough(counts: Counts, keys: readonly string[]): void {
  if (process.env.PROP_STATS) console.log(JSON.stringify({ accepted: Object.fromEntries(counts.accepted), rejected: Object.fromEntries(counts.rejected) }));
  for (const key of keys) expect(counts.accepted.get(key) ?? 0, `accepted values of ${key}`).toBeGreaterThanOrEqual(3);
}

function build(result: ReturnType<typeof resolveSample>['result'], accepted: Accepted): PlannedFile[] {
  if (!result.ok) throw new Error('unreachable');
  // The contract keeps accepted values as given (no trimming or normalising).
  const contract = result.contract as unknown as Answers;
  for (const [key, value] of Object.entries(accepted.scalars)) expect(contract[key], `contract: ${key}`).toBe(value);
  for (const m of MAP_KEYS) expect(contract[m], `contract: ${m}`).toMatchObject(accepted.maps[m]);
  return buildBundle({ contract: result.contract, target: TARGETS[result.contract.target], preset: result.preset, answers: result.answers, version: '0.0.0-test', includeSecrets: true }).files;
}

// ---------------------------------------------------------------------------------------------
// VPS
// ---------------------------------------------------------------------------------------------

/** A local MinIO needs the API's MinIO credentials among the secrets. */
const VPS_MINIO_ANSWERS: Answers = {
  ...VPS_ANSWERS,
  api_secrets: { ...(VPS_ANSWERS.api_secrets as Record<string, string>), MINIO_ACCESS_KEY: 'starter-minio', MINIO_SECRET_KEY: 'minio-secret-sentinel' },
};

const gate = requireOrSkip('docker-compose');

describe.skipIf(gate.skip)(`free-text contract values round-trip through the real parsers${gate.label}`, () => {
  let compose: string;
  let root: string;
  beforeAll(() => {
    compose = gate.path('docker-compose');
    root = scratchDir('property-bundle');
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('vps: answers file, compose file, docker compose config and every env file', async () => {
    const counts = newCounts();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(vpsSample, async (sample) => {
        const base = sample.fixed.storage_provider === 'minio' ? VPS_MINIO_ANSWERS : VPS_ANSWERS;
        const { result, accepted } = resolveSample(base, sample);
        count(counts, sample, accepted);
        if (!result.ok) return;
        const c = result.contract;
        const files = build(result, accepted);
        const dir = join(root, `vps-${run++}`);
        writeTree(dir, files);

        checkAnswersFile(files, accepted);

        // The compose file, read by the yaml library.
        const composePath = 'ops/compose/docker-compose.prod.yml';
        const composeYaml = parseYaml(files.find((f) => f.path === composePath)?.content ?? '') as {
          name: string;
          services: Record<string, { image: string }>;
        };
        const images: Record<string, string> = { api: c.api_image, web: c.web_image, worker: c.worker_image, caddy: c.caddy_image ?? '' };
        if (c.local_postgres) images.postgres = c.postgres_image ?? '';
        if (c.local_redis) images.redis = c.redis_image ?? '';
        if (c.storage_provider === 'minio') images.minio = c.minio_image ?? '';
        expect(composeYaml.name).toBe(c.project_name);
        for (const [service, ref] of Object.entries(images)) expect(composeYaml.services[service]?.image, `yaml: ${service} image`).toBe(ref);

        // Every env file: parseDotenv = real compose, and the values we put in are the values compose reads.
        const read = await checkEnvFilesAgainstCompose(compose, dir, files, parseDotenv);
        const bucketVar = c.storage_provider === 'minio' ? 'STORAGE_BUCKET_PREFIX' : 'S3_BUCKET';
        const managedApi = { APP_PUBLIC_URL: c.app_public_url, API_BASE_URL: c.api_base_url, AUTH_KEY_SECRET_NAME: c.auth_key_secret_name ?? '', [bucketVar]: c.storage_bucket_name };
        const managedWeb = { APP_PUBLIC_URL: c.app_public_url, API_BASE_URL: c.api_base_url };
        expectEnv(read.get('ops/compose/env/api.env'), { ...managedApi, ...accepted.maps.api_env }, 'env/api.env');
        expectEnv(read.get('ops/compose/env/worker.env'), { ...managedApi, ...accepted.maps.api_env }, 'env/worker.env');
        expectEnv(read.get('ops/compose/env/web.env'), { ...managedWeb, ...accepted.maps.web_env }, 'env/web.env');
        expectEnv(read.get('ops/compose/secrets/api.env'), c.api_secrets, 'secrets/api.env');
        if (Object.keys(c.web_secrets).length > 0) expectEnv(read.get('ops/compose/secrets/web.env'), c.web_secrets, 'secrets/web.env');

        // The whole stack through real `docker compose config` (secret files the bundle leaves to the
        // operator get placeholders, as the bundle's own tool check does).
        const placeholders = files
          .filter((f) => f.path.startsWith('ops/compose/secrets/') && f.path.endsWith('.env.example'))
          .filter((f) => !files.some((g) => g.path === f.path.slice(0, -'.example'.length)))
          .map((f) => ({ path: f.path.slice(0, -'.example'.length), content: [...parseDotenv(f.content).keys()].map((k) => `${k}=placeholder\n`).join('') }));
        writeTree(dir, placeholders);
        const stack = await runTool(compose, ['-f', 'docker-compose.prod.yml', 'config', '--format', 'json'], { cwd: join(dir, 'ops/compose') });
        expect(stack.exitCode, `docker compose config failed:\n${stack.stderr}`).toBe(0);
        expect(stack.stderr, 'compose warned (an unescaped $ or an unset variable?)').not.toMatch(/variable is not set/);
        const config = JSON.parse(stack.stdout) as { name: string; services: Record<string, { image?: string; environment?: Record<string, unknown> }> };
        expect(config.name).toBe(c.project_name);
        for (const [service, ref] of Object.entries(images)) expect(config.services[service]?.image, `compose config: ${service} image`).toBe(ref);
        const env = (service: string) => config.services[service]?.environment;
        expectEnv(env('api'), { ...managedApi, ...accepted.maps.api_env, ...c.api_secrets }, 'services.api.environment');
        expectEnv(env('worker'), { ...managedApi, ...accepted.maps.api_env, ...c.api_secrets }, 'services.worker.environment');
        expectEnv(env('web'), { ...managedWeb, ...accepted.maps.web_env, ...c.web_secrets }, 'services.web.environment');
        rmSync(dir, { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: NUM_RUNS.vps },
    );
    expectAcceptedEnough(counts, ['project_name', 'acme_email', 'storage_bucket_name', 'auth_key_secret_name', 'api_image', 'caddy_image', 'app_public_url', 'api_public_url', 'api_base_url', ...MAP_KEYS]);
  });

  it('other: answers file and every env file', async () => {
    const counts = newCounts();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(otherSample, async (sample) => {
        const { result, accepted } = resolveSample(OTHER_ANSWERS, sample);
        count(counts, sample, accepted, 'other');
        if (!result.ok) return;
        const c = result.contract;
        const files = build(result, accepted);
        const dir = join(root, `other-${run++}`);
        writeTree(dir, files);

        checkAnswersFile(files, accepted);
        const read = await checkEnvFilesAgainstCompose(compose, dir, files, plainEnvValues);
        const bucketVar = { s3: 'S3_BUCKET', gcs: 'GCS_BUCKET', azure_blob: 'AZURE_BLOB_CONTAINER', minio: 'STORAGE_BUCKET_PREFIX' }[c.storage_provider];
        const managedApi = { APP_PUBLIC_URL: c.app_public_url, API_BASE_URL: c.api_base_url, AUTH_KEY_SECRET_NAME: c.auth_key_secret_name ?? '', [bucketVar]: c.storage_bucket_name };
        expectEnv(read.get('env/api.env'), { ...managedApi, ...accepted.maps.api_env }, 'env/api.env');
        expectEnv(read.get('env/worker.env'), { ...managedApi, ...accepted.maps.api_env }, 'env/worker.env');
        expectEnv(read.get('env/web.env'), { APP_PUBLIC_URL: c.app_public_url, API_BASE_URL: c.api_base_url, ...accepted.maps.web_env }, 'env/web.env');
        expectEnv(read.get('secrets/api.env'), c.api_secrets, 'secrets/api.env');
        if (Object.keys(c.web_secrets).length > 0) expectEnv(read.get('secrets/web.env'), c.web_secrets, 'secrets/web.env');
        rmSync(dir, { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: NUM_RUNS.other },
    );
    expectAcceptedEnough(counts, ['project_name', 'storage_bucket_name', 'auth_key_secret_name', 'api_image', 'app_public_url', 'api_base_url', ...MAP_KEYS]);
  });
});


// ---------------------------------------------------------------------------------------------
// Caddyfile: acme_email and the hosts of app_public_url / api_public_url through `caddy adapt`
// ---------------------------------------------------------------------------------------------

const caddySample: fc.Arbitrary<Sample> = fc.record({
  fixed: fc.record({ environment: fc.constantFrom('dev', 'prod') }),
  scalars: fc.record({ acme_email: email, app_public_url: url, api_public_url: url }, { requiredKeys: ['acme_email', 'app_public_url'] }),
  maps: fc.constant({ api_env: {}, web_env: {}, api_secrets: {}, web_secrets: {} }),
});

/** Every string under a given property name, anywhere in the adapted JSON. */
function collect(node: unknown, property: string, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collect(item, property, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === property) {
        for (const item of [value].flat()) if (typeof item === 'string') out.push(item);
      } else {
        collect(value, property, out);
      }
    }
  }
  return out;
}

/** A name Caddy gets a public ACME certificate for (so the ACME account email must be in the config). */
const publicName = (name: string) =>
  name.includes('.') && !/^[0-9.]+$/.test(name) && !/(^|\.)(localhost|local|internal|home\.arpa)$/.test(name);

const caddyGate = requireOrSkip('caddy');

describe.skipIf(caddyGate.skip)(`Caddyfile values round-trip through caddy adapt${caddyGate.label}`, () => {
  let caddy: string;
  let root: string;
  beforeAll(() => {
    caddy = caddyGate.path('caddy');
    root = scratchDir('property-caddy');
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('vps: the adapted config holds exactly the email and the hosts of the contract', async () => {
    const counts = newCounts();
    let withEmail = 0;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(caddySample, async (sample) => {
        const { result, accepted } = resolveSample(VPS_ANSWERS, sample);
        count(counts, sample, accepted);
        if (!result.ok) return;
        const c = result.contract;
        const files = build(result, accepted);
        const dir = join(root, `caddy-${run++}`);
        writeTree(dir, files.filter((f) => f.path === 'ops/compose/caddy/Caddyfile'));
        const adapt = await runTool(caddy, ['adapt', '--adapter', 'caddyfile', '--config', 'ops/compose/caddy/Caddyfile'], { cwd: dir });
        expect(adapt.exitCode, `caddy adapt failed:\n${adapt.stderr}`).toBe(0);
        const config = JSON.parse(adapt.stdout) as unknown;

        const sites = [c.app_public_url, ...(c.api_public_url ? [c.api_public_url] : [])].map((u) => new URL(u));
        const expectedHosts = sites.map((u) => u.hostname).sort();
        expect(collect(config, 'host').sort(), 'host matchers of the adapted config').toEqual(expectedHosts);

        const emails = collect(config, 'email');
        for (const found of emails) expect(found, 'ACME email in the adapted config').toBe(c.acme_email);
        if (sites.some((u) => u.protocol === 'https:' && publicName(u.hostname))) {
          expect(emails.length, 'an https site with a public name gets an ACME issuer with the email').toBeGreaterThan(0);
          withEmail++;
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: 40 },
    );
    expectAcceptedEnough(counts, ['acme_email', 'app_public_url', 'api_public_url']);
    expect(withEmail, 'runs whose adapted config carried the ACME email').toBeGreaterThanOrEqual(5);
  });
});

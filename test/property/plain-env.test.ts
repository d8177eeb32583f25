/**
 * Property: a random string as an `api_env` value of the `other` target is either refused by the
 * contract (with a problem on that key) or written unquoted into env/api.env and env/worker.env and
 * read back exactly, by our docker-CLI reader (parsePlainEnv) and by real docker compose through
 * `env_file:`. This is the test that measured the unsafe set documented in src/targets/other/rules.ts.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { resolveContract } from '../../src/targets/contract.js';
import { plainEnvValues } from '../../src/render/plain-env.js';
import { layer, OTHER_ANSWERS } from '../fixtures.js';
import { composeReadsEnvFiles, requireOrSkip, scratchDir, writeTree } from '../real-tools.js';
import { TARGETS } from '../targets.js';

const SEED = 20_251_201;
const BATCH = 30;

/** Quoting, interpolation, comment and escape characters, Unicode spaces at the edges, non-ASCII and control characters. */
const NASTY_UNITS = [
  "'", '"', '$', '{', '}', '#', '\\', ' ', '=', '`', '%', '!', ':', '&', ';', '|', '<', '>', '(', ')', '\n', '\t', '\r', '\u0000',
  '\u0085', '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u3000', '\ufeff', '\u200b', '\ud800', 'é', '中', '😀',
  'a', 'Z', '0', '-', '.', '_', '/', '@', '$$', '${X}', '$HOME', '$_x', '\\$', "\\'", '\\"', '\\\\', '\\n', ' #', '# ', 'export ',
];
const nastyUnit = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_UNITS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const value = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: nastyUnit, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);
/** Values that once broke, or could break, a plain file for one of the readers; always checked first. */
const REGRESSIONS = ['', ' ', 'a ', ' a', "'a'", '"a"', "it's", 'a"', 'a$', '$x', '$$', '${X}', 'a #b', 'a#b', '#a', '\\', 'a\\', '\\n', '\u00a0', 'x\u2028', '\u2003x', '=', 'a=b'];

const names = (count: number) => Array.from({ length: count }, (_, i) => `V${String(i).padStart(2, '0')}`);

/** Resolve the batch, drop every value the contract refuses (the problem must be on its own key), build. */
function accept(values: readonly string[]) {
  const env = Object.fromEntries(names(values.length).map((name, i) => [name, values[i] ?? '']));
  const first = resolveContract([layer({ ...OTHER_ANSWERS, enable_worker: true, api_env: env })]);
  const refused = new Set<string>();
  if (!first.ok) {
    for (const problem of first.problems) {
      expect(problem.key, `a problem off the randomized keys: ${JSON.stringify(problem)}`).toMatch(/^api_env\.V\d\d$/);
      refused.add(problem.key.slice('api_env.'.length));
    }
  }
  const accepted = Object.fromEntries(Object.entries(env).filter(([name]) => !refused.has(name)));
  const result = resolveContract([layer({ ...OTHER_ANSWERS, enable_worker: true, api_env: accepted })]);
  if (!result.ok) throw new Error(`accepted values are refused on a second run: ${JSON.stringify(result.problems)}`);
  const bundle = buildBundle({ contract: result.contract, target: TARGETS[result.contract.target], preset: result.preset, answers: result.answers, version: '0.0.0-test', includeSecrets: true });
  return { accepted, refused, files: bundle.files };
}

describe('plain env values of the other target (pure)', () => {
  it('are refused by the contract or read back exactly with the docker CLI rules', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(value, { minLength: BATCH, maxLength: BATCH }), (values) => {
        const run = accept(values);
        accepted += Object.keys(run.accepted).length;
        for (const path of ['env/api.env', 'env/worker.env']) {
          const read = plainEnvValues(run.files.find((f) => f.path === path)?.content ?? '');
          for (const [name, expected] of Object.entries(run.accepted)) expect(read.get(name), `${path}: ${name} = ${JSON.stringify(expected)}`).toBe(expected);
        }
      }),
      { seed: SEED, numRuns: 200, examples: [[[...REGRESSIONS, ...REGRESSIONS.map((v) => `x${v}y`)].slice(0, BATCH)]] },
    );
    expect(accepted, 'the property is not vacuous').toBeGreaterThan(1_000);
  });
});

const gate = requireOrSkip('docker-compose');

describe.skipIf(gate.skip)(`plain env values of the other target against real docker compose env_file${gate.label}`, () => {
  let compose: string;
  let root: string;
  beforeAll(() => {
    compose = gate.path('docker-compose');
    root = scratchDir('plain-env');
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('compose reads every accepted value exactly as our reader does', async () => {
    let run = 0;
    const regressionBatch = [...REGRESSIONS, ...REGRESSIONS.map((v) => `x${v}`), ...REGRESSIONS.map((v) => `${v}y`)];
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: BATCH, maxLength: BATCH }), async (values) => {
        const { accepted, files } = accept(values);
        const dir = join(root, `run-${run++}`);
        const envFiles = files.filter((f) => /^(env|secrets)\/[a-z]+\.env$/.test(f.path));
        writeTree(dir, envFiles);
        const read = await composeReadsEnvFiles(compose, dir, envFiles.map((f) => f.path));
        for (const f of envFiles) {
          expect(Object.fromEntries(read.get(f.path) ?? []), `compose and the plain reader disagree on ${f.path}`).toEqual(Object.fromEntries(plainEnvValues(f.content)));
        }
        for (const [name, expected] of Object.entries(accepted)) expect(read.get('env/api.env')?.get(name), `${name} = ${JSON.stringify(expected)}`).toBe(expected);
        rmSync(dir, { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: 25, examples: [[regressionBatch.slice(0, BATCH)], [regressionBatch.slice(BATCH)]] },
    );
  });
});

/**
 * Property: a dotenv value written by `dotenvValue` reads back unchanged, both with our own
 * `parseDotenv` and with the real docker compose v2 env_file reader; and the two readers agree.
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/render/dotenv.js';
import { dotenvValue, UnsafeValueError } from '../../src/render/serializers.js';
import { composeReadsEnvFiles, requireOrSkip, scratchDir, writeTree } from '../real-tools.js';

const SEED = 20_251_121;
/** What no env file can carry: control characters (one line only) and unpaired UTF-16 surrogates. */
const UNCARRIABLE = /[\u0000-\u001f\u007f]|\p{Cs}/u;

/** Characters that break naive quoting, escapes and interpolation, plus non-ASCII and control characters. */
const NASTY_UNITS = [
  "'", '"', '$', '{', '}', '#', '\\', ' ', '=', '`', '%', '!', '~', '*', '?', '&', ';', '|', '<', '>', '(', ')', '[', ']',
  '\n', '\t', '\r', '\u0000', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff',
  'é', 'ß', 'ü', '中', '😀', '\ud800', '\udfff', 'a', 'Z', '0', '-', '.', '_', ':', '/', '@',
  '$$', '${X}', '$HOME', '\\$', "\\'", '\\"', '\\\\', '\\n', '\\t', '\\0101', ' #', "'\\''",
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
const oneLine = nastyString.filter((value) => !UNCARRIABLE.test(value));

/** Values that once broke (or could break) the quoting; always checked first. */
const REGRESSIONS = ['', ' ', 'a\\', '\\', 'a\\\\\\', "\\'", "it's", '$', '$$', '${X}', '\\$', '"', '\\"', '#', ' # c', "'a'", '\\n', '\\0101', '😀 é'];

describe('dotenvValue and parseDotenv (pure)', () => {
  it('every one-line value reads back unchanged', () => {
    fc.assert(
      fc.property(oneLine, (value) => {
        expect(parseDotenv(`NAME=${dotenvValue(value)}\n`).get('NAME')).toBe(value);
      }),
      { seed: SEED, numRuns: 2_000, examples: REGRESSIONS.map((value) => [value] as [string]) },
    );
  });

  it('a value with a control character or an unpaired surrogate never reaches the file', () => {
    fc.assert(
      fc.property(
        nastyString.filter((value) => UNCARRIABLE.test(value)),
        (value) => {
          expect(() => dotenvValue(value)).toThrow(UnsafeValueError);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

const gate = requireOrSkip('docker-compose');

describe.skipIf(gate.skip)(`dotenvValue against real docker compose${gate.label}`, () => {
  const BATCH = 40;
  let compose: string;
  let root: string;
  beforeAll(() => {
    compose = gate.path('docker-compose');
    root = scratchDir('dotenv');
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('compose reads every written value unchanged, and parseDotenv agrees with compose', async () => {
    let run = 0;
    const regressionBatch = [...REGRESSIONS, ...REGRESSIONS.map((v) => `x${v}`), ...REGRESSIONS.map((v) => `${v}y`)];
    await fc.assert(
      fc.asyncProperty(fc.array(oneLine, { minLength: BATCH, maxLength: BATCH }), async (values) => {
        const path = `values-${run++}.env`;
        const lines = values.map((value, index) => `V${String(index).padStart(2, '0')}=${dotenvValue(value)}`);
        const content = `# generated\n${lines.join('\n')}\n`;
        writeTree(root, [{ path, content }]);
        const read = (await composeReadsEnvFiles(compose, root, [path])).get(path);
        const ours = parseDotenv(content);
        expect(read && Object.fromEntries(read)).toEqual(Object.fromEntries(ours));
        values.forEach((value, index) => {
          expect(read?.get(`V${String(index).padStart(2, '0')}`), `value ${JSON.stringify(value)}`).toBe(value);
        });
      }),
      { seed: SEED, numRuns: 20, examples: [[regressionBatch]] },
    );
  });
});

/**
 * Property: every value renderTfvars writes reads back exactly through HashiCorp's HCL parser
 * (@cdktf/hcl2json), or is refused naming its key (not NFC, unpaired surrogate); and `terraform fmt`
 * leaves every rendered file (and the backend block) unchanged.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UnsafeValueError } from '../../src/render/serializers.js';
import { renderBackendS3, renderTfvars, type TfValue } from '../../src/render/tfvars.js';
import { parseHcl } from '../../src/targets/terraform/hcl.js';
import { literalOf } from '../../src/targets/terraform/tfvars-problems.js';
import { requireOrSkip, scratchDir } from '../real-tools.js';

const SEED = 20_261_202;
const NASTY = ['"', '\\', '$', '${', '%{', '$${', '%%{', '}', '{', '\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028', 'é', 'e\u0301', '😀', '\ud800', '#', '//', '/*', '<<EOT', ' ', '=', 'a', '1'];
const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);
const uncarriable = (s: string) => /\p{Cs}/u.test(s) || s.normalize('NFC') !== s;
const key = fc.oneof(fc.constantFrom('a', 'b_c', 'd-e', 'for', 'true', '1x', 'a b', 'é', ''), nastyString);
const value: fc.Arbitrary<TfValue> = fc.letrec<{ v: TfValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }),
  ),
})).v;
const names = fc.uniqueArray(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), { minLength: 1, maxLength: 5 });
const file = names.chain((ns) => fc.tuple(...ns.map(() => value)).map((vs) => Object.fromEntries(ns.map((n, i) => [n, vs[i] as TfValue]))));

function holdsUncarriable(v: TfValue): boolean {
  if (typeof v === 'string') return uncarriable(v);
  if (Array.isArray(v)) return v.some(holdsUncarriable);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => uncarriable(k) || holdsUncarriable(x));
  return false;
}

/** What HCL gives back for a JS number (a float64 either way). */
const normalised = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('renderTfvars round-trips through the HCL parser', () => {
  it('every carriable value reads back exactly; the rest is refused', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (values) => {
        let text: string;
        try {
          text = renderTfvars(values, 'hcl');
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafeValueError);
          expect(Object.values(values).some(holdsUncarriable) || Object.keys(values).some(uncarriable)).toBe(true);
          return;
        }
        const parsed = await parseHcl('t.tfvars', text);
        if (!parsed.ok) throw new Error(`${parsed.problem}\n${text}`);
        const expressions: string[] = [];
        const back = Object.fromEntries(Object.entries(parsed.json).map(([k, v]) => [k, literalOf(v, k, expressions)]));
        expect(expressions).toEqual([]);
        expect(back).toEqual(normalised(values));
        expect(Object.keys(parsed.json)).toEqual(Object.keys(values).sort());
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('json files read back exactly through JSON.parse, with the top level in order', () => {
    fc.assert(
      fc.property(file, (values) => {
        let text: string;
        try {
          text = renderTfvars(values, 'json');
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafeValueError);
          return;
        }
        const back = JSON.parse(text) as Record<string, unknown>;
        expect(Object.keys(back)).toEqual(Object.keys(values));
        expect(back).toEqual(normalised(values));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

const gate = requireOrSkip('terraform');
describe.skipIf(gate.skip)(`terraform fmt leaves rendered files unchanged${gate.label}`, () => {
  const dir = scratchDir('tfvars-fmt');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('random tfvars files and backend blocks are fmt-clean', () => {
    const terraform = gate.path('terraform');
    const samples = fc.sample(file, { seed: SEED, numRuns: 150 });
    let written = 0;
    samples.forEach((values, i) => {
      try {
        writeFileSync(join(dir, `f${i}.tfvars`), renderTfvars(values, 'hcl'));
        written++;
      } catch (error) {
        if (!(error instanceof UnsafeValueError)) throw error;
      }
    });
    writeFileSync(join(dir, 'backend.tf'), renderBackendS3({ bucket: 'acme-tfstate', key: 'prod/terraform.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true }));
    writeFileSync(join(dir, 'backend_ddb.tf'), renderBackendS3({ bucket: 'b', key: 'k', region: 'r', dynamodb_table: 'locks' }));
    expect(written).toBeGreaterThan(100);
    // fmt exits 3 and lists the files it would change; execFileSync throws on that.
    const out = execFileSync(terraform, ['fmt', '-check', '-diff', '-no-color', '.'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
    expect(out).toBe('');
  });
});

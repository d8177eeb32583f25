/**
 * The plain env reader against the cases docker documents for `docker run --env-file` and tests in
 * docker/cli (pkg/kvfile/kvfile_test.go, formerly opts/envfile_test.go), the writer, and the `other`
 * target's contract rule for values such a file cannot carry for every runner.
 */
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { resolveContract } from '../../src/targets/contract.js';
import { plainEnvValueProblem } from '../../src/targets/other/rules.js';
import { parsePlainEnv, PlainEnvSyntaxError, plainEnvValues, writePlainEnv } from '../../src/render/plain-env.js';
import { UnsafeValueError } from '../../src/render/serializers.js';
import { layer, OTHER_ANSWERS, VPS_ANSWERS } from '../fixtures.js';
import { TARGETS } from '../targets.js';

const pairs = (content: string) => parsePlainEnv(content).map((e) => ('value' in e ? `${e.name}=${e.value}` : e.name));

describe('parsePlainEnv: the docker CLI --env-file rules', () => {
  it('reads well-formed lines, trims leading whitespace, skips comments and blank lines (kvfile TestParseFromReaderGoodFile)', () => {
    const content = 'foo=bar\n    baz=quux\n# comment\n\n_foobar=foobaz\nwith.dots=working\nand_underscore=working too\n\n    \t  ';
    expect(pairs(content)).toEqual(['foo=bar', 'baz=quux', '_foobar=foobaz', 'with.dots=working', 'and_underscore=working too']);
  });

  it('reads an empty file as no entries', () => {
    expect(parsePlainEnv('')).toEqual([]);
  });

  it('refuses a name with whitespace (TestParseFromReaderBadlyFormattedFile, TestParseFromReaderRandomFile)', () => {
    expect(() => parsePlainEnv('foo=bar\n    f   =quux\n')).toThrow(PlainEnvSyntaxError);
    expect(() => parsePlainEnv('first line\nanother invalid line')).toThrow(/line 1: the variable name contains whitespace/);
    expect(() => parsePlainEnv('A\tB=1\n')).toThrow(PlainEnvSyntaxError);
  });

  it('refuses an empty name (TestParseFromReaderWithNoName)', () => {
    expect(() => parsePlainEnv('# comment=\n=blank variable names are an error case\n')).toThrow(/line 2: no variable name/);
  });

  it('reports a line without = as taken from the environment (TestParseFromReaderWithLookup)', () => {
    const entries = parsePlainEnv('# comment=\nVAR=VAR_VALUE\nEMPTY_VAR=\nUNDEFINED_VAR\nDEFINED_VAR\n');
    expect(entries).toEqual([
      { line: 2, name: 'VAR', value: 'VAR_VALUE' },
      { line: 3, name: 'EMPTY_VAR', value: '' },
      { line: 4, name: 'UNDEFINED_VAR', fromEnvironment: true },
      { line: 5, name: 'DEFINED_VAR', fromEnvironment: true },
    ]);
  });

  it('keeps the value literally: quotes, $, inline comments, backslashes and trailing whitespace (docker/cli issue 3630)', () => {
    const values = [`"quoted"`, `'single'`, '$HOME', '${X}', 'a #not a comment', 'a\\nb', 'ends with space  ', ' leading', '=starts with =', 'a=b=c', '#hash'];
    const content = values.map((v, i) => `V${i}=${v}`).join('\n');
    expect(parsePlainEnv(content).map((e) => ('value' in e ? e.value : undefined))).toEqual(values);
  });

  it('documented example: a comment line and TEST_HOST=10.10.0.127', () => {
    expect(pairs('# This is a comment\nTEST_HOST=10.10.0.127\n')).toEqual(['TEST_HOST=10.10.0.127']);
  });

  it('drops a UTF-8 BOM on the first line and a CR before LF, as bufio.ScanLines does', () => {
    expect(pairs('\ufeffA=1\r\nB=2 \r\nC=\ufeff3')).toEqual(['A=1', 'B=2 ', 'C=\ufeff3']);
  });

  it('trims every Unicode space Go knows before the name, but not inside the value', () => {
    expect(pairs('\u00a0\u2003\u3000A= \u00a0x\u00a0 ')).toEqual(['A= \u00a0x\u00a0 ']);
  });

  it('does not treat # after leading whitespace as anything but a comment line', () => {
    expect(pairs('   # A=1\nB=2')).toEqual(['B=2']);
  });

  it('fails a line longer than 64 KiB (TestParseFromReaderLineTooLongFile)', () => {
    expect(() => parsePlainEnv(`foo=${'a'.repeat(64 * 1024 + 42)}`)).toThrow(/64 KiB/);
  });

  it('keeps repeated names in order (docker: the last wins); plainEnvValues refuses them and inherited names', () => {
    expect(pairs('A=1\nA=2\n')).toEqual(['A=1', 'A=2']);
    expect(() => plainEnvValues('A=1\nA=2\n')).toThrow(/set twice/);
    expect(() => plainEnvValues('A\n')).toThrow(/taken from the environment/);
  });
});

describe('writePlainEnv', () => {
  it('writes comment lines, then NAME=value lines with LF, in the given order', () => {
    expect(writePlainEnv(['Title', 'more'], [{ name: 'B', value: 'x y' }, { name: 'A', value: '' }])).toBe('# Title\n# more\nB=x y\nA=\n');
  });

  it('reads back with the reader', () => {
    const vars = [{ name: 'URL', value: 'https://a.example.com/p?x=1' }, { name: 'T', value: "it's a\\b" }];
    expect(Object.fromEntries(plainEnvValues(writePlainEnv(['c'], vars)))).toEqual({ URL: 'https://a.example.com/p?x=1', T: "it's a\\b" });
  });

  it('refuses what no env file can carry', () => {
    expect(() => writePlainEnv([], [{ name: 'A', value: 'two\nlines' }])).toThrow(UnsafeValueError);
    expect(() => writePlainEnv([], [{ name: 'A', value: '\ud800' }])).toThrow(UnsafeValueError);
    expect(() => writePlainEnv([], [{ name: 'A B', value: 'x' }])).toThrow(UnsafeValueError);
    expect(() => writePlainEnv(['two\nlines'], [])).toThrow(UnsafeValueError);
  });
});

describe('plainEnvValueProblem (measured with compose 2.26, see src/targets/other/rules.ts)', () => {
  it.each([' lead', 'trail ', '\u00a0x', 'x\u3000', 'x\u2028', "'quoted", '"quoted', 'a$b', '$', 'a${B}', 'a\\$b', 'a #b', 'a #'])('refuses %j', (value) => {
    expect(plainEnvValueProblem('NAME', value)).toBeDefined();
  });

  it.each(['', 'plain', "a'b", 'abc"', 'a#b', '#abc', 'a# b', 'a\\b', 'ab\\', 'a\\nb', 'a=b', '`x`', '😀 é', 'x\ufeff', 'a b c'])('accepts %j', (value) => {
    expect(plainEnvValueProblem('NAME', value)).toBeUndefined();
  });

  it('refuses a line docker cannot read (over 64 KiB)', () => {
    expect(plainEnvValueProblem('NAME', 'a'.repeat(64 * 1024))?.reason).toMatch(/64 KiB/);
  });
});

describe('the other target refuses values a plain env file cannot carry for every runner', () => {
  const SENTINEL = 'pa$$-sentinel #1';
  const problemsOf = (answers: Record<string, unknown>) => {
    const result = resolveContract([layer(answers)]);
    return result.ok ? [] : result.problems;
  };

  it('names the key, the reason and the fix, and never quotes the value', () => {
    const problems = problemsOf({
      ...OTHER_ANSWERS,
      api_env: { FOO: SENTINEL },
      web_env: { BAR: ' padded' },
      api_secrets: { ...(OTHER_ANSWERS.api_secrets as Record<string, string>), STRIPE_KEY: SENTINEL },
      web_secrets: { SESSION_SECRET: "'quoted'" },
    });
    expect(problems.map((p) => p.key).sort()).toEqual(['api_env.FOO', 'api_secrets.STRIPE_KEY', 'web_env.BAR', 'web_secrets.SESSION_SECRET']);
    for (const p of problems) {
      expect(p.hint, p.key).toBeTruthy();
      expect(`${p.message} ${p.hint}`).not.toContain('sentinel');
      expect(`${p.message} ${p.hint}`).not.toContain('padded');
    }
    expect(problems.find((p) => p.key === 'api_env.FOO')?.message).toMatch(/\$.*interpolates/);
    expect(problems.find((p) => p.key === 'api_secrets.STRIPE_KEY')?.message).toMatch(/secrets\/\*\.env/);
  });

  it('checks api_base_url, whose URL path may hold $', () => {
    expect(problemsOf({ ...OTHER_ANSWERS, api_base_url: 'https://api.internal.example.com/$x' }).map((p) => p.key)).toEqual(['api_base_url']);
  });

  it('applies to the other target only: vps keeps quoted dotenv files, which carry such values', () => {
    const result = resolveContract([layer({ ...VPS_ANSWERS, api_env: { FOO: SENTINEL } })]);
    expect(result.ok).toBe(true);
  });

  it('accepts what plain env files carry; the bundle writes it unquoted and reads it back', () => {
    const value = "it's a\\b#c = ok";
    const result = resolveContract([layer({ ...OTHER_ANSWERS, api_env: { FOO: value } })]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const bundle = buildBundle({ contract: result.contract, target: TARGETS[result.contract.target], preset: result.preset, answers: result.answers, version: '0.0.0-test', includeSecrets: true });
    const api = bundle.files.find((f) => f.path === 'env/api.env')?.content ?? '';
    expect(api).toContain(`\nFOO=${value}\n`);
    expect(plainEnvValues(api).get('FOO')).toBe(value);
    const secrets = bundle.files.find((f) => f.path === 'secrets/api.env')?.content ?? '';
    expect(plainEnvValues(secrets).get('DATABASE_URL')).toBe((OTHER_ANSWERS.api_secrets as Record<string, string>).DATABASE_URL);
  });
});

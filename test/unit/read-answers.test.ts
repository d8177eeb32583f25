/**
 * Inputs parsed exactly, within limits: answers files (YAML and JSON alike) and --var flags keep env
 * values as written, refuse what a file or a tool would change (invalid UTF-8, C1 controls,
 * non-characters), refuse what JavaScript objects would lose (__proto__ keys, duplicate keys) and what
 * YAML would drop (unknown tags, !!set), hold every limit, and never quote the input in a message.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { buildBundle } from '../../src/bundle/build.js';
import { INPUT_LIMITS } from '../../src/contract/input-limits.js';
import { readAnswersBytes, readAnswersText, type ReadResult } from '../../src/contract/read-answers.js';
import { resolveContract } from '../../src/targets/contract.js';
import { parseVarFlags } from '../../src/contract/vars.js';
import { OTHER_ANSWERS } from '../fixtures.js';
import { TARGETS } from '../targets.js';

const SENTINEL = 'SENTINELpw9x';
const yaml = (text: string) => readAnswersText(text, 'answers.yaml', 'yaml');
const json = (text: string) => readAnswersText(text, 'answers.json', 'json');

function problemsOf(result: ReadResult) {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  return result.ok ? [] : result.problems;
}
function valuesOf(result: ReadResult) {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return result.ok ? result.layer.values : {};
}

afterEach(() => vi.restoreAllMocks());

describe('env values keep their source text', () => {
  const NUMBERS = { VERSION: '1.10', ZIP: '01234', ACCOUNT_ID: '123456789012345678', MASK: '0x1F', EXP: '1e3', FLAG: 'true', YES: 'yes' };

  it('YAML: numbers and booleans in env maps are the text as written', () => {
    const text = `api_env:\n${Object.entries(NUMBERS).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\napi_replicas: 2\n`;
    expect(valuesOf(yaml(text))).toEqual({ api_env: NUMBERS, api_replicas: 2 });
    // Dotted entries and top-level upper-case aliases too.
    expect(valuesOf(yaml('api_env.VERSION: 1.10\nS3_BUCKET: 0123\n'))).toEqual({ 'api_env.VERSION': '1.10', S3_BUCKET: '0123' });
  });

  it('JSON: the same, read by our own reader (JSON.parse would give 1.1 and 123456789012345680)', () => {
    expect(valuesOf(json('{"api_env": {"VERSION": 1.10, "ACCOUNT_ID": 123456789012345678, "ON": true}, "api_replicas": 2}'))).toEqual({
      api_env: { VERSION: '1.10', ACCOUNT_ID: '123456789012345678', ON: 'true' },
      api_replicas: 2,
    });
    expect(parseVarFlags(['api_env={"VERSION": 1.10}']).layer.values).toEqual({ api_env: { VERSION: '1.10' } });
    // A map entry is the text after = (an env value may be JSON text itself).
    expect(parseVarFlags(['api_env.PRICES={"price_1":"pro"}']).layer.values).toEqual({ 'api_env.PRICES': '{"price_1":"pro"}' });
  });

  it('VERSION: 1.10 reaches the env file as 1.10', () => {
    const read = yaml(`${stringify({ ...OTHER_ANSWERS, environment: 'dev' })}api_env:\n  VERSION: 1.10\n  ZIP: 01234\n`);
    const resolved = resolveContract([{ source: 'answers.yaml', values: valuesOf(read) }]);
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
    const env = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: 'test', includeSecrets: false }).files.find((f) => f.path === 'env/api.env');
    expect(env?.content).toMatch(/^VERSION=1\.10$/m);
    expect(env?.content).toMatch(/^ZIP=01234$/m);
  });

  it('a number that reaches the contract without its text is refused: quote it', () => {
    const resolved = resolveContract([{ source: 'code', values: { ...OTHER_ANSWERS, environment: 'dev', api_env: { VERSION: 1.1 } } }]);
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) expect(resolved.problems).toContainEqual(expect.objectContaining({ key: 'api_env.VERSION', message: expect.stringMatching(/quote it/) }));
  });
});

describe('refused, naming the key, the file, the line and the column', () => {
  it('duplicate keys, in YAML and in JSON alike', () => {
    expect(problemsOf(yaml('api_env:\n  A: x\n  A: y\n'))).toEqual([{ key: 'api_env.A', message: 'is given twice in the same mapping (first at line 2, column 3) (answers.yaml, line 3, column 3)' }]);
    expect(problemsOf(json('{"api_env": {"A": "x",\n "A": "y"}}'))).toEqual([{ key: 'api_env.A', message: 'is given twice in the same mapping (first at line 1, column 14) (answers.json, line 2, column 2)' }]);
  });

  it('an unknown tag, !!set, !!omap and !!binary; the yaml library prints nothing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const problems = problemsOf(yaml(`api_secrets:\n  DATABASE_URL: !secret postgres://u:${SENTINEL}@db/app\nhosts: !!set {a, b}\nlist: !!omap [{a: 1}]\nbin: !!binary aGk=\n`));
    expect(problems.map((p) => p.key)).toEqual(['api_secrets.DATABASE_URL', 'hosts', 'list', 'bin']);
    expect(problems[0]?.message).toMatch(/^has a YAML tag that answers do not take .*\(answers.yaml, line 2, column \d+\)$/);
    expect(JSON.stringify(problems)).not.toContain(SENTINEL);
    expect(warn).not.toHaveBeenCalled();
    expect(emit).not.toHaveBeenCalled();
  });

  it('__proto__, constructor and prototype keys, at any level and in --var', () => {
    expect(problemsOf(yaml(`api_env:\n  __proto__: ${SENTINEL}\n`))).toEqual([{ key: 'api_env.__proto__', message: "__proto__ cannot be a key (it would reach the object's prototype) (answers.yaml, line 2, column 3)" }]);
    expect(problemsOf(json('{"constructor": {"prototype": 1}}')).map((p) => p.key)).toEqual(['constructor']);
    expect(parseVarFlags(['api_secrets.__proto__=x', 'api_env={"prototype":"x"}']).problems.map((p) => p.key)).toEqual(['api_secrets.__proto__', 'api_env.prototype']);
  });

  it('invalid UTF-8, C1 controls and non-characters', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`api_secrets:\n  DATABASE_URL: ${SENTINEL}`), 0xc3, 0x28, 0x0a]);
    expect(readAnswersBytes(bytes, 'answers.yaml')).toEqual({ ok: false, problems: [{ key: 'api_secrets.DATABASE_URL', message: 'is not valid UTF-8 text: save the file as UTF-8 (answers.yaml, line 2, column 29)' }] });
    for (const char of ['\u0085', '\u009f', '\ufffe', '\uffff', '\ufdd0', '\u{10ffff}']) {
      const problems = problemsOf(json(JSON.stringify({ api_env: { A: `x${char}y` } })));
      expect(problems.map((p) => p.key), JSON.stringify(char)).toEqual(['api_env.A']);
    }
    expect(problemsOf(json('{"api_env": {"A": "\\ud800"}}'))[0]?.message).toMatch(/unpaired UTF-16 surrogate/);
  });

  it('invalid JSON and YAML are reported without quoting the input, in files and in --var', () => {
    for (const result of [
      json(`{"api_secrets": {"DATABASE_URL": "${SENTINEL}" "REDIS_URL": "x"}}`),
      json(`{"api_secrets": {"DATABASE_URL": ${SENTINEL}}}`),
      yaml(`api_secrets:\n  DATABASE_URL: "${SENTINEL}\n`),
      yaml(`api_secrets:\n  DATABASE_URL: ${SENTINEL}: x\n`),
      yaml(`api_secrets:\n\tDATABASE_URL: ${SENTINEL}\n`),
    ]) {
      const problems = problemsOf(result);
      expect(problems[0]?.message).toMatch(/is not valid (JSON|YAML).*line \d+, column \d+/);
      expect(JSON.stringify(problems)).not.toContain(SENTINEL);
    }
    const vars = parseVarFlags([`api_secrets={"DATABASE_URL":"${SENTINEL}"`, `api_secrets={DATABASE_URL: ${SENTINEL}}`]);
    expect(vars.problems.map((p) => p.key)).toEqual(['api_secrets', 'api_secrets']);
    expect(JSON.stringify(vars.problems)).not.toContain(SENTINEL);
  });
});

describe('limits, each refused naming the limit', () => {
  it('a value, a map, a list, a key, nesting, aliases and the file', () => {
    const cases: [string, ReadResult, RegExp][] = [
      ['value', yaml(`api_env:\n  BIG: ${'x'.repeat(INPUT_LIMITS.valueBytes + 1)}\n`), /longer than the limit of 64 KiB/],
      ['map', json(JSON.stringify({ api_env: Object.fromEntries(Array.from({ length: INPUT_LIMITS.mapEntries + 1 }, (_, i) => [`K${i}`, 'v'])) })), /more than the limit of 10,000 per mapping/],
      ['list', yaml(`ingress_hosts: [${Array.from({ length: INPUT_LIMITS.listItems + 1 }, (_, i) => `h${i}.example.com`).join(', ')}]\n`), /more than the limit of 100 per list/],
      ['key', yaml(`api_env:\n  K${'Y'.repeat(INPUT_LIMITS.keyChars)}: v\n`), /longer than the limit of 256 characters/],
      ['depth', json(`{"a":${'['.repeat(40)}${']'.repeat(40)}}`), /deeper than the limit of 16 levels/],
      ['depth', yaml(`a: ${'['.repeat(40)}${']'.repeat(40)}\n`), /deeper than the limit of 16 levels/],
      ['aliases', yaml(`a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 6 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`), /alias bomb/],
      ['alias count', yaml(`a: &a x\nb: {${Array.from({ length: INPUT_LIMITS.aliases + 1 }, (_, i) => `k${i}: *a`).join(', ')}}\n`), /more than 100 YAML aliases/],
      ['file', readAnswersBytes(new Uint8Array(INPUT_LIMITS.fileBytes + 1).fill(0x20), 'answers.yaml'), /more than the limit of 4 MiB/],
    ];
    for (const [what, result, message] of cases) expect(problemsOf(result)[0]?.message, what).toMatch(message);
  });

  it('20,000 env entries (10,000 in api_env and web_env each) parse in well under a second', () => {
    const entries = (prefix: string) => Array.from({ length: 10_000 }, (_, i) => `  ${prefix}_${i}: value-${i}`).join('\n');
    const text = `api_env:\n${entries('API')}\nweb_env:\n${entries('WEB')}\n`;
    const jsonText = JSON.stringify(valuesOf(yaml(text)));
    const t0 = performance.now();
    const fromYaml = yaml(text);
    const t1 = performance.now();
    const fromJson = json(jsonText);
    const t2 = performance.now();
    console.log(`20,000 env entries: YAML ${(t1 - t0).toFixed(0)} ms, JSON ${(t2 - t1).toFixed(0)} ms (${(text.length / 1024).toFixed(0)} KiB)`);
    expect(Object.keys((valuesOf(fromYaml).api_env ?? {}) as object)).toHaveLength(10_000);
    expect(valuesOf(fromJson)).toEqual(valuesOf(fromYaml));
    // Not a benchmark: a bound far above the measurement (was 22.7 s with yaml's quadratic uniqueKeys).
    expect(t2 - t0).toBeLessThan(5_000);
  });
});

/**
 * Robustness of the input path: 10,000 generated and mutated answers files and --var sets (wrong
 * types, huge values, deep nesting, invalid YAML and JSON, alias bombs, duplicate keys, tags,
 * numbers, invalid UTF-8, control characters, prototype keys), from a fixed seed, through the pure
 * parse + resolve path in-process. Every case must end in a result, never an exception; a
 * rejection is a list of problems, each with a key path, without stack-trace text and without the
 * sentinel planted in every secret value; the yaml library prints nothing. Total time and the
 * largest heap are printed (ROBUSTNESS_STATS=1 adds the counts per kind); the only time bound is a
 * generous sanity bound on the whole suite.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import type { Problem } from '../../src/errors.js';
import { readAnswersBytes } from '../../src/contract/read-answers.js';
import type { AnswerLayer } from '../../src/contract/resolve.js';
import { resolveContract } from '../../src/targets/contract.js';
import { parseVarFlags } from '../../src/contract/vars.js';
import { K8S_ANSWERS, OTHER_ANSWERS, VPS_ANSWERS } from '../fixtures.js';

const CASES = Number(process.env.ROBUSTNESS_CASES ?? 10_000);
const SEED = 0x5eed_2026;
const SENTINEL = 'SENTINELq7Zk';

/** mulberry32: a small, fast, seeded PRNG, so every run checks the same cases. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

type Answers = Record<string, unknown>;
const encoder = new TextEncoder();

/** Secret values, each carrying the sentinel (for k8s with External Secrets: store keys, also with it). */
function withSentinels(base: Answers, rng: Rng): Answers {
  const secrets = base.api_secrets as Record<string, string>;
  const k8s = base.preset === 'k8s';
  const value = (name: string) =>
    k8s ? `acme/${SENTINEL}/${name.toLowerCase()}` : rng.pick([`${SENTINEL}-${name}`, `postgresql+asyncpg://u:${SENTINEL}@db:5432/app`, `rediss://:${SENTINEL}@redis:6379/0`, `${SENTINEL}`.repeat(1 + rng.int(4))]);
  return {
    ...base,
    api_secrets: Object.fromEntries(Object.keys(secrets).map((name) => [name, value(name)])),
    ...(rng.chance(0.3) ? { web_secrets: { FRONTEND_LOG_SHARED_SECRET: value('FRONTEND_LOG_SHARED_SECRET') } } : {}),
    api_env: { LOG_LEVEL: 'info', VERSION: '1.10' },
  };
}

const WRONG_VALUES: readonly unknown[] = [42, -1, 1.5, true, false, null, [], ['a', 1], {}, { a: { b: 1 } }, '', ' ', 'x'.repeat(300)];
const NUMBER_TEXTS = ['1.10', '01234', '0x1F', '0o17', '1e3', '.inf', '-.nan', '123456789012345678', '+1', '1_000', '0.1e-2'];
const TAGS = ['!secret ', '!!set ', '!!omap ', '!!binary ', '!!timestamp ', '!<tag:example.com,2026:x> ', '!!pairs ', '! ', '!!str ', '!!int ', '!e!x '];
const BAD_CHARS = ['\u0000', '\u0007', '\t', '\u001b', '\u007f', '\u0085', '\u009b', '\ufffe', '\uffff', '\ufdd0', '\u{1fffe}', '\u2028', '\ufeff'];
const INSERTS = [':', ': ', '{', '}', '[', ']', '"', "'", '\n', '\n  ', '  ', '\t', '&a ', '*a', '!', '%', '@', '`', '#', ',', '- ', '? ', '|', '>', '\\', '\\u', '\\ud800', '---\n', '...\n', '<<: *a\n'];
const PROTO = ['__proto__', 'constructor', 'prototype'];
const ENV_MAPS = ['api_env', 'web_env', 'api_secrets', 'web_secrets'];

function toText(answers: Answers, format: 'yaml' | 'json'): string {
  return format === 'json' ? JSON.stringify(answers, null, 2) : stringify(answers, { lineWidth: 0 });
}

function mutate(text: string, rng: Rng): string {
  let out = text;
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const at = rng.int(out.length + 1);
    switch (rng.int(6)) {
      case 0:
        out = out.slice(0, at); // truncation
        break;
      case 1:
        out = out.slice(0, at) + rng.pick(INSERTS) + out.slice(at);
        break;
      case 2: {
        const lines = out.split('\n');
        const i = rng.int(lines.length);
        lines.splice(i, 0, lines[i] ?? ''); // duplicate a line: a duplicate key, mostly
        out = lines.join('\n');
        break;
      }
      case 3: {
        const lines = out.split('\n');
        lines.splice(rng.int(lines.length), 1);
        out = lines.join('\n');
        break;
      }
      case 4:
        out = out.slice(0, at) + rng.pick(BAD_CHARS) + out.slice(at);
        break;
      default:
        out = out.slice(0, at) + out.slice(at + 1 + rng.int(8));
    }
  }
  return out;
}

function deep(depth: number, json: boolean): string {
  const open = json ? '{"a":'.repeat(depth) : '{a: '.repeat(depth);
  return `${open}1${'}'.repeat(depth)}`;
}

const hugeMaps = new Map<string, Uint8Array>();
/** A mapping one entry over the limit (built once per format: the cases differ in what they hold, not in this). */
function hugeMap(format: 'yaml' | 'json'): Uint8Array {
  const cached = hugeMaps.get(format);
  if (cached) return cached;
  const bytes = encoder.encode(toText({ ...VPS_ANSWERS, api_env: Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`K${i}`, `${SENTINEL}${i}`])) }, format));
  hugeMaps.set(format, bytes);
  return bytes;
}

interface Case {
  kind: string;
  bytes?: Uint8Array;
  source?: string;
  vars?: string[];
}

/** One case of a given kind, from the seeded generator. */
function generate(rng: Rng, index: number): Case {
  const base = withSentinels(rng.pick([VPS_ANSWERS, OTHER_ANSWERS, K8S_ANSWERS]), rng);
  const format = rng.chance(0.35) ? 'json' : 'yaml';
  const source = `case-${index}.${format}`;
  const file = (kind: string, text: string): Case => ({ kind, bytes: encoder.encode(text), source });
  const kinds = ['valid', 'wrong-type', 'mutated', 'mutated', 'mutated', 'duplicate', 'tag', 'number', 'utf8', 'control', 'proto', 'vars', 'vars', 'deep', 'huge', 'alias'];
  const kind = rng.pick(kinds);
  switch (kind) {
    case 'valid':
      return file(kind, toText(base, format));
    case 'wrong-type': {
      const keys = Object.keys(base);
      const changed = { ...base };
      for (let n = 1 + rng.int(3); n > 0; n--) changed[rng.pick(keys)] = rng.pick(WRONG_VALUES);
      if (rng.chance(0.5)) changed.api_secrets = { ...(base.api_secrets as Answers), DATABASE_URL: rng.pick([[`${SENTINEL}`], { v: SENTINEL }, 7, true]) };
      return file(kind, toText(changed, format));
    }
    case 'mutated':
      return file(kind, mutate(toText(base, format), rng));
    case 'duplicate': {
      const text = toText(base, format);
      if (format === 'json') return file(kind, text.replace('"api_secrets": {', `"api_secrets": {\n    "DATABASE_URL": "${SENTINEL}-dup",`));
      return file(kind, text.replace('api_secrets:\n', `api_secrets:\n  DATABASE_URL: ${SENTINEL}-dup\n`));
    }
    case 'tag': {
      const text = toText(base, 'yaml');
      const tag = rng.pick(TAGS);
      return { kind, bytes: encoder.encode(text.replace(/(DATABASE_URL|REDIS_URL|api_env|api_secrets|project_name): /, `$1: ${tag}`)), source: `case-${index}.yaml` };
    }
    case 'number': {
      const number = rng.pick(NUMBER_TEXTS);
      if (format === 'json') return file(kind, toText(base, 'json').replace('"VERSION": "1.10"', `"VERSION": ${rng.pick(['1.10', '1e3', '-0', '12345678901234567890', '01234', '0x1F', '.5'])}`));
      return file(kind, `${toText(base, 'yaml')}api_replicas: ${number}\nweb_env:\n  ZIP: ${number}\n`);
    }
    case 'utf8': {
      const text = toText(base, format);
      const at = Math.max(0, text.indexOf(SENTINEL) + rng.int(SENTINEL.length));
      const bad = rng.pick([[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x80]]);
      const bytes = encoder.encode(text);
      const cut = encoder.encode(text.slice(0, at)).length;
      return { kind, bytes: new Uint8Array([...bytes.subarray(0, cut), ...bad, ...bytes.subarray(cut)]), source };
    }
    case 'control': {
      const char = rng.pick([...BAD_CHARS, '\\ud800', '\\u0085', '\\uFFFF']);
      const text = toText(base, format);
      const at = Math.max(0, text.indexOf(SENTINEL) + rng.int(SENTINEL.length));
      const escaped = char.startsWith('\\') && format === 'yaml' ? char.replace('\\', '\\\\') : char;
      return file(kind, text.slice(0, at) + escaped + text.slice(at));
    }
    case 'proto': {
      const key = rng.pick(PROTO);
      const where = rng.pick(['top', 'api_env', 'api_secrets', 'web_env', 'api_resources']);
      const text = toText(base, format);
      if (format === 'json') {
        const entry = where === 'top' ? `"${key}": {"polluted": "${SENTINEL}"}` : `"${where}": {"${key}": "${SENTINEL}"}`;
        return file(kind, text.replace('{', `{\n  ${entry},`));
      }
      return file(kind, `${text}${where === 'top' ? `${key}:\n  polluted: ${SENTINEL}\n` : `${where}.${key}: ${SENTINEL}\n`}`);
    }
    case 'deep': {
      const depth = index % 100 === 0 ? 5000 : rng.pick([15, 16, 17, 40, 500]);
      return file(kind, format === 'json' ? `{"preset":"vps","api_resources":${deep(depth, true)},"api_secrets":{"DATABASE_URL":"${SENTINEL}"}}` : `preset: vps\napi_secrets:\n  DATABASE_URL: ${SENTINEL}\napi_resources: ${deep(depth, false)}\n`);
    }
    case 'huge': {
      // A 10,001-entry mapping takes the YAML parser ~100 ms: a few of those prove the limit.
      const what = index % 200 === 0 ? 'map' : rng.pick(['value', 'secret', 'list', 'key', 'file']);
      const big = (n: number) => `${SENTINEL}${'x'.repeat(n)}`;
      if (what === 'value' || what === 'secret') {
        const changed = { ...base, [what === 'value' ? 'api_env' : 'api_secrets']: { ...(base[what === 'value' ? 'api_env' : 'api_secrets'] as Answers), BIG: big(64 * 1024 + rng.int(4096)) } };
        return file(kind, toText(changed, format));
      }
      if (what === 'map') return { kind, bytes: hugeMap(format), source };
      if (what === 'list') return file(kind, toText({ ...base, ingress_hosts: Array.from({ length: 101 + rng.int(50) }, (_, i) => `h${i}.example.com`) }, format));
      if (what === 'key') return file(kind, toText({ ...base, api_secrets: { [`K${'Y'.repeat(300)}`]: SENTINEL } }, format));
      return file(kind, `# ${'x'.repeat(4 * 1024 * 1024)}\n${toText(base, 'yaml')}`);
    }
    case 'alias': {
      const levels = 3 + rng.int(8);
      const lines = [`a0: &a0 [${SENTINEL}, ${SENTINEL}, ${SENTINEL}, ${SENTINEL}, ${SENTINEL}, ${SENTINEL}, ${SENTINEL}, ${SENTINEL}, ${SENTINEL}]`];
      for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
      return { kind, bytes: encoder.encode(`${toText(base, 'yaml')}${lines.join('\n')}\n`), source: `case-${index}.yaml` };
    }
    default: {
      // --var sets: valid flags, JSON maps (valid, invalid, with duplicates and numbers), bad keys, huge values.
      const flags = Object.entries(base.api_secrets as Answers).map(([name, value]) => `api_secrets.${name}=${String(value)}`);
      for (let n = 1 + rng.int(4); n > 0; n--) {
        flags.push(
          rng.pick([
            `api_secrets={"DATABASE_URL": "${SENTINEL}"`,
            `api_secrets={"DATABASE_URL": "${SENTINEL}", "DATABASE_URL": "${SENTINEL}2"}`,
            `api_secrets={DATABASE_URL: ${SENTINEL}}`,
            `api_secrets=[${SENTINEL}]`,
            `api_env={"VERSION": 1.10, "ZIP": 1234}`,
            `api_env={"A": "\\ud800${SENTINEL}"}`,
            `api_secrets.DATABASE_URL=${SENTINEL}\u0085`,
            `api_secrets.DATABASE_URL=${SENTINEL}${'y'.repeat(70 * 1024)}`,
            `${SENTINEL}`,
            `=${SENTINEL}`,
            `__proto__.polluted=${SENTINEL}`,
            `api_secrets.__proto__=${SENTINEL}`,
            `api_secrets={"__proto__": "${SENTINEL}"}`,
            `api_resources=${deep(rng.pick([10, 20, 3000]), true)}`,
            `DATABASE_URL=${SENTINEL}`,
            `api_secrets.DATABASE_URL=null`,
            `environment=${rng.pick(['prod', 'dev', 'nope', ''])}`,
            `replicas=${rng.int(1000)}`,
          ]),
        );
      }
      return { kind: 'vars', bytes: encoder.encode(toText({ ...base, api_secrets: {} }, 'yaml')), source: `case-${index}.yaml`, vars: flags };
    }
  }
}

const STACK = /\n\s+at\s|\bat .+\(.*:\d+:\d+\)|node_modules|Error: /;

function expectGoodProblems(problems: readonly Problem[], what: string): void {
  expect(problems.length, `${what}: a rejection lists its problems`).toBeGreaterThan(0);
  for (const p of problems) {
    expect(typeof p.key === 'string' && p.key.length > 0, `${what}: every problem has a key path: ${JSON.stringify(p)}`).toBe(true);
    expect(typeof p.message, what).toBe('string');
  }
  expectClean(problems, what);
}

function expectClean(value: unknown, what: string): void {
  const text = JSON.stringify(value);
  expect(text.includes(SENTINEL), `${what}: a message contains the secret sentinel: ${text.slice(0, 2000)}`).toBe(false);
  expect(STACK.test(text), `${what}: a message contains stack-trace text: ${text.slice(0, 2000)}`).toBe(false);
}

describe('robustness of answers files and --var flags (pure parse + resolve)', () => {
  const printed: unknown[][] = [];
  beforeAll(() => {
    for (const method of ['warn', 'error', 'log'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args));
    vi.spyOn(process, 'emitWarning').mockImplementation((...args: unknown[]) => void printed.push(args));
  });
  afterAll(() => vi.restoreAllMocks());

  it(`${CASES.toLocaleString('en')} seeded cases: no exception, problems with keys, no sentinel, no stack trace, nothing printed`, () => {
    const rng = prng(SEED);
    const counts = new Map<string, { cases: number; accepted: number; ms: number }>();
    let maxHeap = process.memoryUsage().heapUsed;
    let slowest = { ms: 0, kind: '' };
    const started = performance.now();
    for (let index = 0; index < CASES; index++) {
      const c = generate(rng, index);
      const what = `case ${index} (${c.kind})`;
      const t0 = performance.now();
      let accepted = false;
      try {
        const layers: AnswerLayer[] = [];
        const problems: Problem[] = [];
        const read = readAnswersBytes(c.bytes ?? new Uint8Array(), c.source ?? 'answers.yaml');
        if (read.ok) layers.push(read.layer);
        else problems.push(...read.problems);
        if (c.vars) {
          const vars = parseVarFlags(c.vars);
          problems.push(...vars.problems);
          layers.push(vars.layer);
        }
        if (problems.length > 0) {
          expectGoodProblems(problems, what);
        } else {
          const resolved = resolveContract(layers);
          if (resolved.ok) {
            accepted = true;
            expectClean(resolved.warnings, `${what} warnings`);
            // Nothing reached a prototype.
            expect(({} as Record<string, unknown>).polluted, what).toBeUndefined();
          } else {
            expectGoodProblems(resolved.problems, what);
          }
        }
      } catch (error) {
        throw new Error(`${what} threw: ${error instanceof Error ? error.stack : String(error)}`);
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, kind: c.kind };
      const count = counts.get(c.kind) ?? { cases: 0, accepted: 0, ms: 0 };
      counts.set(c.kind, { cases: count.cases + 1, accepted: count.accepted + (accepted ? 1 : 0), ms: Math.round(count.ms + ms) });
      if (index % 250 === 0) maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
    }
    const total = performance.now() - started;
    maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
    vi.restoreAllMocks();
    console.log(
      `robustness: ${CASES} cases in ${(total / 1000).toFixed(1)} s (${(total / CASES).toFixed(2)} ms each, slowest ${slowest.ms.toFixed(0)} ms: ${slowest.kind}); max heap ${(maxHeap / 2 ** 20).toFixed(0)} MiB; ` +
        `accepted ${[...counts.values()].reduce((n, c) => n + c.accepted, 0)}`,
    );
    if (process.env.ROBUSTNESS_STATS) console.log(JSON.stringify(Object.fromEntries(counts)));
    expect(printed, 'the yaml library (or anything else) printed').toEqual([]);
    // Every kind was generated often, and valid inputs were accepted (the suite is not vacuous).
    for (const [kind, count] of counts) expect(count.cases, kind).toBeGreaterThan(CASES / 50);
    expect(counts.get('valid')?.accepted, 'valid answers accepted').toBe(counts.get('valid')?.cases);
    // Inputs that break a rule of the reader are always refused.
    for (const kind of ['duplicate', 'utf8', 'proto', 'deep', 'huge', 'alias']) expect(counts.get(kind)?.accepted, `${kind} accepted`).toBe(0);
    // No timing assertion (speed is the benchmark's business): a pathological input that hangs the
    // reader still fails, by the test's timeout.
  }, 180_000);
});

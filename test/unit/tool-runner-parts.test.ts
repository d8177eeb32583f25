/** The small parts of the tool runner: limits from the environment, escaping, stale scratch clean-up. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, toolLimits } from '../../src/checks/limits.js';
import { escapeControl } from '../../src/checks/safe-text.js';
import { cleanStaleScratch, isSecretValueFile } from '../../src/checks/scratch.js';

describe('tool limits', () => {
  it('default to 60 s per check, 10 s per version probe, 2 s of grace and 1 MiB per stream', () => {
    expect(toolLimits({}, {})).toEqual({ timeoutMs: 60_000, probeTimeoutMs: 10_000, graceMs: 2_000, outputCapBytes: 1024 * 1024 });
  });
  it('are changed by STARTER_CONSOLE_TOOL_* variables, and the caller wins over them', () => {
    const env = { STARTER_CONSOLE_TOOL_TIMEOUT_MS: '3000', STARTER_CONSOLE_TOOL_PROBE_TIMEOUT_MS: '500', STARTER_CONSOLE_TOOL_KILL_GRACE_MS: '100' };
    expect(toolLimits({}, env)).toEqual({ ...DEFAULT_LIMITS, timeoutMs: 3000, probeTimeoutMs: 500, graceMs: 100 });
    expect(toolLimits({ timeoutMs: 10 }, env).timeoutMs).toBe(10);
  });
  it('refuse a value that is not a positive whole number of milliseconds', () => {
    for (const bad of ['0', '-5', '1.5', '10s', 'x']) {
      expect(() => toolLimits({}, { STARTER_CONSOLE_TOOL_TIMEOUT_MS: bad }), bad).toThrow(/STARTER_CONSOLE_TOOL_TIMEOUT_MS=.* is not a positive whole number of milliseconds/);
    }
  });
});

describe('escapeControl', () => {
  it('shows ANSI escapes, carriage returns, bells, C1 and bidi controls escaped, keeps newlines and tabs', () => {
    expect(escapeControl('\u001b[31mred\u001b[0m\r\u0007\tok\nnext\u009b\u202e')).toBe('\\e[31mred\\e[0m\\r\\u0007\tok\nnext\\u009b\\u202e');
    expect(escapeControl('plain text: é, 日本')).toBe('plain text: é, 日本');
  });
});

describe('secret value files', () => {
  it('are the secrets/*.env and secrets/*.yaml files, not their examples or the chart templates', () => {
    expect(['ops/compose/secrets/api.env', 'secrets/web.env', 'ops/charts/secrets/values.prod.yaml'].filter(isSecretValueFile)).toHaveLength(3);
    expect(['ops/compose/secrets/api.env.example', 'ops/charts/secrets/values.prod.yaml.example', 'ops/charts/starter/templates/secrets.yaml', 'ops/compose/secrets/.gitignore'].filter(isSecretValueFile)).toEqual([]);
  });
});

describe('cleanStaleScratch', () => {
  const parent = mkdtempSync(join(tmpdir(), 'starter-console-stale-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("removes the scratch directories of dead runs and this process's untracked ones; leaves live runs, other bundles and other files alone", async () => {
    const dead = '.deploy.starter-scratch-99999999-aaaa';
    const ownUntracked = `.deploy.starter-scratch-${process.pid}-bbbb`;
    const live = `.deploy.starter-scratch-${process.ppid}-cccc`;
    const otherBundle = '.prod.starter-scratch-99999999-dddd';
    const stage = '.deploy.starter-stage-99999999-eeee';
    for (const name of [dead, ownUntracked, live, otherBundle, stage, 'deploy']) mkdirSync(join(parent, name, 'ops'), { recursive: true });
    expect((await cleanStaleScratch(parent, 'deploy')).sort()).toEqual([dead, ownUntracked].sort());
    expect(readdirSync(parent).sort()).toEqual([live, otherBundle, stage, 'deploy'].sort());
    expect(await cleanStaleScratch(join(parent, 'missing'), 'deploy')).toEqual([]);
  });
});

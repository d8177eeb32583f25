import { describe, expect, it } from 'vitest';
import { planChanges } from '../../src/bundle/drift.js';
import { buildManifest, canonicalJson, sha256 } from '../../src/bundle/manifest.js';
import { file, secretFile, sortPlan } from '../../src/bundle/plan.js';
import { redactAnswers, redactedSecretKeys, renderAnswersFile, REDACTED } from '../../src/bundle/answers-file.js';

const plan = sortPlan([file('a.txt', 'new a\n'), file('b.txt', 'b\n'), secretFile('s.env', 'X=1\n')]);
const manifestOf = (files: { path: string; content: string }[]) =>
  buildManifest({ version: '1', preset: 'vps', target: 'vps', redactedContract: {}, files: files.map((f) => ({ ...f, mode: 0o644, kind: 'generated' as const })) });

describe('planChanges', () => {
  it('creates into an empty directory', () => {
    expect(planChanges(plan, undefined, new Map()).map((c) => c.action)).toEqual(['create', 'create', 'create']);
  });

  it('updates generated files, blocks hand edits, keeps foreign files, deletes stale generated files', () => {
    const manifest = manifestOf([
      { path: 'a.txt', content: 'old a\n' },
      { path: 'b.txt', content: 'b original\n' },
      { path: 'stale.txt', content: 'stale\n' },
    ]);
    const disk = new Map([
      ['a.txt', { content: 'old a\n', mode: 0o644 }],
      ['b.txt', { content: 'b edited by hand\n', mode: 0o644 }],
      ['stale.txt', { content: 'stale\n', mode: 0o644 }],
      ['notes.md', { content: 'mine\n', mode: 0o644 }],
    ]);
    const changes = Object.fromEntries(planChanges(plan, manifest, disk).map((c) => [c.path, c]));
    expect(changes['a.txt']?.action).toBe('update');
    expect(changes['b.txt']?.action).toBe('conflict');
    expect(changes['b.txt']?.diff).toContain('-b edited by hand');
    expect(changes['stale.txt']?.action).toBe('delete');
    expect(changes['notes.md']?.action).toBe('keep');
    expect(changes['s.env']?.action).toBe('create');
  });

  it('records no hash for secret files and never overwrites a differing one without --force', () => {
    const manifest = buildManifest({ version: '1', preset: 'vps', target: 'vps', redactedContract: {}, files: plan });
    expect(manifest.files['s.env']).toEqual({ mode: '0600', kind: 'secret' });
    const disk = new Map([['s.env', { content: 'X=old\n', mode: 0o600 }]]);
    expect(planChanges(plan, manifest, disk).find((c) => c.path === 's.env')?.action).toBe('conflict');
  });

  it('never shows the content of a secret file in a diff', () => {
    const disk = new Map([['s.env', { content: 'X=operator-value\n', mode: 0o600 }]]);
    const change = planChanges(plan, undefined, disk).find((c) => c.path === 's.env');
    expect(change?.action).toBe('conflict');
    expect(change?.diff).toBeUndefined();
  });

  it('reports nothing to do when the disk matches the plan', () => {
    const disk = new Map(plan.map((f) => [f.path, { content: f.content, mode: f.mode }]));
    expect(planChanges(plan, undefined, disk).every((c) => c.action === 'unchanged')).toBe(true);
  });
});

describe('manifest', () => {
  it('hashes canonically, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(manifestOf([{ path: 'x', content: 'y' }]).files.x?.sha256).toBe(sha256('y'));
  });
});

describe('plan', () => {
  it('rejects duplicate and escaping paths', () => {
    expect(() => sortPlan([file('a', ''), file('a', '')])).toThrow(/two files/);
    expect(() => sortPlan([file('../a', '')])).toThrow(/unsafe path/);
  });
});

describe('answers file', () => {
  it('redacts secret values and keeps their keys', () => {
    const answers = { preset: 'vps', api_secrets: { REDIS_URL: 'redis://x', DATABASE_URL: 'postgres://y' }, api_env: { B: '1', A: '2' } };
    expect(redactAnswers(answers)).toEqual({ api_env: { A: '2', B: '1' }, api_secrets: { DATABASE_URL: REDACTED, REDIS_URL: REDACTED }, preset: 'vps' });
    const text = renderAnswersFile(answers, '1.0.0');
    expect(text.startsWith('# yaml-language-server: $schema=./starter-answers.schema.json')).toBe(true);
    expect(text).not.toContain('postgres://y');
    expect(redactedSecretKeys(redactAnswers(answers))).toEqual(['api_secrets.DATABASE_URL', 'api_secrets.REDIS_URL']);
  });
});

/**
 * The wizard is generic over the contract: for every golden case (every preset and target, new
 * ones included without touching the wizard), answering each question the wizard asks from the
 * case (or with its default) arrives at the same contract as the case itself. Also: every key has a
 * prompt kind, and the wizard's derived defaults agree with the contract's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { redactAnswers } from '../../../src/bundle/answers-file.js';
import { FIELD_KEYS, FIELDS } from '../../../src/targets/keys.js';
import { DERIVED_DEFAULTS } from '../../../src/contract/relevance.js';
import type { AnswerLayer } from '../../../src/contract/resolve.js';
import { resolveContract } from '../../../src/targets/contract.js';
import { TARGETS } from '../../targets.js';
import { displayValue } from '../../../src/wizard/ask.js';
import { plainStyle, type Prompter } from '../../../src/wizard/prompter.js';
import { questionsFor } from '../../../src/wizard/questions.js';
import { kindOf } from '../../../src/wizard/schema-kind.js';
import { contextFromLayers } from '../../../src/wizard/session.js';
import { emptyState, isRecord, wizardAnswers } from '../../../src/wizard/state.js';
import { review, WRITE, walk } from '../../../src/wizard/walk.js';

const casesDir = join('test', 'golden', 'cases');
const cases = readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).sort();

/** Answers every question from the case; Enter (the default) where the case says nothing. */
function caseAnswerer(values: Record<string, unknown>): Prompter & { ids: string[]; masked: string[] } {
  const ids: string[] = [];
  const masked: string[] = [];
  const added = new Map<string, Set<string>>();
  const entry = (id: string) => {
    const dot = id.indexOf('.');
    const map = values[id.slice(0, dot)];
    return isRecord(map) ? map[id.slice(dot + 1)] : undefined;
  };
  return {
    ids,
    masked,
    async select(r) {
      ids.push(r.id);
      if (r.id === 'review') return WRITE as never;
      const wanted = values[r.id] ?? r.default ?? r.choices.find((c) => !c.disabled)?.value;
      const choice = r.choices.find((c) => c.value === wanted);
      if (!choice || choice.disabled) throw new Error(`${r.id}: ${String(wanted)} is not an enabled choice (${choice?.disabled ?? 'missing'})`);
      return choice.value;
    },
    async confirm(r) {
      ids.push(r.id);
      if (r.id === 'advanced') return true; // ask everything the case may set
      const v = values[r.id];
      return typeof v === 'boolean' ? v : r.default;
    },
    async input(r) {
      ids.push(r.id);
      let text: string;
      if (r.id.endsWith('.add')) {
        const key = r.id.slice(0, -'.add'.length);
        const map = isRecord(values[key]) ? values[key] : {};
        const done = added.get(key) ?? new Set<string>();
        added.set(key, done);
        const next = Object.keys(map).find((name) => !done.has(name));
        if (next) done.add(next);
        text = next === undefined ? '' : key.endsWith('_secrets') ? next : `${next}=${String(map[next])}`;
      } else if (r.id.includes('.')) {
        text = String(entry(r.id) ?? '');
        added.get(r.id.slice(0, r.id.indexOf('.')))?.add(r.id.slice(r.id.indexOf('.') + 1));
      } else {
        text = values[r.id] !== undefined ? displayValue(values[r.id]) : (r.default ?? '');
      }
      const problem = r.validate?.(text);
      if (problem) throw new Error(`${r.id}: the case's answer ${JSON.stringify(text)} is refused: ${problem}`);
      return text;
    },
    async password(r) {
      ids.push(r.id);
      masked.push(r.id);
      return String(entry(r.id) ?? '');
    },
  };
}

/** A contract as the bundle records it (secret values redacted unless the target keeps references). */
function recorded(layers: AnswerLayer[]) {
  const resolved = resolveContract(layers);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems, null, 2));
  const secretsAreReferences = TARGETS[resolved.contract.target].secretsAreReferences?.(resolved.contract) ?? false;
  return redactAnswers(resolved.contract as unknown as Record<string, unknown>, { secretsAreReferences });
}

describe('the wizard reaches every golden case', () => {
  it.each(cases)('%s', async (caseFile) => {
    const values = parse(readFileSync(join(casesDir, caseFile), 'utf8')) as Record<string, unknown>;
    const prompter = caseAnswerer(values);
    const ctx = contextFromLayers([], {}, false);
    const state = emptyState();
    const io = { prompter, say: () => undefined, style: plainStyle };
    await walk(io, ctx, state);
    await review(io, ctx, state);
    const hidden = questionsFor(ctx, state).filter((q) => q.hidden).map((q) => q.key);
    const wizard = recorded([{ source: 'the wizard', values: wizardAnswers(ctx, state, hidden) }]);
    expect(wizard).toEqual(recorded([{ source: caseFile, values }]));
    // Every key the case sets was asked (nothing silently taken from elsewhere).
    for (const key of Object.keys(values)) expect(prompter.ids.some((id) => id === key || id.startsWith(`${key}.`)), key).toBe(true);
    // Without --include-secrets nothing is masked: secret values are not asked at all, and secret
    // references (store keys with External Secrets) are asked in the open.
    expect(prompter.masked).toEqual([]);
    const resolved = resolveContract([{ source: caseFile, values }]);
    if (resolved.ok && TARGETS[resolved.contract.target].secretsAreReferences?.(resolved.contract)) {
      // The case's own references (a target may provide DATABASE_URL itself, e.g. the AWS blueprint's secret).
      for (const name of Object.keys((values.api_secrets ?? {}) as Record<string, unknown>)) expect(prompter.ids).toContain(`api_secrets.${name}`);
    }
  });
});

describe('questions come from the contract', () => {
  it('every key has a prompt kind (JSON text only for nested objects); enums are selects with their options', () => {
    for (const key of FIELD_KEYS) {
      const kind = kindOf(FIELDS[key].schema);
      const defType = (FIELDS[key].schema as unknown as { _zod: { def: { type: string } } })._zod.def.type;
      if (kind.type === 'json') expect(defType, key).toBe('object');
    }
    expect(kindOf(FIELDS.environment.schema)).toEqual({ type: 'select', options: ['dev', 'staging', 'prod'] });
    expect(kindOf(FIELDS.enable_worker.schema).type).toBe('confirm');
    expect(kindOf(FIELDS.api_secrets.schema).type).toBe('map');
  });

  it("the wizard's derived defaults agree with the contract's", () => {
    const base = {
      preset: 'other',
      project_name: 'acme-app',
      api_image: 'ghcr.io/acme/api:1.0.0',
      web_image: 'ghcr.io/acme/web:1.0.0',
      api_base_url: 'http://api:8000',
      app_public_url: 'https://app.example.com',
      secrets_provider: 'gcp_sm',
      gcp_sm_signing_secret_name: 'acme-signing-secret',
      gcp_sm_project_id: 'acme-app-prod',
      storage_bucket_name: 'acme-bucket',
      s3_region: 'eu-west-1',
      api_secrets: { DATABASE_URL: 'x', REDIS_URL: 'y', OPENAI_API_KEY: 'o', SECRET_KEY: 's', AUTH_PASSWORD_PEPPER: 'p', AUTH_REFRESH_TOKEN_PEPPER: 'r' },
    };
    const resolved = resolveContract([{ source: 'test', values: base }]);
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
    const merged = { ...resolved.contract } as Record<string, unknown>;
    for (const [key, derive] of Object.entries(DERIVED_DEFAULTS)) {
      expect(derive({ ...merged, [key]: undefined }), key).toEqual(merged[key]);
    }
  });
});

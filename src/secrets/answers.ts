/**
 * Onboarding answers from the command line's layers (answers files, then --var): a setting by its env
 * name (any case), by its contract key (gcp_sm_project_id), or as an api_env / api_secrets entry, so
 * the reference console's answers files and the wizard's own both work. A file may hold keys for
 * other commands (it is shared with `setup wizard`); a --var that no step of the flow reads is a
 * mistake and is reported with a near miss.
 */
import { CONTRACT_KEYED_SETTINGS } from '../contract/app-env/settings.js';
import type { AnswerLayer } from '../contract/resolve.js';
import { closest } from '../contract/suggest.js';
import type { Problem } from '../errors.js';

export interface Supplied {
  value: string;
  source: string;
}

/** The marker the bundle's answers file writes for a secret value (bundle/answers-file.ts; a test holds them equal). */
export const REDACTED_MARKER = '<redacted>';

const BY_CONTRACT_KEY = new Map(CONTRACT_KEYED_SETTINGS.map((s) => [s.contractKey ?? '', s.name]));
const MAPS = ['api_env', 'api_secrets'];

const scalar = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** The env name a key stands for, or undefined. */
function envNameOf(key: string): string | undefined {
  const trimmed = key.trim();
  const contractKeyed = BY_CONTRACT_KEY.get(trimmed);
  if (contractKeyed) return contractKeyed;
  if (trimmed === 'secrets_provider') return 'SECRETS_PROVIDER';
  const dot = trimmed.indexOf('.');
  if (dot > 0 && MAPS.includes(trimmed.slice(0, dot))) return trimmed.slice(dot + 1);
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(trimmed) ? trimmed.toUpperCase() : undefined;
}

/** Every answer by env name, later layers winning; a redacted marker or null counts as not given. */
export function suppliedAnswers(layers: readonly AnswerLayer[]): Map<string, Supplied> {
  const out = new Map<string, Supplied>();
  const put = (key: string, raw: unknown, source: string) => {
    const name = envNameOf(key);
    if (!name) return;
    const value = scalar(raw);
    if (raw === null) out.delete(name);
    else if (value !== undefined && value !== REDACTED_MARKER) out.set(name, { value, source });
  };
  for (const layer of layers) {
    for (const [key, raw] of Object.entries(layer.values)) {
      if (MAPS.includes(key) && raw && typeof raw === 'object' && !Array.isArray(raw)) {
        for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) put(`${key}.${name}`, entry, layer.source);
      } else {
        put(key, raw, layer.source);
      }
    }
  }
  return out;
}

/** --var keys that name nothing the flow reads, each with a near miss when there is one. */
export function unusedVarProblems(layers: readonly AnswerLayer[], known: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const layer of layers.filter((l) => l.source === '--var')) {
    for (const key of Object.keys(layer.values)) {
      const name = envNameOf(key);
      if (name && known.includes(name)) continue;
      const near = closest(name ?? key, known);
      problems.push({ key, message: 'is not a setting of this provider\'s onboarding', hint: near ? `did you mean ${near}?` : `the settings are: ${known.join(', ')}` });
    }
  }
  return problems;
}

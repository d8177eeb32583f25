/** Invariants every target's rendered env must hold, checked on the files themselves. */
import { CONNECTION_SECRETS } from '../../contract/literals.js';
import type { Contract } from '../../contract/contract.js';
import { parseDotenv } from '../../render/dotenv.js';
import type { BundleFiles } from '../../checks/types.js';

type EnvReader = (content: string) => Map<string, string>;

export function readEnv(files: BundleFiles, path: string, problems: string[], read: EnvReader = parseDotenv): Map<string, string> | undefined {
  const content = files.get(path);
  if (content === undefined) {
    problems.push(`${path} is missing`);
    return undefined;
  }
  try {
    return read(content);
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
    return undefined;
  }
}

const EXPECTED_FLAGS = {
  api: { ENABLE_BILLING_RETRY_WORKER: 'false', ENABLE_BILLING_STREAM_REPLAY: 'false', BILLING_RETRY_DEPLOYMENT_MODE: 'dedicated' },
  worker: { ENABLE_BILLING_RETRY_WORKER: 'true', ENABLE_BILLING_STREAM_REPLAY: 'true', BILLING_RETRY_DEPLOYMENT_MODE: 'dedicated' },
  inline: { ENABLE_BILLING_RETRY_WORKER: 'true', ENABLE_BILLING_STREAM_REPLAY: 'true', BILLING_RETRY_DEPLOYMENT_MODE: 'inline' },
} as const;

export type FlagRole = keyof typeof EXPECTED_FLAGS;

/** Billing flags of one service's env must match its role in the topology (seed OPS-002). */
export function billingFlagProblems(where: string, env: ReadonlyMap<string, string> | Record<string, unknown>, role: FlagRole): string[] {
  const get = (name: string) => (env instanceof Map ? env.get(name) : (env as Record<string, unknown>)[name]);
  return Object.entries(EXPECTED_FLAGS[role]).flatMap(([name, expected]) => {
    const actual = get(name);
    return String(actual) === expected ? [] : [`${where}: ${name} is ${actual === undefined ? 'unset' : JSON.stringify(actual)}, expected ${expected}`];
  });
}

/** `read`: the reader of the target's env file format (default: dotenv, as Compose reads it). */
export function workerTopologyProblems(files: BundleFiles, paths: { api: string; worker: string }, enableWorker: boolean, read: EnvReader = parseDotenv): string[] {
  const problems: string[] = [];
  const api = readEnv(files, paths.api, problems, read);
  if (api) problems.push(...billingFlagProblems(paths.api, api, enableWorker ? 'api' : 'inline'));
  if (enableWorker) {
    const worker = readEnv(files, paths.worker, problems, read);
    if (worker) problems.push(...billingFlagProblems(paths.worker, worker, 'worker'));
  } else if (files.has(paths.worker)) {
    problems.push(`${paths.worker} exists but enable_worker is false`);
  }
  return problems;
}

/** A secret value the bundle must never show outside its secret files, and the key it was given for. */
export interface SecretCanary {
  key: string;
  value: string;
}

/** Shorter values are too likely to occur by chance (a port, a word) to prove a leak. */
export const MIN_CANARY_LENGTH = 8;
const REDACTED = '<redacted>';
/** Words a placeholder or a dev value is made of: they occur in runbooks and comments by design. */
const COMMON_WORDS = new Set(['password', 'passwords', 'changeme', 'change-me', 'placeholder', 'secret', 'secrets', 'example', 'redacted', 'default', 'localhost', 'postgres', 'postgresql', 'starter', 'development', 'production', 'staging', 'undefined', 'required', 'optional', 'not-set', 'replace-me', 'todo']);

/**
 * The secret values of a contract, as canaries: what the leak check looks for. A target whose secret
 * maps hold references (keys in a store, e.g. k8s with External Secrets) has none: references are
 * meant to be in the values and the answers. Never a canary: the redaction marker, a value equal to
 * a secret's env name (`DATABASE_URL: DATABASE_URL`), a value shorter than 8 characters, a common word.
 */
export function secretCanaries(contract: Pick<Contract, 'api_secrets' | 'web_secrets'>, options: { references: boolean }): SecretCanary[] {
  if (options.references) return [];
  const names = new Set([...Object.keys(contract.api_secrets), ...Object.keys(contract.web_secrets)]);
  const canaries: SecretCanary[] = [];
  for (const mapKey of ['api_secrets', 'web_secrets'] as const) {
    for (const [name, value] of Object.entries(contract[mapKey])) {
      const trimmed = value.trim();
      if (value === REDACTED || names.has(trimmed) || trimmed.length < MIN_CANARY_LENGTH || COMMON_WORDS.has(trimmed.toLowerCase())) continue;
      canaries.push({ key: `${mapKey}.${name}`, value });
    }
  }
  return canaries;
}

/**
 * No connection URL and no secret value in a file that is not a secret file: DATABASE_URL/REDIS_URL
 * set as env keys, and the canaries (the contract's secret values) anywhere in the text. A problem
 * names the file and the key whose value leaked, never the value.
 */
export function leakProblems(files: BundleFiles, isSecretFile: (path: string) => boolean, canaries: readonly SecretCanary[]): string[] {
  const problems: string[] = [];
  for (const [path, content] of files) {
    if (isSecretFile(path)) continue;
    for (const name of CONNECTION_SECRETS) {
      const assignments = content.matchAll(new RegExp(`^[ \\t]*-?[ \\t]*${name}[ \\t]*[=:][ \\t]*(\\S.*)$`, 'gm'));
      if ([...assignments].some((m) => !/^["']?(<redacted>)?["']?$/.test((m[1] ?? '').trim()))) {
        problems.push(`${path} sets ${name} outside a secret file`);
      }
    }
    const found = containedValues(content, canaries);
    for (const canary of canaries) if (found.has(canary.value)) problems.push(`${path} contains the value of ${canary.key} (a secret value outside the secret files)`);
  }
  return problems;
}

/**
 * Which canary values occur in the text. A few are searched one by one; many (one per secret, and a
 * bundle may hold a thousand) in one pass over the text, by their first MIN_CANARY_LENGTH characters,
 * so the work grows with the text and the canaries, not with their product.
 */
function containedValues(content: string, canaries: readonly SecretCanary[]): Set<string> {
  const values = new Set(canaries.map((c) => c.value));
  if (values.size <= 8) return new Set([...values].filter((v) => content.includes(v)));
  const byPrefix = new Map<string, string[]>();
  for (const value of values) {
    const prefix = value.slice(0, MIN_CANARY_LENGTH);
    const list = byPrefix.get(prefix);
    if (list) list.push(value);
    else byPrefix.set(prefix, [value]);
  }
  const found = new Set<string>();
  for (let i = 0; i + MIN_CANARY_LENGTH <= content.length; i++) {
    const list = byPrefix.get(content.slice(i, i + MIN_CANARY_LENGTH));
    if (list) for (const value of list) if (content.startsWith(value, i)) found.add(value);
  }
  return found;
}

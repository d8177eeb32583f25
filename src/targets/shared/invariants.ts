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

/**
 * No connection URL and no secret value in a file that is not a secret file: names as env keys,
 * and the literal secret values of the contract anywhere in the text.
 */
export function leakProblems(files: BundleFiles, isSecretFile: (path: string) => boolean, contract: Contract): string[] {
  // `<redacted>` is the marker of a redacted answers file (a contract read back by `validate`, or the
  // bundle's own answers reused to reproduce it), not a secret value.
  const secretValues = [...Object.values(contract.api_secrets), ...Object.values(contract.web_secrets)].filter((v) => v.length >= 6 && v !== '<redacted>');
  const problems: string[] = [];
  for (const [path, content] of files) {
    if (isSecretFile(path)) continue;
    for (const name of CONNECTION_SECRETS) {
      const assignments = content.matchAll(new RegExp(`^[ \\t]*-?[ \\t]*${name}[ \\t]*[=:][ \\t]*(\\S.*)$`, 'gm'));
      if ([...assignments].some((m) => !/^["']?(<redacted>)?["']?$/.test((m[1] ?? '').trim()))) {
        problems.push(`${path} sets ${name} outside a secret file`);
      }
    }
    if (secretValues.some((value) => content.includes(value))) problems.push(`${path} contains a secret value`);
  }
  return problems;
}

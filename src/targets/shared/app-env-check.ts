/**
 * The `app-env` check every target runs: the env each service will really get, read back from the
 * bundle's own files (or the chart's rendering of its values), held against the app env contract, and
 * every Host header the API's clients and probes send held against its ALLOWED_HOSTS.
 */
import type { BundleFiles, EmbeddedCheck } from '../../checks/types.js';
import { appEnvFindings, findingText, type AppEnvInput } from '../../contract/app-env/check.js';
import { UNKNOWN_SECRET, type EnvValue } from '../../contract/app-env/conditions.js';
import { rejectedHosts, type HostClient } from '../../contract/app-env/hosts.js';
import { readEnv } from './invariants.js';

export interface ServiceEnvFiles {
  /** Plain env files, in the order the runtime reads them (later wins). */
  env: readonly string[];
  /** The secret file; when the bundle holds only its example, the names count with unknown values. */
  secrets?: string;
}

/** One service's env from its files: plain values, then secrets (values when written, else names from the example). */
export function envFromFiles(files: BundleFiles, spec: ServiceEnvFiles, problems: string[], read?: (content: string) => Map<string, string>): Map<string, EnvValue> {
  const env = new Map<string, EnvValue>();
  for (const path of spec.env) for (const [name, value] of readEnv(files, path, problems, read) ?? []) env.set(name, value);
  if (spec.secrets) {
    if (files.has(spec.secrets)) {
      for (const [name, value] of readEnv(files, spec.secrets, problems, read) ?? []) env.set(name, value);
    } else if (files.has(`${spec.secrets}.example`)) {
      for (const name of readEnv(files, `${spec.secrets}.example`, problems, read)?.keys() ?? []) env.set(name, UNKNOWN_SECRET);
    }
  }
  return env;
}

export interface AppEnvSubject {
  input: AppEnvInput;
  /** Every Host header the API receives from the bundle's clients and probes. */
  clients: readonly HostClient[];
}

/** The Host header the web app sends the API: the host of its API_BASE_URL. */
export function webClient(web: ReadonlyMap<string, EnvValue>): HostClient[] {
  const base = web.get('API_BASE_URL');
  if (typeof base !== 'string') return [];
  try {
    return [{ who: 'the web app (API_BASE_URL)', host: new URL(base).host }];
  } catch {
    return [];
  }
}

export function appEnvProblemsOf(subject: AppEnvSubject): string[] {
  const allowed = subject.input.api.get('ALLOWED_HOSTS');
  return [
    ...appEnvFindings(subject.input).map(findingText),
    ...rejectedHosts(typeof allowed === 'string' ? allowed : undefined, subject.clients),
  ];
}

export function appEnvCheck(read: (files: BundleFiles, problems: string[]) => AppEnvSubject): EmbeddedCheck {
  return {
    id: 'app-env',
    title: 'every service gets the settings the application requires, in the format it reads; ALLOWED_HOSTS accepts every client',
    run: (files) => {
      const problems: string[] = [];
      const subject = read(files, problems);
      return [...problems, ...appEnvProblemsOf(subject)];
    },
  };
}

/**
 * The app env contract applied to the env a service really gets: every required setting present for
 * the chosen providers and environment, every known value in the format the app reads, and the
 * production rules the API enforces at start-up. Pure: targets assemble the env (from their env
 * files, values or rendered manifests) and report the findings as their `app-env` check.
 */
import { OTHER_API_SETTINGS } from './catalog.js';
import { holds, isStrict, isTrue, UNKNOWN_SECRET, whenClause, type EnvView } from './conditions.js';
import { formatProblem } from './formats.js';
import { APP_SETTINGS, appSetting, readsSetting, type AppSetting } from './settings.js';

export type AppService = 'api' | 'worker' | 'web';

export interface AppEnvFinding {
  service: AppService;
  key: string;
  message: string;
  fix: string;
}

export interface AppEnvInput {
  api: EnvView;
  web: EnvView;
  /** The dedicated worker, when the bundle runs one. */
  worker?: EnvView;
}

/** Redis URL settings the API checks in production (each falls back to REDIS_URL when unset). */
export const REDIS_URL_SETTINGS = ['REDIS_URL', 'RATE_LIMIT_REDIS_URL', 'AUTH_CACHE_REDIS_URL', 'SECURITY_TOKEN_REDIS_URL', 'USAGE_GUARDRAIL_REDIS_URL', 'BILLING_EVENTS_REDIS_URL', 'ACTIVITY_EVENTS_REDIS_URL'] as const;

const LOCAL_HOSTS = ['localhost', '127.0.0.1'];

/** Where a user sets a setting: its contract key, or the env or secrets map of its side. */
export function whereToSet(setting: Pick<AppSetting, 'name' | 'secret' | 'contractKey'>, side: 'api' | 'web'): string {
  if (setting.contractKey) return setting.contractKey;
  return `${side}_${setting.secret ? 'secrets' : 'env'}.${setting.name}`;
}

function known(value: unknown): value is string {
  return typeof value === 'string';
}

function redisUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be a redis:// or rediss:// URL';
  }
  if (parsed.protocol !== 'rediss:') return 'must use rediss:// (TLS) in production';
  if (!LOCAL_HOSTS.includes(parsed.hostname) && parsed.password === '') return 'must carry a password (rediss://:PASSWORD@host:port/0) in production';
  return undefined;
}

function serviceFindings(service: AppService, env: EnvView, decisions: EnvView): AppEnvFinding[] {
  const side = service === 'web' ? 'web' : 'api';
  const findings: AppEnvFinding[] = [];
  const add = (key: string, message: string, fix: string) => findings.push({ service, key, message, fix });
  for (const setting of APP_SETTINGS) {
    if (!readsSetting(setting, side)) continue;
    const value = env.get(setting.name);
    const present = value === UNKNOWN_SECRET || (known(value) && value.trim() !== '');
    if (setting.requiredWhen && holds(setting.requiredWhen, decisions) && !present) {
      add(setting.name, `is required ${whenClause(setting.requiredWhen)}`, `set ${whereToSet(setting, side)}`);
    }
  }
  for (const [name, value] of env) {
    if (!known(value)) continue;
    const setting = appSetting(name);
    const format = setting && readsSetting(setting, side) ? setting.format : side === 'api' ? OTHER_API_SETTINGS.get(name) : undefined;
    const problem = format && value !== '' ? formatProblem(format, value, setting?.values) : undefined;
    if (problem) add(name, problem, `fix ${setting ? whereToSet(setting, side) : `${side}_env.${name}`}`);
  }
  if (side === 'api') findings.push(...productionFindings(service, env));
  return findings;
}

/** The rules the API enforces at start-up in production, on one API-image service's env. */
function productionFindings(service: AppService, env: EnvView): AppEnvFinding[] {
  const findings: AppEnvFinding[] = [];
  const add = (key: string, message: string, fix: string) => findings.push({ service, key, message, fix });
  const get = (name: string) => env.get(name);
  if (isTrue(get('ENABLE_BILLING')) && !isTrue(get('ENABLE_BILLING_STREAM')) && (get('ENABLE_BILLING_STREAM_REPLAY') === undefined || isTrue(get('ENABLE_BILLING_STREAM_REPLAY')))) {
    add('ENABLE_BILLING_STREAM', 'must be true with ENABLE_BILLING: the billing stream replay cannot start without the stream', 'set api_env.ENABLE_BILLING_STREAM=true');
  }
  if (!isStrict(env)) return findings;
  if (isTrue(get('DEBUG'))) add('DEBUG', 'must not be true outside dev: it turns every production check off and accepts any Host header', 'remove api_env.DEBUG');
  if (get('AUTH_KEY_STORAGE_BACKEND') !== 'secret-manager') add('AUTH_KEY_STORAGE_BACKEND', 'must be secret-manager in production', 'set auth_key_storage_backend: secret-manager');
  const provider = get('SECRETS_PROVIDER');
  // Missing is reported as a required setting; here: set, but not true.
  const verify = get('VAULT_VERIFY_ENABLED');
  if ((provider === undefined || provider === 'vault_dev' || provider === 'vault_hcp') && verify !== undefined && !isTrue(verify)) {
    add('VAULT_VERIFY_ENABLED', 'must be true in production with a Vault secrets provider', 'the generator sets it outside dev; remove any override');
  }
  for (const setting of APP_SETTINGS) {
    const value = get(setting.name);
    if (setting.starterValues && known(value) && (value.trim() === '' || setting.starterValues.includes(value.trim()))) {
      add(setting.name, 'is the starter placeholder (or empty), which the API refuses in production', `set api_secrets.${setting.name} to a random value (openssl rand -hex 32)`);
    }
  }
  for (const name of REDIS_URL_SETTINGS) {
    const value = get(name);
    const problem = known(value) && value.trim() !== '' ? redisUrlProblem(value.trim()) : undefined;
    if (problem) add(name, problem, `set api_secrets.${name} to rediss://:<password>@<host>:<port>/0`);
  }
  return findings;
}

/** Every finding for the services of a bundle; the web app's requirements follow the API's decisions. */
export function appEnvFindings(input: AppEnvInput): AppEnvFinding[] {
  return [
    ...serviceFindings('api', input.api, input.api),
    ...(input.worker ? serviceFindings('worker', input.worker, input.worker) : []),
    ...serviceFindings('web', input.web, input.api),
  ];
}

export function findingText(finding: AppEnvFinding): string {
  return `${finding.service}: ${finding.key} ${finding.message} (${finding.fix})`;
}

/**
 * Contract rules from the app env contract: the settings the app requires for the chosen providers,
 * storage, environment and features (asked as their contract keys, or as api_secrets/web_secrets or
 * api_env entries), secret settings only ever as secrets, the formats of known settings given in
 * api_env/web_env, and, as warnings, names that are no setting of the app (with a near miss).
 */
import type { Problem } from '../../errors.js';
import { CONNECTION_SECRETS } from '../literals.js';
import { closest } from '../suggest.js';
import { OTHER_API_SETTINGS } from './catalog.js';
import { holds, isStrict, isTrue, whenClause, type EnvView } from './conditions.js';
import { formatProblem } from './formats.js';
import { APP_SETTINGS, appSetting, readsSetting, type AppSetting } from './settings.js';
import { plannedApiEnv, relevantWhen, settingRelevant } from './planned.js';
import { CONTRACT_KEYED_SETTINGS } from './settings.js';
import { REDIS_URL_SETTINGS, whereToSet } from './check.js';
import { asRecord } from '../records.js';

type Answers = Record<string, unknown>;


export interface AppRuleOptions {
  /** Env names the generator or the target sets itself: never asked of the user. */
  managed: ReadonlySet<string>;
  /** Env names the target provides for these answers (e.g. local MinIO's endpoint on one server). */
  provided: readonly string[];
}

const GENERATE_HINT = 'generate one with: openssl rand -hex 32';

function requiredProblem(setting: AppSetting, side: 'api' | 'web', env: EnvView): Problem | undefined {
  const present = (map: EnvView, name: string) => map.has(name) && map.get(name) !== '';
  if (!setting.requiredWhen || !holds(setting.requiredWhen, env) || present(env, setting.name)) return undefined;
  const key = whereToSet(setting, side);
  const when = whenClause(setting.requiredWhen);
  if (setting.contractKey) return { key, message: `is required ${when}: the API reads it as ${setting.name}`, hint: setting.description };
  return {
    key,
    message: `is required ${when}`,
    hint: setting.starterValues ? `${setting.description.replace(/ \(openssl.*$/, '')}; ${GENERATE_HINT}` : `add it, e.g. --var ${key}=<${setting.secret ? 'secret' : 'value'}> (${setting.description})`,
  };
}

function requiredSettings(answers: Answers, options: AppRuleOptions): Problem[] {
  const api = plannedApiEnv(answers, options.provided);
  const problems: Problem[] = [];
  for (const setting of APP_SETTINGS) {
    if (options.managed.has(setting.name) || (CONNECTION_SECRETS as readonly string[]).includes(setting.name)) continue;
    if (readsSetting(setting, 'api')) {
      const problem = requiredProblem(setting, 'api', api);
      if (problem) problems.push(problem);
    }
    if (readsSetting(setting, 'web') && setting.secret && setting.requiredWhen && holds(setting.requiredWhen, api) && !Object.hasOwn(asRecord(answers.web_secrets), setting.name)) {
      problems.push({ key: `web_secrets.${setting.name}`, message: `is required ${whenClause(setting.requiredWhen)}`, hint: `${setting.description} ${GENERATE_HINT}` });
    }
  }
  return problems;
}

/** Values given for secrets that the app refuses or misreads (checked only where they are URLs or known placeholders). */
function secretValues(answers: Answers): Problem[] {
  const api = plannedApiEnv(answers);
  const strict = isStrict(api);
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(asRecord(answers.api_secrets))) {
    if (typeof value !== 'string') continue;
    const setting = appSetting(name);
    if (strict && setting?.starterValues?.includes(value.trim())) {
      problems.push({ key: `api_secrets.${name}`, message: 'is the starter placeholder, which the API refuses in production', hint: GENERATE_HINT });
    }
    // Only a value in the setting's own scheme is a URL to check; anything else is a reference (a key or URI in a store).
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(value)?.[1] ?? '';
    const isRedis = (REDIS_URL_SETTINGS as readonly string[]).includes(name);
    if ((name === 'DATABASE_URL' && scheme.startsWith('postgres')) || (isRedis && scheme.startsWith('redis'))) {
      const problem = formatProblem(name === 'DATABASE_URL' ? 'postgres-url' : 'redis-url', value);
      if (problem) problems.push({ key: `api_secrets.${name}`, message: problem });
      else if (strict && name !== 'DATABASE_URL') {
        const url = new URL(value);
        if (url.protocol !== 'rediss:') problems.push({ key: `api_secrets.${name}`, message: `must use rediss:// (TLS): the API refuses plain Redis outside dev`, hint: 'use rediss://:<password>@<host>:<port>/0' });
        else if (!['localhost', '127.0.0.1'].includes(url.hostname) && url.password === '') problems.push({ key: `api_secrets.${name}`, message: 'must carry a password: the API refuses Redis without one outside dev', hint: 'use rediss://:<password>@<host>:<port>/0' });
      }
    }
  }
  return problems;
}

/** Secret settings never as plain env; known settings in the format the app reads. */
function plainEnv(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const side of ['api', 'web'] as const) {
    for (const [name, value] of Object.entries(asRecord(answers[`${side}_env`]))) {
      const setting = appSetting(name);
      if (setting?.secret && readsSetting(setting, side)) {
        problems.push({ key: `${side}_env.${name}`, message: `${name} is a secret of the app and would be written in plain text`, hint: `move it to ${side}_secrets.${name}` });
        continue;
      }
      const format = setting && readsSetting(setting, side) ? setting.format : side === 'api' ? OTHER_API_SETTINGS.get(name) : undefined;
      const problem = format && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') ? formatProblem(format, String(value), setting?.values) : undefined;
      if (problem) problems.push({ key: `${side}_env.${name}`, message: `${name} ${problem}` });
    }
  }
  return problems;
}

/** Start-up rules of the API that depend on plain env the user gives. */
function startupRules(answers: Answers): Problem[] {
  const api = plannedApiEnv(answers);
  const problems: Problem[] = [];
  if (isTrue(api.get('DEBUG')) && (answers.environment === 'staging' || answers.environment === 'prod')) {
    problems.push({ key: 'api_env.DEBUG', message: 'must not be true in staging or prod: it turns off every production check of the API and accepts any Host header', hint: 'remove api_env.DEBUG' });
  }
  const replay = api.get('ENABLE_BILLING_STREAM_REPLAY');
  if (isTrue(api.get('ENABLE_BILLING')) && !isTrue(api.get('ENABLE_BILLING_STREAM')) && (replay === undefined || isTrue(replay) || answers.enable_worker === true)) {
    problems.push({ key: 'api_env.ENABLE_BILLING_STREAM', message: 'must be true with ENABLE_BILLING: the API (or the worker) replays the billing stream and fails at start-up without it', hint: 'set api_env.ENABLE_BILLING_STREAM=true' });
  }
  return problems;
}

export function appEnvProblems(answers: Answers, options: AppRuleOptions): Problem[] {
  return [...requiredSettings(answers, options), ...secretValues(answers), ...plainEnv(answers), ...startupRules(answers)];
}

const API_NAMES = [...APP_SETTINGS.filter((s) => readsSetting(s, 'api')).map((s) => s.name), ...OTHER_API_SETTINGS.keys()];
const WEB_NAMES = APP_SETTINGS.filter((s) => readsSetting(s, 'web')).map((s) => s.name);

/** Names in the env and secret maps that no service reads: warnings, since apps grow. */
export function appEnvWarnings(answers: Answers): Problem[] {
  const warnings: Problem[] = [];
  for (const setting of CONTRACT_KEYED_SETTINGS) {
    const key = setting.contractKey ?? '';
    if (answers[key] !== undefined && !settingRelevant(setting, answers)) {
      warnings.push({ key, message: `has no effect: the app reads ${setting.name} only ${whenClause(relevantWhen(setting)).replace(/^when /, 'when ')}`, hint: `remove ${key}, or change the answers that make it matter` });
    }
  }
  for (const side of ['api', 'web'] as const) {
    const names = side === 'api' ? API_NAMES : WEB_NAMES;
    for (const mapKey of [`${side}_env`, `${side}_secrets`]) {
      for (const name of Object.keys(asRecord(answers[mapKey]))) {
        if (names.includes(name)) continue;
        if (side === 'web' && name.startsWith('NEXT_PUBLIC_')) {
          warnings.push({ key: `${mapKey}.${name}`, message: `${name} is inlined into the web app when its image is built; setting it at run time has no effect`, hint: 'pass it as a build argument of the web image' });
          continue;
        }
        const suggestion = closest(name, names);
        warnings.push({
          key: `${mapKey}.${name}`,
          message: `${name} is not a setting the ${side === 'api' ? 'API' : 'web app'} is known to read`,
          hint: suggestion ? `did you mean ${suggestion}?` : 'kept as given',
        });
      }
    }
  }
  return warnings;
}

/**
 * The API env a set of answers will produce, as far as the app env contract's conditions need it:
 * the providers, the environment, the contract-keyed settings, api_env, and api_secrets by name. Read
 * from the merged answers defensively (they may be partly invalid), for the contract rules and the
 * wizard's relevance of provider keys.
 */
import { APP_ENVIRONMENT, type Environment } from '../literals.js';
import { holds, providerUsed, UNKNOWN_SECRET, type Condition, type EnvValue, type EnvView } from './conditions.js';
import { CONTRACT_KEYED_SETTINGS, type AppSetting } from './settings.js';
import { asRecord } from '../records.js';

type Answers = Record<string, unknown>;


const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Defaults of contract-keyed settings that follow from other answers (the app's own defaults where a
 * deployment needs the setting explicit). Only keys the answers leave unset are filled.
 */
export function appDerivedDefaults(answers: Answers): Answers {
  const providers = [answers.secrets_provider, answers.auth_key_storage_backend === 'secret-manager' ? (answers.auth_key_storage_provider ?? answers.secrets_provider) : undefined];
  const uses = (...names: string[]) => providers.some((p) => typeof p === 'string' && names.includes(p));
  const out: Answers = {};
  if (answers.secrets_provider === 'vault_dev' || answers.secrets_provider === 'vault_hcp') out.vault_transit_key = 'auth-service';
  if (answers.secrets_provider === 'vault_hcp') out.vault_namespace = 'admin';
  if (uses('infisical_cloud')) out.infisical_base_url = 'https://app.infisical.com';
  if (uses('infisical_cloud', 'infisical_self_host')) {
    const environment = text(answers.environment);
    if (environment === 'dev' || environment === 'staging' || environment === 'prod') out.infisical_environment = environment;
    out.infisical_secret_path = '/';
  }
  return out;
}

/** The planned API env; `provided` names the settings the target sets itself (e.g. local MinIO's endpoint). */
export function plannedApiEnv(answers: Answers, provided: readonly string[] = []): EnvView {
  const env = new Map<string, EnvValue>();
  const set = (name: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') env.set(name, String(value));
  };
  const environment = text(answers.environment);
  if (environment && Object.hasOwn(APP_ENVIRONMENT, environment)) set('ENVIRONMENT', APP_ENVIRONMENT[environment as Environment]);
  for (const [name, value] of Object.entries(asRecord(answers.api_env))) set(name, value);
  set('SECRETS_PROVIDER', answers.secrets_provider);
  set('AUTH_KEY_STORAGE_BACKEND', answers.auth_key_storage_backend);
  if (answers.auth_key_storage_backend === 'secret-manager') {
    set('AUTH_KEY_STORAGE_PROVIDER', answers.auth_key_storage_provider ?? answers.secrets_provider);
    set('AUTH_KEY_SECRET_NAME', answers.auth_key_secret_name);
  }
  set('STORAGE_PROVIDER', answers.storage_provider);
  for (const setting of CONTRACT_KEYED_SETTINGS) set(setting.name, answers[setting.contractKey ?? '']);
  for (const name of provided) env.set(name, 'provided by the target');
  for (const name of Object.keys(asRecord(answers.api_secrets))) env.set(name, UNKNOWN_SECRET);
  return env;
}

/** The web app's planned secrets, by name. */
export function plannedWebSecrets(answers: Answers): EnvView {
  return new Map(Object.keys(asRecord(answers.web_secrets)).map((name) => [name, UNKNOWN_SECRET] as const));
}

/** When a contract-keyed setting matters: when the app requires it, or (the optional Infisical ones) when Infisical serves the app. */
export function relevantWhen(setting: AppSetting): Condition {
  return setting.requiredWhen ?? providerUsed('infisical_cloud', 'infisical_self_host');
}

export function settingRelevant(setting: AppSetting, answers: Answers): boolean {
  return holds(relevantWhen(setting), plannedApiEnv(answers));
}

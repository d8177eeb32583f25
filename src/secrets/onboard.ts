/**
 * `secrets onboard`, the use case: choose the provider, collect its settings, build the env lines,
 * probe that the signing secret is readable (a failure is a warning: the onboarding itself is done),
 * and write the dotenv file and the answers file when asked.
 */
import { appSetting } from '../contract/app-env/settings.js';
import type { SecretsProvider } from '../contract/literals.js';
import type { AnswerLayer } from '../contract/resolve.js';
import { closest } from '../contract/suggest.js';
import { CancelledError, ContractError, UsageError } from '../errors.js';
import { PromptCancelled, type Prompter } from '../wizard/prompter.js';
import { suppliedAnswers, unusedVarProblems } from './answers.js';
import { collectValues } from './collect.js';
import { FLOW_ORDER, FLOWS, isSecretsProvider } from './registry.js';
import type { EnvLine, ProbeOutcome, ProviderFlow, Values } from './types.js';

export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

export interface OnboardOptions {
  provider?: string;
  layers: readonly AnswerLayer[];
  /** Absent: non-interactive. */
  prompter?: Prompter;
  say?: (line: string) => void;
  verify: boolean;
  env: Readonly<Record<string, string | undefined>>;
  writeEnv?: string;
  answersOut?: string;
}

export interface Verification {
  status: 'passed' | 'failed' | 'skipped';
  /** What the probe read, e.g. projects/p/secrets/s/versions/latest. */
  target: string;
  detail: string;
  fix?: string;
}

export interface OnboardResult {
  provider: SecretsProvider;
  label: string;
  env: EnvLine[];
  steps: string[];
  warnings: string[];
  verification: Verification;
  written: { env?: string; answers?: string };
}

async function chooseProvider(options: OnboardOptions): Promise<SecretsProvider> {
  const given = options.provider?.trim();
  if (given) {
    if (isSecretsProvider(given)) return given;
    const near = closest(given, FLOW_ORDER);
    throw new UsageError(`--provider ${given} is not a secrets provider`, near ? `did you mean ${near}? (one of ${FLOW_ORDER.join(', ')})` : `use one of ${FLOW_ORDER.join(', ')}`);
  }
  if (!options.prompter) throw new UsageError('--provider is required with --non-interactive (or without a terminal)', `pass --provider <${FLOW_ORDER.join('|')}>`);
  // On a terminal an answered SECRETS_PROVIDER (secrets_provider in a wizard answers file) stands for the question.
  const answered = suppliedAnswers(options.layers).get('SECRETS_PROVIDER');
  if (answered && isSecretsProvider(answered.value.trim())) {
    options.say?.(`SECRETS_PROVIDER supplied via ${answered.source}.`);
    return answered.value.trim() as SecretsProvider;
  }
  return options.prompter.select({
    id: 'SECRETS_PROVIDER',
    message: 'Secrets provider',
    choices: FLOW_ORDER.map((id) => ({ value: id, name: `${FLOWS[id].label} (${id})` })),
    default: FLOW_ORDER[0],
  });
}

/** SECRETS_PROVIDER, then each field that has a value (onboarding choices excepted), then the flow's own lines. */
export function envLines(flow: ProviderFlow, values: Values): EnvLine[] {
  const lines: EnvLine[] = [{ name: 'SECRETS_PROVIDER', value: flow.id, secret: false }];
  for (const field of flow.fields) {
    const value = values[field.name];
    if (field.choiceOnly || value === undefined || value === '') continue;
    lines.push({ name: field.name, value, secret: appSetting(field.name)?.secret === true });
  }
  return [...lines, ...(flow.extraEnv?.(values) ?? [])];
}

export function probeTimeout(env: Readonly<Record<string, string | undefined>>): number {
  const raw = Number(env.STARTER_CONSOLE_PROBE_TIMEOUT_MS);
  return Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_PROBE_TIMEOUT_MS;
}

async function verify(flow: ProviderFlow, values: Values, options: OnboardOptions): Promise<Verification> {
  const target = flow.probeTarget(values);
  if (!options.verify) return { status: 'skipped', target, detail: 'skipped (--no-verify)' };
  let outcome: ProbeOutcome;
  try {
    outcome = await flow.probe(values, { env: options.env, timeoutMs: probeTimeout(options.env) });
  } catch (error) {
    outcome = { ok: false, detail: `the probe failed unexpectedly (${error instanceof Error ? error.message : String(error)})`, fix: 'run again with --no-verify, and please report it' };
  }
  return outcome.ok ? { status: 'passed', target, detail: outcome.detail } : { status: 'failed', target, detail: outcome.detail, fix: outcome.fix };
}

async function settings(options: OnboardOptions): Promise<{ flow: ProviderFlow; values: Values }> {
  const flow = FLOWS[await chooseProvider(options)];
  const unused = unusedVarProblems(options.layers, ['SECRETS_PROVIDER', ...flow.fields.map((f) => f.name)]);
  if (unused.length > 0) throw new ContractError(unused);
  const supplied = suppliedAnswers(options.layers);
  supplied.delete('SECRETS_PROVIDER');
  const values = await collectValues(flow, { supplied, env: options.env, ...(options.prompter ? { prompter: options.prompter } : {}), ...(options.say ? { say: options.say } : {}) });
  return { flow, values };
}

export async function onboard(options: OnboardOptions): Promise<OnboardResult> {
  let collected: { flow: ProviderFlow; values: Values };
  try {
    collected = await settings(options);
  } catch (error) {
    if (error instanceof PromptCancelled) throw new CancelledError('cancelled: nothing was written');
    throw error;
  }
  const { flow, values } = collected;
  const provider = flow.id;
  const env = envLines(flow, values);
  const verification = await verify(flow, values, options);
  const warnings: string[] = [];
  if (verification.status === 'failed') warnings.push(`${flow.label} probe failed: ${verification.detail}`);
  if (verification.status === 'skipped') warnings.push(`${flow.label} verification skipped (--no-verify): the signing secret was not read.`);
  const steps = [...(verification.status === 'passed' ? [`Validated ${flow.label} access by reading ${verification.target}.`] : []), ...flow.steps(values)];
  const written: OnboardResult['written'] = {};
  if (options.writeEnv || options.answersOut) {
    const { readIfExists, writePrivateFile } = await import('./write-private.js');
    if (options.writeEnv) {
      const { updateDotenv } = await import('./dotenv-update.js');
      written.env = (await writePrivateFile(options.writeEnv, updateDotenv(await readIfExists(options.writeEnv), env))).path;
    }
    if (options.answersOut) {
      const { renderOnboardAnswers } = await import('./answers-out.js');
      written.answers = (await writePrivateFile(options.answersOut, renderOnboardAnswers(provider, env))).path;
    }
  }
  return { provider, label: flow.label, env, steps, warnings, verification, written };
}

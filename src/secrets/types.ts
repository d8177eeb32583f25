/**
 * The shape of an onboarding flow: the settings a provider needs (as data: defaults, when each is
 * asked or required, its check), the cross-field rules, the env lines to set, the next steps and the
 * probe that proves the signing secret is readable. Values are keyed by their env names.
 */
import type { SecretsProvider } from '../contract/literals.js';
import type { Problem } from '../errors.js';

export type Values = Readonly<Record<string, string>>;

export interface OnboardField {
  /** The env name, which is also the answers key (the contract key of a contract-keyed setting works too). */
  name: string;
  /** The prompt. */
  message: string;
  kind: 'text' | 'secret' | 'confirm';
  default?: (values: Values) => string | undefined;
  required: (values: Values) => boolean;
  /** Asked (and kept) only when this holds. */
  when?: (values: Values) => boolean;
  /** What is wrong with a non-empty value (never quoting it), or undefined. */
  check?: (value: string, values: Values) => string | undefined;
  /** An onboarding choice (e.g. AWS_USE_PROFILE), not a setting of the app: never an env line. */
  choiceOnly?: boolean;
}

export interface EnvLine {
  name: string;
  value: string;
  secret: boolean;
}

/** What a probe found; `fix` is the one thing to do about a failure. Never holds a secret value. */
export type ProbeOutcome = { ok: true; detail: string } | { ok: false; detail: string; fix: string };

export interface ProbeContext {
  /** The environment the probe reads credentials and endpoint overrides from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Bound on each network call (and on a CLI the probe runs). */
  timeoutMs: number;
}

export interface ProviderFlow {
  id: SecretsProvider;
  label: string;
  fields: readonly OnboardField[];
  /** Problems across fields (keys are env names). */
  rules?: (values: Values) => Problem[];
  /** Lines besides SECRETS_PROVIDER and the fields' own values (e.g. VAULT_VERIFY_ENABLED=true). */
  extraEnv?: (values: Values) => EnvLine[];
  steps: (values: Values) => string[];
  /** What the probe reads, for messages, e.g. `projects/p/secrets/s/versions/latest`. */
  probeTarget: (values: Values) => string;
  probe: (values: Values, context: ProbeContext) => Promise<ProbeOutcome>;
}

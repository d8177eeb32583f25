/**
 * The onboarded settings as contract answers, for `setup wizard --answers-file`: a setting with a
 * contract key of its own under that key, SECRETS_PROVIDER as secrets_provider, a secret as an
 * api_secrets entry holding the redaction marker (its value never goes into an answers file), any
 * other setting as an api_env entry. Settings the generator derives itself (VAULT_VERIFY_ENABLED
 * follows the environment) are left to it.
 */
import { stringify } from 'yaml';
import { CONTRACT_KEYED_ENV, MANAGED_ENV } from '../contract/env.js';
import { REDACTED_MARKER } from './answers.js';
import type { EnvLine } from './types.js';

export function answersFromEnv(lines: readonly EnvLine[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const apiEnv: Record<string, string> = {};
  const apiSecrets: Record<string, string> = {};
  for (const line of lines) {
    const key = line.name === 'SECRETS_PROVIDER' ? 'secrets_provider' : CONTRACT_KEYED_ENV[line.name];
    if (key) answers[key] = line.value;
    else if (Object.hasOwn(MANAGED_ENV, line.name)) continue;
    else if (line.secret) apiSecrets[line.name] = REDACTED_MARKER;
    else apiEnv[line.name] = line.value;
  }
  if (Object.keys(apiEnv).length > 0) answers.api_env = apiEnv;
  if (Object.keys(apiSecrets).length > 0) answers.api_secrets = apiSecrets;
  return answers;
}

/** The answers as a YAML file (sorted, with a header that says how to use it). */
export function renderOnboardAnswers(provider: string, lines: readonly EnvLine[]): string {
  const answers = answersFromEnv(lines);
  const header = [
    `# Secrets provider settings from \`starter-console secrets onboard --provider ${provider}\`.`,
    '# Use them with: starter-console setup wizard --answers-file <your answers> --answers-file <this file>',
    ...(answers.api_secrets ? ['# api_secrets entries are names only: set their values on the server, or pass them with --include-secrets.'] : []),
  ];
  return `${header.join('\n')}\n${stringify(answers, { lineWidth: 0, sortMapEntries: true })}`;
}

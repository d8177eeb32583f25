/** Every secrets provider's onboarding flow, in the order the reference console listed them. */
import { SECRETS_PROVIDERS, type SecretsProvider } from '../contract/literals.js';
import { awsSm } from './aws-sm.js';
import { azureKv } from './azure-kv.js';
import { gcpSm } from './gcp-sm.js';
import { infisicalCloud, infisicalSelfHost } from './infisical.js';
import type { ProviderFlow } from './types.js';
import { vaultDev, vaultHcp } from './vault.js';

export const FLOWS: Readonly<Record<SecretsProvider, ProviderFlow>> = {
  vault_dev: vaultDev,
  vault_hcp: vaultHcp,
  infisical_cloud: infisicalCloud,
  infisical_self_host: infisicalSelfHost,
  aws_sm: awsSm,
  azure_kv: azureKv,
  gcp_sm: gcpSm,
};

export const FLOW_ORDER: readonly SecretsProvider[] = SECRETS_PROVIDERS;

export function isSecretsProvider(value: string): value is SecretsProvider {
  return (SECRETS_PROVIDERS as readonly string[]).includes(value);
}

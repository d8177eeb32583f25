/** Azure Key Vault: the vault URL, the signing secret's name, the cache TTL and an optional client-secret or managed identity. */
import { cacheTtlField, given, settingField } from './fields.js';
import type { ProviderFlow } from './types.js';

const CLIENT_CREDENTIAL = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'] as const;

export const azureKv: ProviderFlow = {
  id: 'azure_kv',
  label: 'Azure Key Vault',
  fields: [
    settingField('AZURE_KEY_VAULT_URL', 'Key Vault URL (https://<vault>.vault.azure.net)', { required: true }),
    settingField('AZURE_KV_SIGNING_SECRET_NAME', 'Key Vault secret name for signing', { default: 'auth-signing-secret', required: true }),
    cacheTtlField('AZURE_KV_CACHE_TTL_SECONDS'),
    settingField('AZURE_TENANT_ID', 'Entra tenant ID (client-secret credential; empty for a managed identity)'),
    settingField('AZURE_CLIENT_ID', 'Application (client) ID (client-secret credential)', { when: (v) => given(v.AZURE_TENANT_ID) }),
    settingField('AZURE_CLIENT_SECRET', 'Client secret', { when: (v) => given(v.AZURE_TENANT_ID) }),
    settingField('AZURE_MANAGED_IDENTITY_CLIENT_ID', 'Client ID of a user-assigned managed identity (empty for the system-assigned one)', { when: (v) => !given(v.AZURE_TENANT_ID) }),
  ],
  rules: (v) => {
    const set = CLIENT_CREDENTIAL.filter((name) => given(v[name]));
    if (set.length === 0 || set.length === CLIENT_CREDENTIAL.length) return [];
    return CLIENT_CREDENTIAL.filter((name) => !given(v[name])).map((name) => ({
      key: name,
      message: `is required with ${set.join(' and ')}: a client-secret credential needs the tenant, the client ID and the secret`,
      hint: 'give all three, or none of them to use a managed identity',
    }));
  },
  extraEnv: () => [{ name: 'VAULT_VERIFY_ENABLED', value: 'true', secret: false }],
  steps: (v) => [
    `Ensure the secret ${v.AZURE_KV_SIGNING_SECRET_NAME ?? ''} exists in ${v.AZURE_KEY_VAULT_URL ?? 'the vault'} with a strong random value.`,
    'Give the API\'s identity the Key Vault Secrets User role on the vault (or an access policy with get on secrets).',
    'Set the env lines above on the API (and the worker) and redeploy.',
  ],
  probeTarget: (v) => `${(v.AZURE_KEY_VAULT_URL ?? '').replace(/\/+$/, '')}/secrets/${v.AZURE_KV_SIGNING_SECRET_NAME ?? ''}`,
  probe: async (values, context) => (await import('./probes/azure.js')).probeAzureSecret(values, context),
};

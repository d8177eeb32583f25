/** Vault (a dev server, or HCP Vault): address, token, Transit key, namespace on HCP, and verification. */
import { settingField } from './fields.js';
import type { ProviderFlow, Values } from './types.js';

export const VAULT_DEV_ADDR = 'http://127.0.0.1:18200';
/** The dev server's root token: the starter's own public dev value, never one for a shared Vault. */
export const VAULT_DEV_TOKEN = 'vault-dev-root';

const transitPath = (v: Values) => `transit/keys/${v.VAULT_TRANSIT_KEY ?? ''}`;

function vaultFlow(id: 'vault_dev' | 'vault_hcp'): ProviderFlow {
  const dev = id === 'vault_dev';
  return {
    id,
    label: dev ? 'Vault Dev (Docker)' : 'HCP Vault (Dedicated/SaaS)',
    fields: [
      settingField('VAULT_ADDR', 'Vault address', { ...(dev ? { default: VAULT_DEV_ADDR } : {}), required: true }),
      ...(dev ? [] : [settingField('VAULT_NAMESPACE', 'Vault namespace', { default: 'admin', required: true })]),
      settingField('VAULT_TOKEN', 'Vault token of the API', { ...(dev ? { default: VAULT_DEV_TOKEN } : {}), required: true }),
      settingField('VAULT_TRANSIT_KEY', 'Vault Transit key that signs for the API', { required: true }),
      settingField('VAULT_VERIFY_ENABLED', 'Verify signatures through Vault (required outside dev)?', { default: 'true', required: true }),
    ],
    steps: (v) => [
      ...(dev ? ['Start the dev Vault (just vault-up) if it is not running.'] : []),
      `Enable the Transit engine and create the key: vault secrets enable transit; vault write -f ${transitPath(v)}.`,
      `Give the API's token a policy that can read ${transitPath(v)} and sign with transit/sign/${v.VAULT_TRANSIT_KEY ?? ''}.`,
      'Set the env lines above on the API (and the worker) and redeploy.',
    ],
    probeTarget: (v) => `${(v.VAULT_ADDR ?? '').replace(/\/+$/, '')}/v1/${transitPath(v)}`,
    probe: async (values, context) => (await import('./probes/vault.js')).probeVaultTransitKey(values, context),
  };
}

export const vaultDev = vaultFlow('vault_dev');
export const vaultHcp = vaultFlow('vault_hcp');

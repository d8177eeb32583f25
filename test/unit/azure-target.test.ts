/** The Azure target's rules, view and export: pure functions over the contract. */
import { describe, expect, it } from 'vitest';
import { isFieldKey } from '../../src/targets/keys.js';
import { resolveContract } from '../../src/targets/contract.js';
import { AZURE_VARIABLES } from '../../src/targets/azure/blueprint.js';
import type { AzureContract } from '../../src/targets/azure/keys.js';
import { azureProblems, containerAppSecretName } from '../../src/targets/azure/rules.js';
import { azureEnv, secretWiring } from '../../src/targets/azure/view.js';
import { exportTfvars } from '../../src/targets/terraform-export.js';
import { AZURE_ANSWERS, layer } from '../fixtures.js';

function resolve(extra: Record<string, unknown> = {}) {
  return resolveContract([layer({ ...AZURE_ANSWERS, ...extra })]);
}

function contractOf(extra: Record<string, unknown> = {}): AzureContract {
  const resolved = resolve(extra);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return resolved.contract as AzureContract;
}

const keysOf = (extra: Record<string, unknown>) => {
  const resolved = resolve(extra);
  return resolved.ok ? [] : resolved.problems.map((p) => p.key);
};

describe('azure contract', () => {
  it('derives the internal API address, the resource group and the URLs of the vault and account it creates', () => {
    const contract = contractOf();
    expect(contract.api_base_url).toBe('http://acme-saas-prod-api');
    expect(contract.resource_group_name).toBe('acme-saas-prod-rg');
    expect(contract.azure_key_vault_url).toBe('https://acme-saas-prod-kv.vault.azure.net/');
    expect(contract.azure_blob_account_url).toBe('https://acmesaasprodst.blob.core.windows.net/');
  });

  it('a public API is reached at its public URL', () => {
    expect(contractOf({ api_public_url: 'https://api.example.com' }).api_base_url).toBe('https://api.example.com');
  });

  it('refuses an AZURE_KEY_VAULT_URL other than the vault the blueprint creates', () => {
    expect(keysOf({ azure_key_vault_url: 'https://elsewhere.vault.azure.net/' })).toContain('azure_key_vault_url');
  });

  it('refuses a storage account name that Azure refuses', () => {
    expect(keysOf({ storage_account_name: 'Acme-Store' })).toContain('storage_account_name');
    expect(keysOf({ key_vault_name: 'kv' })).toContain('key_vault_name');
  });

  it('refuses a storage provider other than azure_blob', () => {
    expect(keysOf({ storage_provider: 's3' })).toContain('storage_provider');
  });

  it('every blueprint variable is a contract key', () => {
    expect(AZURE_VARIABLES.filter((name) => !isFieldKey(name))).toEqual([]);
  });
});

describe('azure rules', () => {
  const base = { project_name: 'acme', environment: 'prod', app_public_url: 'https://app.example.com', api_base_url: 'http://acme-prod-api' };

  it('env names that map to one Container Apps secret name are an error, naming both', () => {
    const problems = azureProblems({ ...base, api_secrets: { STRIPE_KEY: 'a', stripe_key: 'b' } });
    expect(problems.map((p) => p.message).join('\n')).toContain('STRIPE_KEY and stripe_key');
  });

  it('an env name mapping to the reserved registry-password is an error', () => {
    expect(azureProblems({ ...base, api_secrets: { REGISTRY_PASSWORD: 'x' } }).map((p) => p.key)).toContain('api_secrets.REGISTRY_PASSWORD');
  });

  it('a reference that is not a Key Vault name or ID is an error', () => {
    expect(azureProblems({ ...base, web_secrets: { NEXTAUTH_SECRET: 'arn:aws:secretsmanager:x' } }).map((p) => p.key)).toEqual(['web_secrets.NEXTAUTH_SECRET']);
  });

  it('custom domains are https origins on distinct hosts', () => {
    expect(azureProblems({ ...base, app_public_url: 'https://app.example.com:8443' }).map((p) => p.key)).toContain('app_public_url');
    expect(azureProblems({ ...base, api_public_url: 'https://app.example.com', api_base_url: 'https://app.example.com' }).map((p) => p.key)).toContain('api_public_url');
  });

  it('min replicas above max is an error; prod keeps one API replica', () => {
    expect(azureProblems({ ...base, web_min_replicas: 4, web_max_replicas: 2 }).map((p) => p.key)).toEqual(['web_min_replicas']);
    expect(azureProblems({ ...base, api_min_replicas: 0, api_max_replicas: 2 }).map((p) => p.key)).toEqual(['api_min_replicas']);
  });

  it('an api_base_url the web app cannot reach inside the environment is an error', () => {
    expect(azureProblems({ ...base, api_base_url: 'http://somewhere-else' }).map((p) => p.key)).toEqual(['api_base_url']);
  });

  it('sanitises env names like the container-app-secrets module', () => {
    expect(containerAppSecretName('DATABASE_URL')).toBe('database-url');
    expect(containerAppSecretName('__STRIPE__WEBHOOK_SECRET_')).toBe('stripe-webhook-secret');
  });
});

describe('azure view', () => {
  it('wires the blueprint-owned DATABASE_URL/REDIS_URL and short names against the vault', () => {
    const wiring = secretWiring(contractOf());
    expect(wiring.api.find((w) => w.env === 'DATABASE_URL')).toEqual({ env: 'DATABASE_URL', name: 'database-url', keyVaultSecretId: 'https://acme-saas-prod-kv.vault.azure.net/secrets/database-url', own: true });
    expect(wiring.api.find((w) => w.env === 'SECRET_KEY')?.keyVaultSecretId).toBe('https://acme-saas-prod-kv.vault.azure.net/secrets/secret-key');
  });

  it('gives the API the vault and blob URLs, the identity and a Host the probes send; the worker the dedicated billing flags', () => {
    const env = azureEnv(contractOf());
    const api = Object.fromEntries(env.api.map((v) => [v.name, v.value]));
    const worker = Object.fromEntries((env.worker ?? []).map((v) => [v.name, v.value]));
    expect(api.AZURE_KEY_VAULT_URL).toBe('https://acme-saas-prod-kv.vault.azure.net/');
    expect(api.AZURE_BLOB_ACCOUNT_URL).toBe('https://acmesaasprodst.blob.core.windows.net/');
    expect(api.ALLOWED_HOSTS).toBe('127.0.0.1,acme-saas-prod-api,localhost');
    expect(api.AZURE_MANAGED_IDENTITY_CLIENT_ID).toContain('acme-saas-prod-api');
    expect(api.ENABLE_BILLING_RETRY_WORKER).toBe('false');
    expect(worker.ENABLE_BILLING_RETRY_WORKER).toBe('true');
  });

  it('infra terraform export --provider azure writes the variables the bundle would', () => {
    const result = exportTfvars({ provider: 'azure', mode: 'filled', format: 'hcl', layers: [layer(AZURE_ANSWERS)], includeSecrets: false });
    expect(result.variables).toContain('key_vault_name');
    expect(result.content).toContain('storage_account_name');
    expect(result.content).not.toContain('azure_key_vault_url');
  });
});

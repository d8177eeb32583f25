import type { Target } from '../types.js';
import { azureEmbeddedChecks, azureToolChecks } from './checks.js';
import { azureFiles } from './files.js';
import type { AzureContract } from './keys.js';
import { azureEnv } from './view.js';

export const azureTarget: Target = {
  id: 'azure',
  title: 'Azure (Terraform: Container Apps, Postgres Flexible Server, Azure Cache for Redis, Blob Storage, Key Vault)',
  env: (contract) => azureEnv(contract as AzureContract),
  plan: (contract, options) => azureFiles(contract as AzureContract, options),
  embeddedChecks: (contract) => azureEmbeddedChecks(contract as AzureContract),
  toolChecks: (contract) => azureToolChecks(contract as AzureContract),
  secretsAreReferences: () => true,
};

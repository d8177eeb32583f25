import type { Target } from '../types.js';
import { gcpEmbeddedChecks, gcpToolChecks } from './checks.js';
import { gcpFiles } from './files.js';
import type { GcpContract } from './keys.js';
import { gcpEnv } from './view.js';

export const gcpTarget: Target = {
  id: 'gcp',
  title: 'GCP (Terraform: Cloud Run, Cloud SQL, Memorystore, GCS, Secret Manager)',
  env: (contract) => gcpEnv(contract as GcpContract),
  plan: (contract, options) => gcpFiles(contract as GcpContract, options),
  embeddedChecks: (contract) => gcpEmbeddedChecks(contract as GcpContract),
  toolChecks: (contract) => gcpToolChecks(contract as GcpContract),
  secretsAreReferences: () => true,
};

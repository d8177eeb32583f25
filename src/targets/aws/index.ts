import type { Target } from '../types.js';
import { awsEmbeddedChecks, awsToolChecks } from './checks.js';
import { awsFiles } from './files.js';
import type { AwsContract } from './keys.js';
import { awsEnv } from './view.js';

export const awsTarget: Target = {
  id: 'aws',
  title: 'AWS (Terraform: ECS Fargate, RDS, ElastiCache, S3, Secrets Manager)',
  env: (contract) => awsEnv(contract as AwsContract),
  plan: (contract, options) => awsFiles(contract as AwsContract, options),
  embeddedChecks: (contract) => awsEmbeddedChecks(contract as AwsContract),
  toolChecks: (contract) => awsToolChecks(contract as AwsContract),
  secretsAreReferences: () => true,
};

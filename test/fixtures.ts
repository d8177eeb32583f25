/** Shared test fixtures: complete answers for each preset, as plain data. */
import type { AnswerLayer } from '../src/contract/resolve.js';

export const VPS_ANSWERS: Record<string, unknown> = {
  preset: 'vps',
  project_name: 'acme-saas',
  environment: 'prod',
  api_image: 'ghcr.io/acme/starter-api:1.4.2',
  web_image: 'ghcr.io/acme/starter-web:1.4.2',
  enable_worker: true,
  app_public_url: 'https://app.example.com',
  acme_email: 'ops@example.com',
  secrets_provider: 'vault_hcp',
  auth_key_secret_name: 'starter-auth-keyset',
  storage_provider: 's3',
  storage_bucket_name: 'acme-saas-uploads',
  s3_region: 'eu-west-1',
  vault_addr: 'https://vault.example.com:8200',
  local_postgres: true,
  local_redis: true,
  api_secrets: {
    DATABASE_URL: 'postgresql+asyncpg://starter:s3cret-sentinel-db@postgres:5432/acme_saas',
    REDIS_URL: 'rediss://:s3cret-sentinel-redis@redis:6379/0',
    VAULT_TOKEN: 's3cret-sentinel-vault-token',
    OPENAI_API_KEY: 's3cret-sentinel-openai',
    SECRET_KEY: 's3cret-sentinel-secret-key',
    AUTH_PASSWORD_PEPPER: 's3cret-sentinel-password-pepper',
    AUTH_REFRESH_TOKEN_PEPPER: 's3cret-sentinel-refresh-pepper',
  },
};

export const OTHER_ANSWERS: Record<string, unknown> = {
  preset: 'other',
  project_name: 'acme-saas',
  environment: 'prod',
  api_image: 'ghcr.io/acme/starter-api:1.4.2',
  web_image: 'ghcr.io/acme/starter-web:1.4.2',
  api_base_url: 'https://api.internal.example.com',
  app_public_url: 'https://app.example.com',
  secrets_provider: 'aws_sm',
  auth_key_secret_name: 'starter-auth-keyset',
  aws_region: 'eu-west-1',
  aws_sm_signing_secret_arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:signing',
  storage_provider: 'gcs',
  storage_bucket_name: 'acme-saas-uploads',
  gcp_project_id: 'acme-saas-prod',
  api_secrets: {
    DATABASE_URL: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db',
    REDIS_URL: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:redis',
    OPENAI_API_KEY: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:openai',
    SECRET_KEY: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:secret-key',
    AUTH_PASSWORD_PEPPER: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:password-pepper',
    AUTH_REFRESH_TOKEN_PEPPER: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:refresh-pepper',
  },
};

export const K8S_ANSWERS: Record<string, unknown> = {
  preset: 'k8s',
  project_name: 'acme-saas',
  environment: 'prod',
  api_image: 'ghcr.io/acme/starter-api:1.4.2',
  web_image: 'ghcr.io/acme/starter-web:1.4.2',
  enable_worker: true,
  app_public_url: 'https://app.example.com',
  secrets_provider: 'aws_sm',
  auth_key_secret_name: 'starter-auth-keyset',
  aws_region: 'eu-west-1',
  aws_sm_signing_secret_arn: 'acme-saas/prod/signing-secret',
  storage_provider: 's3',
  storage_bucket_name: 'acme-saas-uploads',
  s3_region: 'eu-west-1',
  external_secrets_store: 'aws-secrets-manager',
  api_secrets: {
    DATABASE_URL: 'acme-saas/prod/database-url',
    REDIS_URL: 'acme-saas/prod/redis-url',
    OPENAI_API_KEY: 'acme-saas/prod/openai-api-key',
    SECRET_KEY: 'acme-saas/prod/secret-key',
    AUTH_PASSWORD_PEPPER: 'acme-saas/prod/auth-password-pepper',
    AUTH_REFRESH_TOKEN_PEPPER: 'acme-saas/prod/auth-refresh-token-pepper',
  },
};

export const AWS_ANSWERS: Record<string, unknown> = {
  preset: 'aws',
  project_name: 'acme-saas',
  environment: 'prod',
  aws_region: 'eu-west-1',
  api_image: 'ghcr.io/acme/starter-api:1.4.2',
  web_image: 'ghcr.io/acme/starter-web:1.4.2',
  enable_worker: true,
  app_public_url: 'https://app.example.com',
  acm_certificate_arn: 'arn:aws:acm:eu-west-1:123456789012:certificate/4f1e6c1a-9b7d-4c2e-8a51-0d3c2b1a9e87',
  secrets_provider: 'aws_sm',
  aws_sm_signing_secret_arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-saas/prod/signing-secret',
  auth_key_secret_name: 'acme-saas/prod/auth-keyset',
  storage_provider: 's3',
  storage_bucket_name: 'acme-saas-uploads',
  api_secrets: {
    OPENAI_API_KEY: 'acme-saas/prod/openai-api-key',
    SECRET_KEY: 'acme-saas/prod/secret-key',
    AUTH_PASSWORD_PEPPER: 'acme-saas/prod/auth-password-pepper',
    AUTH_REFRESH_TOKEN_PEPPER: 'acme-saas/prod/auth-refresh-token-pepper',
  },
};

export const AZURE_ANSWERS: Record<string, unknown> = {
  preset: 'azure',
  project_name: 'acme-saas',
  environment: 'prod',
  azure_location: 'westeurope',
  key_vault_name: 'acme-saas-prod-kv',
  storage_account_name: 'acmesaasprodst',
  api_image: 'ghcr.io/acme/starter-api:1.4.2',
  web_image: 'ghcr.io/acme/starter-web:1.4.2',
  enable_worker: true,
  app_public_url: 'https://app.example.com',
  azure_kv_signing_secret_name: 'signing-secret',
  auth_key_secret_name: 'auth-keyset',
  storage_bucket_name: 'uploads',
  api_secrets: { OPENAI_API_KEY: 'openai-api-key', SECRET_KEY: 'secret-key', AUTH_PASSWORD_PEPPER: 'auth-password-pepper', AUTH_REFRESH_TOKEN_PEPPER: 'auth-refresh-token-pepper' },
};

export const GCP_ANSWERS: Record<string, unknown> = {
  preset: 'gcp',
  project_name: 'acme-saas',
  environment: 'prod',
  project_id: 'acme-saas-prod',
  project_number: '123456789012',
  region: 'europe-west1',
  api_image: 'europe-west1-docker.pkg.dev/acme-saas-prod/app/starter-api:1.4.2',
  web_image: 'europe-west1-docker.pkg.dev/acme-saas-prod/app/starter-web:1.4.2',
  enable_worker: true,
  app_public_url: 'https://app.example.com',
  secrets_provider: 'gcp_sm',
  gcp_sm_signing_secret_name: 'acme-saas-prod-signing-secret',
  auth_key_secret_name: 'acme-saas-prod-auth-keyset',
  storage_provider: 'gcs',
  storage_bucket_name: 'acme-saas-uploads',
  api_secrets: {
    OPENAI_API_KEY: 'acme-saas-prod-openai-api-key',
    SECRET_KEY: 'acme-saas-prod-secret-key',
    AUTH_PASSWORD_PEPPER: 'acme-saas-prod-auth-password-pepper',
    AUTH_REFRESH_TOKEN_PEPPER: 'acme-saas-prod-auth-refresh-token-pepper',
  },
};

/** Complete answers for each target. */
export const ANSWERS_BY_TARGET: Record<'vps' | 'k8s' | 'other' | 'aws' | 'azure' | 'gcp', Record<string, unknown>> = { vps: VPS_ANSWERS, k8s: K8S_ANSWERS, other: OTHER_ANSWERS, aws: AWS_ANSWERS, azure: AZURE_ANSWERS, gcp: GCP_ANSWERS };

export function layer(values: Record<string, unknown>, source = 'answers.yaml'): AnswerLayer {
  return { source, values };
}

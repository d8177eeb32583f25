/**
 * The app's env contract: every setting the API (and the billing worker, which runs the API image),
 * and the web app read that a deployment sets or may need to set, with its format, whether it is a
 * secret, its default, the contract key that sets it, and when the app requires it. Facts of the
 * starter's own settings code; the contract rules, every target's env, the `app-env` check and the
 * env inventory all read this one list.
 */
import { flagOn, providerUsed, type Condition } from './conditions.js';
import type { SettingFormat } from './formats.js';

/** `api` settings are read by the worker too (the same image and settings). */
export type AppSide = 'api' | 'web';

export interface AppSetting {
  name: string;
  side: AppSide | 'both';
  format: SettingFormat;
  values?: readonly string[];
  secret?: boolean;
  /** The app's own default, when it has one worth knowing. */
  default?: string;
  /** The contract key that sets it (the lower-case name of the setting, or a shared key). */
  contractKey?: string;
  /** The app refuses to start or to serve without it when this holds (read on the API's env). */
  requiredWhen?: Condition;
  /** Values the app rejects as the starter's placeholders outside dev (not secret: they are public). */
  starterValues?: readonly string[];
  description: string;
}

const VAULT = ['vault_dev', 'vault_hcp'];
const INFISICAL = ['infisical_cloud', 'infisical_self_host'];
const billing = flagOn('ENABLE_BILLING');
const resend = flagOn('RESEND_EMAIL_ENABLED');
const frontendLogs = flagOn('ENABLE_FRONTEND_LOG_INGEST');
const storage = (provider: string): Condition => ({ env: 'STORAGE_PROVIDER', in: [provider] });
const secretsProvider = (...providers: string[]): Condition => ({ env: 'SECRETS_PROVIDER', in: providers });
const always: Condition = { always: true };

export const APP_SETTINGS: readonly AppSetting[] = [
  // Core, set by the generator from the shared contract.
  { name: 'ENVIRONMENT', side: 'api', format: 'string', default: 'development', description: 'Deployment environment; anything but development/dev/demo/test turns on production checks.' },
  { name: 'DEBUG', side: 'api', format: 'bool', default: 'false', description: 'Debug mode: turns every production check off and accepts any Host header. Never in staging or prod.' },
  { name: 'APP_PUBLIC_URL', side: 'both', format: 'url', requiredWhen: always, description: 'Public URL of the web app (links in emails, CORS origin, SEO).' },
  { name: 'API_BASE_URL', side: 'web', format: 'url', requiredWhen: always, description: 'URL the web app calls the API at, server to server; its host must be in the API ALLOWED_HOSTS.' },
  { name: 'ALLOWED_HOSTS', side: 'api', format: 'host-list', requiredWhen: always, description: 'Comma-separated bare host names the API answers (Host header without its port).' },
  { name: 'ALLOWED_ORIGINS', side: 'api', format: 'origin-list', description: 'Comma-separated browser origins for CORS (APP_PUBLIC_URL is always added).' },
  { name: 'PORT', side: 'both', format: 'int', description: 'Port the service listens on (api 8000, web 3000).' },
  { name: 'AUTO_RUN_MIGRATIONS', side: 'api', format: 'bool', default: 'false', description: 'Run migrations at start-up; off in hosted environments (the runbook runs them).' },
  // Secrets the API checks at start-up.
  { name: 'DATABASE_URL', side: 'api', format: 'postgres-url', secret: true, requiredWhen: always, description: 'Postgres URL (postgresql+asyncpg://); checked with SELECT 1 at boot and by /health/ready.' },
  { name: 'REDIS_URL', side: 'api', format: 'redis-url', secret: true, requiredWhen: always, default: 'redis://localhost:6379/0', description: 'Redis URL; rediss:// with a password in production.' },
  { name: 'OPENAI_API_KEY', side: 'api', format: 'string', secret: true, requiredWhen: { strict: true }, description: 'OpenAI API key; missing is fatal in production.' },
  { name: 'SECRET_KEY', side: 'api', format: 'string', secret: true, requiredWhen: { strict: true }, starterValues: ['your-secret-key-here-change-in-production', 'change-me'], description: 'Signing key of the API; must not be the starter value in production (openssl rand -hex 32).' },
  { name: 'AUTH_PASSWORD_PEPPER', side: 'api', format: 'string', secret: true, requiredWhen: { strict: true }, starterValues: ['local-dev-password-pepper', 'change-me-too'], description: 'Pepper of password hashes; must not be the starter value in production (openssl rand -hex 32).' },
  { name: 'AUTH_REFRESH_TOKEN_PEPPER', side: 'api', format: 'string', secret: true, requiredWhen: { strict: true }, starterValues: ['local-dev-refresh-pepper', 'change-me-again'], description: 'Pepper of refresh tokens; must not be the starter value in production (openssl rand -hex 32).' },
  { name: 'AUTH_EMAIL_VERIFICATION_TOKEN_PEPPER', side: 'api', format: 'string', secret: true, description: 'Pepper of email verification tokens (the starter default is public: set your own).' },
  { name: 'AUTH_PASSWORD_RESET_TOKEN_PEPPER', side: 'api', format: 'string', secret: true, description: 'Pepper of password reset tokens (the starter default is public: set your own).' },
  { name: 'AUTH_SESSION_ENCRYPTION_KEY', side: 'api', format: 'string', secret: true, description: 'Key that encrypts sessions; defaults to SECRET_KEY.' },
  { name: 'AUTH_SESSION_IP_HASH_SALT', side: 'api', format: 'string', secret: true, description: 'Salt of hashed session IPs; defaults to SECRET_KEY.' },
  { name: 'AUTH_JWKS_ETAG_SALT', side: 'api', format: 'string', secret: true, description: 'Salt of the JWKS ETag.' },
  { name: 'STATUS_SUBSCRIPTION_TOKEN_PEPPER', side: 'api', format: 'string', secret: true, description: 'Pepper of status subscription tokens.' },
  { name: 'STATUS_SUBSCRIPTION_ENCRYPTION_KEY', side: 'api', format: 'string', secret: true, description: 'Key that encrypts status subscriptions; defaults to SECRET_KEY.' },
  { name: 'SSO_CLIENT_SECRET_ENCRYPTION_KEY', side: 'api', format: 'string', secret: true, description: 'Key that encrypts SSO client secrets; defaults to SECRET_KEY.' },
  // Auth key storage.
  { name: 'AUTH_KEY_STORAGE_BACKEND', side: 'api', format: 'enum', values: ['file', 'secret-manager'], default: 'file', requiredWhen: { strict: true }, description: 'Where the signing keyset lives; secret-manager in production.' },
  { name: 'AUTH_KEY_STORAGE_PROVIDER', side: 'api', format: 'enum', values: [...VAULT, ...INFISICAL, 'aws_sm', 'azure_kv', 'gcp_sm'], requiredWhen: { env: 'AUTH_KEY_STORAGE_BACKEND', in: ['secret-manager'] }, description: 'Secrets provider that stores the keyset.' },
  { name: 'AUTH_KEY_SECRET_NAME', side: 'api', format: 'string', requiredWhen: { env: 'AUTH_KEY_STORAGE_BACKEND', in: ['secret-manager'] }, description: 'Name of the keyset secret in the key storage provider.' },
  { name: 'AUTH_KEY_STORAGE_PATH', side: 'api', format: 'string', default: 'var/keys/keyset.json', description: 'Keyset file with file key storage (dev only).' },
  // Secrets providers.
  { name: 'SECRETS_PROVIDER', side: 'api', format: 'enum', values: [...VAULT, ...INFISICAL, 'aws_sm', 'azure_kv', 'gcp_sm'], default: 'vault_dev', requiredWhen: always, description: 'Secrets provider of the signing secret.' },
  { name: 'VAULT_VERIFY_ENABLED', side: 'api', format: 'bool', default: 'false', requiredWhen: { all: [{ strict: true }, secretsProvider(...VAULT)] }, description: 'Verify through Vault; required true in production with a Vault provider.' },
  { name: 'VAULT_ADDR', side: 'api', format: 'url', contractKey: 'vault_addr', requiredWhen: providerUsed(...VAULT), description: 'Vault address, e.g. https://vault.example.com:8200.' },
  { name: 'VAULT_TOKEN', side: 'api', format: 'string', secret: true, requiredWhen: providerUsed(...VAULT), description: 'Vault token of the API.' },
  { name: 'VAULT_TRANSIT_KEY', side: 'api', format: 'string', contractKey: 'vault_transit_key', default: 'auth-service', requiredWhen: secretsProvider(...VAULT), description: 'Vault Transit key that signs for the API.' },
  { name: 'VAULT_NAMESPACE', side: 'api', format: 'string', contractKey: 'vault_namespace', requiredWhen: secretsProvider('vault_hcp'), description: 'HCP Vault namespace (admin by default on HCP).' },
  { name: 'INFISICAL_BASE_URL', side: 'api', format: 'url', contractKey: 'infisical_base_url', requiredWhen: providerUsed(...INFISICAL), description: 'Infisical URL (https://app.infisical.com for Infisical Cloud).' },
  { name: 'INFISICAL_SERVICE_TOKEN', side: 'api', format: 'string', secret: true, requiredWhen: providerUsed(...INFISICAL), description: 'Infisical service token of the API.' },
  { name: 'INFISICAL_PROJECT_ID', side: 'api', format: 'string', contractKey: 'infisical_project_id', requiredWhen: providerUsed(...INFISICAL), description: 'Infisical project (workspace) ID.' },
  { name: 'INFISICAL_ENVIRONMENT', side: 'api', format: 'string', contractKey: 'infisical_environment', requiredWhen: providerUsed(...INFISICAL), description: 'Infisical environment slug (dev, staging, prod).' },
  { name: 'INFISICAL_SECRET_PATH', side: 'api', format: 'string', contractKey: 'infisical_secret_path', default: '/', description: 'Folder of the secrets in Infisical.' },
  { name: 'INFISICAL_SIGNING_SECRET_NAME', side: 'api', format: 'string', contractKey: 'infisical_signing_secret_name', default: 'auth-service-signing-secret', description: 'Infisical secret that signs for the API.' },
  { name: 'INFISICAL_CA_BUNDLE_PATH', side: 'api', format: 'string', description: 'CA bundle file for a self-hosted Infisical with a private CA.' },
  { name: 'INFISICAL_CACHE_TTL_SECONDS', side: 'api', format: 'int', default: '60', description: 'Cache lifetime of Infisical secrets.' },
  { name: 'AWS_REGION', side: 'api', format: 'string', contractKey: 'aws_region', requiredWhen: providerUsed('aws_sm'), description: 'AWS region of Secrets Manager, e.g. eu-west-1.' },
  { name: 'AWS_SM_SIGNING_SECRET_ARN', side: 'api', format: 'string', contractKey: 'aws_sm_signing_secret_arn', requiredWhen: secretsProvider('aws_sm'), description: 'ARN (or name) of the Secrets Manager secret that signs for the API.' },
  { name: 'AWS_SM_CACHE_TTL_SECONDS', side: 'api', format: 'int', default: '60', description: 'Cache lifetime of Secrets Manager secrets.' },
  { name: 'AWS_PROFILE', side: 'api', format: 'string', description: 'AWS profile (otherwise the default credential chain).' },
  { name: 'AWS_ACCESS_KEY_ID', side: 'api', format: 'string', secret: true, description: 'Static AWS access key (prefer an IAM role).' },
  { name: 'AWS_SECRET_ACCESS_KEY', side: 'api', format: 'string', secret: true, description: 'Static AWS secret key (prefer an IAM role).' },
  { name: 'AWS_SESSION_TOKEN', side: 'api', format: 'string', secret: true, description: 'AWS session token of temporary credentials.' },
  { name: 'AZURE_KEY_VAULT_URL', side: 'api', format: 'https-url', contractKey: 'azure_key_vault_url', requiredWhen: providerUsed('azure_kv'), description: 'Key Vault URL, e.g. https://acme.vault.azure.net.' },
  { name: 'AZURE_KV_SIGNING_SECRET_NAME', side: 'api', format: 'string', contractKey: 'azure_kv_signing_secret_name', requiredWhen: secretsProvider('azure_kv'), description: 'Key Vault secret that signs for the API.' },
  { name: 'AZURE_KV_CACHE_TTL_SECONDS', side: 'api', format: 'int', default: '60', description: 'Cache lifetime of Key Vault secrets.' },
  { name: 'AZURE_TENANT_ID', side: 'api', format: 'string', description: 'Entra tenant of a client-secret credential.' },
  { name: 'AZURE_CLIENT_ID', side: 'api', format: 'string', description: 'Application (client) ID of a client-secret credential.' },
  { name: 'AZURE_CLIENT_SECRET', side: 'api', format: 'string', secret: true, description: 'Client secret (prefer a managed identity).' },
  { name: 'AZURE_MANAGED_IDENTITY_CLIENT_ID', side: 'api', format: 'string', description: 'Client ID of a user-assigned managed identity.' },
  { name: 'GCP_SM_SIGNING_SECRET_NAME', side: 'api', format: 'string', contractKey: 'gcp_sm_signing_secret_name', requiredWhen: secretsProvider('gcp_sm'), description: 'Secret Manager secret that signs for the API (a name, or projects/<id>/secrets/<name>).' },
  {
    name: 'GCP_SM_PROJECT_ID',
    side: 'api',
    format: 'string',
    contractKey: 'gcp_sm_project_id',
    requiredWhen: {
      all: [
        { not: { env: 'GCP_PROJECT_ID', set: true } },
        {
          any: [
            { all: [secretsProvider('gcp_sm'), { not: { env: 'GCP_SM_SIGNING_SECRET_NAME', prefix: 'projects/' } }] },
            { all: [{ env: 'AUTH_KEY_STORAGE_BACKEND', in: ['secret-manager'] }, { env: 'AUTH_KEY_STORAGE_PROVIDER', in: ['gcp_sm'] }, { not: { env: 'AUTH_KEY_SECRET_NAME', prefix: 'projects/' } }] },
          ],
        },
      ],
    },
    description: 'GCP project of Secret Manager (falls back to GCP_PROJECT_ID; not needed for projects/... names).',
  },
  { name: 'GCP_SM_CACHE_TTL_SECONDS', side: 'api', format: 'int', default: '60', description: 'Cache lifetime of Secret Manager secrets.' },
  // Object storage.
  { name: 'STORAGE_PROVIDER', side: 'api', format: 'enum', values: ['minio', 'gcs', 's3', 'azure_blob', 'memory'], default: 'memory', requiredWhen: always, description: 'Object storage provider.' },
  { name: 'STORAGE_BUCKET_PREFIX', side: 'api', format: 'string', default: 'agent-data', description: 'Prefix of the per-tenant buckets (MinIO): <prefix>-<tenant id>.' },
  { name: 'S3_BUCKET', side: 'api', format: 'string', requiredWhen: storage('s3'), description: 'S3 bucket.' },
  { name: 'S3_REGION', side: 'api', format: 'string', contractKey: 's3_region', requiredWhen: storage('s3'), description: 'Region of the S3 bucket.' },
  { name: 'S3_ENDPOINT_URL', side: 'api', format: 'url', description: 'S3-compatible endpoint other than AWS.' },
  { name: 'S3_FORCE_PATH_STYLE', side: 'api', format: 'bool', default: 'false', description: 'Path-style S3 addressing.' },
  { name: 'GCS_BUCKET', side: 'api', format: 'string', requiredWhen: storage('gcs'), description: 'GCS bucket.' },
  { name: 'GCP_PROJECT_ID', side: 'api', format: 'string', contractKey: 'gcp_project_id', requiredWhen: storage('gcs'), description: 'GCP project of the GCS bucket.' },
  { name: 'GCS_CREDENTIALS_JSON', side: 'api', format: 'string', secret: true, description: 'Service account key JSON (prefer workload identity).' },
  { name: 'GCS_CREDENTIALS_PATH', side: 'api', format: 'string', description: 'Service account key file (prefer workload identity).' },
  { name: 'GCS_SIGNING_EMAIL', side: 'api', format: 'string', description: 'Service account that signs URLs.' },
  { name: 'GCS_UNIFORM_ACCESS', side: 'api', format: 'bool', default: 'true', description: 'Uniform bucket-level access.' },
  { name: 'AZURE_BLOB_CONTAINER', side: 'api', format: 'string', requiredWhen: storage('azure_blob'), description: 'Blob container.' },
  {
    name: 'AZURE_BLOB_ACCOUNT_URL',
    side: 'api',
    format: 'https-url',
    contractKey: 'azure_blob_account_url',
    requiredWhen: { all: [storage('azure_blob'), { not: { env: 'AZURE_BLOB_CONNECTION_STRING', set: true } }] },
    description: 'Storage account URL, e.g. https://acme.blob.core.windows.net (or a connection string secret).',
  },
  { name: 'AZURE_BLOB_CONNECTION_STRING', side: 'api', format: 'string', secret: true, description: 'Storage account connection string (instead of AZURE_BLOB_ACCOUNT_URL).' },
  { name: 'MINIO_ENDPOINT', side: 'api', format: 'url', contractKey: 'minio_endpoint', requiredWhen: storage('minio'), description: 'MinIO URL with its scheme (the scheme decides TLS).' },
  { name: 'MINIO_ACCESS_KEY', side: 'api', format: 'string', secret: true, requiredWhen: storage('minio'), description: 'MinIO access key of the API.' },
  { name: 'MINIO_SECRET_KEY', side: 'api', format: 'string', secret: true, requiredWhen: storage('minio'), description: 'MinIO secret key of the API.' },
  { name: 'MINIO_SECURE', side: 'api', format: 'bool', description: 'TLS to MinIO; set from the scheme of MINIO_ENDPOINT.' },
  { name: 'MINIO_REGION', side: 'api', format: 'string', description: 'MinIO region.' },
  // Billing and its worker topology.
  { name: 'ENABLE_BILLING', side: 'api', format: 'bool', default: 'false', description: 'Stripe billing.' },
  { name: 'ENABLE_BILLING_STREAM', side: 'api', format: 'bool', default: 'false', description: 'Billing event stream over Redis; required with billing (replay needs it).' },
  { name: 'ENABLE_BILLING_RETRY_WORKER', side: 'api', format: 'bool', default: 'true', description: 'This process retries billing events (the dedicated worker only, in the dedicated topology).' },
  { name: 'ENABLE_BILLING_STREAM_REPLAY', side: 'api', format: 'bool', default: 'true', description: 'This process replays the billing stream (the dedicated worker only, in the dedicated topology).' },
  { name: 'BILLING_RETRY_DEPLOYMENT_MODE', side: 'api', format: 'enum', values: ['inline', 'dedicated'], default: 'inline', description: 'Billing worker topology.' },
  { name: 'STRIPE_SECRET_KEY', side: 'api', format: 'string', secret: true, requiredWhen: billing, description: 'Stripe secret key.' },
  { name: 'STRIPE_WEBHOOK_SECRET', side: 'api', format: 'string', secret: true, requiredWhen: billing, description: 'Stripe webhook signing secret.' },
  { name: 'STRIPE_PRODUCT_PRICE_MAP', side: 'api', format: 'json-object', requiredWhen: billing, description: 'Plan code to Stripe price, as JSON: {"starter":"price_123"}.' },
  // Email, logging, notifications.
  { name: 'RESEND_EMAIL_ENABLED', side: 'api', format: 'bool', default: 'false', description: 'Email delivery through Resend.' },
  { name: 'RESEND_API_KEY', side: 'api', format: 'string', secret: true, requiredWhen: resend, description: 'Resend API key.' },
  { name: 'RESEND_DEFAULT_FROM', side: 'api', format: 'string', requiredWhen: resend, description: 'Sender address of emails.' },
  { name: 'ENABLE_FRONTEND_LOG_INGEST', side: 'api', format: 'bool', default: 'false', description: 'The API accepts signed logs from the web app.' },
  { name: 'FRONTEND_LOG_SHARED_SECRET', side: 'both', format: 'string', secret: true, requiredWhen: frontendLogs, description: 'HMAC secret the web app signs its logs with; the same value on the API and the web app.' },
  { name: 'LOGGING_SINKS', side: 'api', format: 'string', default: 'stdout', description: 'Comma-separated log sinks: stdout, file, datadog, otlp, none.' },
  { name: 'LOGGING_DATADOG_API_KEY', side: 'api', format: 'string', secret: true, requiredWhen: { env: 'LOGGING_SINKS', lists: 'datadog' }, description: 'Datadog API key of the datadog sink.' },
  { name: 'LOGGING_OTLP_ENDPOINT', side: 'api', format: 'url', requiredWhen: { env: 'LOGGING_SINKS', lists: 'otlp' }, description: 'OTLP endpoint of the otlp sink.' },
  { name: 'ENABLE_SLACK_STATUS_NOTIFICATIONS', side: 'api', format: 'bool', default: 'false', description: 'Status notifications to Slack.' },
  { name: 'SLACK_STATUS_BOT_TOKEN', side: 'api', format: 'string', secret: true, requiredWhen: flagOn('ENABLE_SLACK_STATUS_NOTIFICATIONS'), description: 'Slack bot token.' },
  { name: 'GEOIP_IPINFO_TOKEN', side: 'api', format: 'string', secret: true, description: 'ipinfo token of the GeoIP provider.' },
  { name: 'GEOIP_IP2LOCATION_API_KEY', side: 'api', format: 'string', secret: true, description: 'IP2Location API key.' },
  { name: 'GEOIP_MAXMIND_LICENSE_KEY', side: 'api', format: 'string', secret: true, description: 'MaxMind license key.' },
  { name: 'LOGGING_OTLP_HEADERS', side: 'api', format: 'string', secret: true, description: 'Headers of the OTLP exporter (often an API key).' },
  // The web app (Next.js).
  { name: 'NODE_ENV', side: 'web', format: 'string', description: 'production in the image.' },
  { name: 'HOSTNAME', side: 'web', format: 'string', description: 'Interface the Next.js server binds; 0.0.0.0 so probes on 127.0.0.1 reach it.' },
  { name: 'AGENT_FORCE_SECURE_COOKIES', side: 'web', format: 'bool', description: 'Force Secure cookies (https sites).' },
  { name: 'AGENT_ALLOW_INSECURE_COOKIES', side: 'web', format: 'bool', description: 'Allow cookies over plain http (http sites only).' },
  { name: 'NEXT_TELEMETRY_DISABLED', side: 'web', format: 'string', description: 'Disables Next.js telemetry.' },
];

const BY_NAME = new Map(APP_SETTINGS.map((s) => [s.name, s]));

export function appSetting(name: string): AppSetting | undefined {
  return BY_NAME.get(name);
}

export function readsSetting(setting: AppSetting, side: AppSide): boolean {
  return setting.side === 'both' || setting.side === side;
}

/** Contract keys that set an app setting directly, with that setting. */
export const CONTRACT_KEYED_SETTINGS: readonly AppSetting[] = APP_SETTINGS.filter((s) => s.contractKey !== undefined);

/** Random keys, peppers and salts: values the operator makes, not gets from a provider. */
const GENERATED_SECRET = /(^SECRET_KEY$|_PEPPER$|_SALT$|_ENCRYPTION_KEY$|^FRONTEND_LOG_SHARED_SECRET$)/;

/** One line for a secret example file: what the value is and, for random ones, how to make it. */
export function secretHint(name: string): string {
  const setting = appSetting(name);
  if (!setting) return `the value of the ${name} secret`;
  const what = setting.description.replace(/ \(openssl rand -hex 32\)\.$/, '.').replace(/\.$/, '');
  return GENERATED_SECRET.test(name) ? `${what}; a random value: openssl rand -hex 32` : what;
}

/**
 * Contract keys that set one app setting each (the provider and storage settings), named after the
 * setting in lower case. Their meaning and when the app needs them come from the app env contract
 * (app-env/settings.ts); this file adds the value format each key accepts.
 */
import { z } from 'zod';
import { appSetting } from './app-env/settings.js';
import { httpUrl, oneLine } from './formats.js';

const GCP_PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const pattern = (re: RegExp, message: string) => z.string().regex(re, message);
const httpsUrl = httpUrl.refine((v) => v.startsWith('https://'), 'must use https');

const SCHEMAS = {
  vault_addr: httpUrl,
  vault_transit_key: pattern(/^[A-Za-z0-9_.-]{1,128}$/, 'must be a Transit key name: letters, digits, _ . -'),
  vault_namespace: pattern(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'must be a Vault namespace such as admin or admin/team'),
  infisical_base_url: httpUrl,
  infisical_project_id: pattern(/^[A-Za-z0-9-]{1,64}$/, 'must be an Infisical project ID: letters, digits and -'),
  infisical_environment: pattern(/^[a-z0-9-]{1,64}$/, 'must be an Infisical environment slug such as prod'),
  infisical_secret_path: pattern(/^\/([A-Za-z0-9_.-]+\/?)*$/, 'must be a folder path starting with /, e.g. / or /api'),
  infisical_signing_secret_name: pattern(/^[A-Za-z0-9_.-]{1,255}$/, 'must be a secret name: letters, digits, _ . -'),
  aws_region: pattern(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'must be an AWS region such as eu-west-1'),
  aws_sm_signing_secret_arn: pattern(
    /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+|[A-Za-z0-9/_+=.@-]{1,512})$/,
    'must be a Secrets Manager ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or a secret name',
  ),
  azure_key_vault_url: httpsUrl,
  azure_kv_signing_secret_name: pattern(/^[0-9A-Za-z-]{1,127}$/, 'must be a Key Vault secret name: 1-127 letters, digits and -'),
  gcp_sm_signing_secret_name: pattern(
    // The project part of a resource name may be a project ID, a project number or a domain-scoped ID (example.com:proj).
    /^(projects\/[a-z0-9][a-z0-9.:-]{0,62}\/secrets\/)?[A-Za-z0-9_-]{1,255}(\/versions\/(latest|\d+))?$/,
    'must be a Secret Manager secret name, or projects/<project id or number>/secrets/<name>',
  ),
  gcp_sm_project_id: pattern(GCP_PROJECT, 'must be a GCP project ID: 6-30 lower-case letters, digits and -, starting with a letter'),
  gcp_project_id: pattern(GCP_PROJECT, 'must be a GCP project ID: 6-30 lower-case letters, digits and -, starting with a letter'),
  s3_region: pattern(/^[a-z0-9-]{2,32}$/, 'must be a region name such as eu-west-1'),
  azure_blob_account_url: httpsUrl,
  minio_endpoint: httpUrl,
} as const;

export type AppFieldKey = keyof typeof SCHEMAS;

function spec(key: AppFieldKey) {
  const setting = appSetting(key.toUpperCase());
  if (setting?.contractKey !== key) throw new Error(`internal: ${key} must be the contract key of app setting ${key.toUpperCase()}`);
  return { schema: SCHEMAS[key].pipe(oneLine('the value')) as z.ZodType, description: `${setting.description} Sets ${setting.name}.`, targets: 'all' as const };
}

export const APP_FIELD_KEYS = Object.keys(SCHEMAS) as AppFieldKey[];

export const APP_FIELDS = Object.fromEntries(APP_FIELD_KEYS.map((key) => [key, spec(key)])) as unknown as Record<
  AppFieldKey,
  { schema: z.ZodType; description: string; targets: 'all' }
>;

/** GCP Secret Manager: the project, the signing secret's name (or its full resource name) and the cache TTL. */
import { cacheTtlField, given, settingField } from './fields.js';
import type { ProviderFlow, Values } from './types.js';

export const GCP_DEFAULT_SECRET_NAME = 'auth-signing-secret';

const qualified = (name: string | undefined) => (name ?? '').trim().startsWith('projects/');

/** The version the probe reads: a `.../versions/...` name as is, `projects/...` + `/versions/latest`, or the short name in the project. */
export function gcpSecretVersion(values: Values): string {
  const name = (values.GCP_SM_SIGNING_SECRET_NAME ?? '').trim();
  if (/\/versions\/[^/]+$/.test(name)) return name;
  if (qualified(name)) return `${name}/versions/latest`;
  return `projects/${values.GCP_SM_PROJECT_ID ?? ''}/secrets/${name}/versions/latest`;
}

export const gcpSm: ProviderFlow = {
  id: 'gcp_sm',
  label: 'GCP Secret Manager',
  fields: [
    settingField('GCP_SM_SIGNING_SECRET_NAME', 'Secret Manager secret name for signing (a name, or projects/<project>/secrets/<name>)', { default: GCP_DEFAULT_SECRET_NAME, required: true }),
    settingField('GCP_SM_PROJECT_ID', 'GCP project ID (optional if the secret name is fully qualified)', { required: (v) => !qualified(v.GCP_SM_SIGNING_SECRET_NAME) }),
    cacheTtlField('GCP_SM_CACHE_TTL_SECONDS'),
  ],
  rules: (v) =>
    !given(v.GCP_SM_PROJECT_ID) && !qualified(v.GCP_SM_SIGNING_SECRET_NAME)
      ? [
          {
            key: 'GCP_SM_PROJECT_ID',
            message: 'is required when GCP_SM_SIGNING_SECRET_NAME is not fully qualified (projects/<project>/secrets/<name>)',
            hint: 'pass --var GCP_SM_PROJECT_ID=<project>, or give the full name: --var GCP_SM_SIGNING_SECRET_NAME=projects/<project>/secrets/<name>',
          },
        ]
      : [],
  extraEnv: () => [{ name: 'VAULT_VERIFY_ENABLED', value: 'true', secret: false }],
  steps: (v) => [
    `Ensure the signing secret ${gcpSecretVersion(v).replace(/\/versions\/latest$/, '')} exists in Secret Manager with a strong random value (a new version rotates it; the app picks it up after the cache TTL).`,
    'Grant the runtime service account roles/secretmanager.secretAccessor on the secret.',
    'Set the env lines above on the API (and the worker) and redeploy.',
  ],
  probeTarget: gcpSecretVersion,
  probe: async (values, context) => (await import('./probes/gcp.js')).probeGcpSecret(gcpSecretVersion(values), context),
};

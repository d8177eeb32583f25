/** Infisical (Cloud or self-hosted): URL, service token, project, environment, folder and the signing secret. */
import { cacheTtlField, settingField } from './fields.js';
import type { ProviderFlow } from './types.js';

export const INFISICAL_CLOUD_URL = 'https://app.infisical.com';
export const INFISICAL_SELF_HOST_URL = 'http://localhost:8080';

function infisicalFlow(id: 'infisical_cloud' | 'infisical_self_host'): ProviderFlow {
  const cloud = id === 'infisical_cloud';
  return {
    id,
    label: cloud ? 'Infisical Cloud' : 'Infisical Self-Hosted',
    fields: [
      settingField('INFISICAL_BASE_URL', 'Infisical URL', { default: cloud ? INFISICAL_CLOUD_URL : INFISICAL_SELF_HOST_URL, required: true }),
      settingField('INFISICAL_SERVICE_TOKEN', 'Infisical service token of the API', { required: true }),
      settingField('INFISICAL_PROJECT_ID', 'Infisical project (workspace) ID', { required: true }),
      settingField('INFISICAL_ENVIRONMENT', 'Infisical environment slug', { default: 'dev', required: true }),
      settingField('INFISICAL_SECRET_PATH', 'Folder of the secrets', { required: true }),
      settingField('INFISICAL_SIGNING_SECRET_NAME', 'Infisical secret name for signing', { required: true }),
      ...(cloud ? [] : [settingField('INFISICAL_CA_BUNDLE_PATH', 'CA bundle file of a private CA (empty for a public certificate)')]),
      cacheTtlField('INFISICAL_CACHE_TTL_SECONDS'),
    ],
    extraEnv: () => [{ name: 'VAULT_VERIFY_ENABLED', value: 'true', secret: false }],
    steps: (v) => [
      `Ensure the secret ${v.INFISICAL_SIGNING_SECRET_NAME ?? ''} exists in ${v.INFISICAL_ENVIRONMENT ?? ''}:${v.INFISICAL_SECRET_PATH ?? '/'} of the project, with a strong random value.`,
      'Give the service token read access to that environment and folder.',
      'Set the env lines above on the API (and the worker) and redeploy.',
    ],
    probeTarget: (v) => `${v.INFISICAL_ENVIRONMENT ?? ''}:${v.INFISICAL_SECRET_PATH ?? '/'}${(v.INFISICAL_SECRET_PATH ?? '/').endsWith('/') ? '' : '/'}${v.INFISICAL_SIGNING_SECRET_NAME ?? ''}`,
    probe: async (values, context) => (await import('./probes/infisical.js')).probeInfisicalSecret(values, context),
  };
}

export const infisicalCloud = infisicalFlow('infisical_cloud');
export const infisicalSelfHost = infisicalFlow('infisical_self_host');

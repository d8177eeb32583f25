/** AWS Secrets Manager: region, the signing secret's ARN, the cache TTL, and how the API authenticates. */
import { cacheTtlField, choiceField, given, isOn, settingField } from './fields.js';
import type { ProviderFlow, Values } from './types.js';

const useProfile = (v: Values) => isOn(v.AWS_USE_PROFILE);
const useStaticKeys = (v: Values) => !useProfile(v) && isOn(v.AWS_USE_STATIC_KEYS);

/** The region of an ARN, else AWS_REGION. */
export function awsRegionOf(values: Values): string {
  const fromArn = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):/.exec(values.AWS_SM_SIGNING_SECRET_ARN ?? '')?.[1];
  return fromArn ?? values.AWS_REGION ?? 'us-east-1';
}

export const awsSm: ProviderFlow = {
  id: 'aws_sm',
  label: 'AWS Secrets Manager',
  fields: [
    settingField('AWS_REGION', 'AWS region of Secrets Manager', { default: 'us-east-1', required: true }),
    settingField('AWS_SM_SIGNING_SECRET_ARN', 'ARN (or name) of the signing secret', { required: true }),
    cacheTtlField('AWS_SM_CACHE_TTL_SECONDS'),
    choiceField('AWS_USE_PROFILE', 'Use a named AWS profile?', { default: (v) => String(given(v.AWS_PROFILE)) }),
    settingField('AWS_PROFILE', 'AWS profile name', { required: true, when: useProfile }),
    choiceField('AWS_USE_STATIC_KEYS', 'Use static access keys (prefer an IAM role)?', { default: (v) => String(given(v.AWS_ACCESS_KEY_ID)), when: (v) => !useProfile(v) }),
    settingField('AWS_ACCESS_KEY_ID', 'AWS access key ID', { required: true, when: useStaticKeys }),
    settingField('AWS_SECRET_ACCESS_KEY', 'AWS secret access key', { required: true, when: useStaticKeys }),
    settingField('AWS_SESSION_TOKEN', 'AWS session token (only for temporary credentials)', { when: useStaticKeys }),
  ],
  extraEnv: () => [{ name: 'VAULT_VERIFY_ENABLED', value: 'true', secret: false }],
  steps: (v) => [
    `Ensure the secret ${v.AWS_SM_SIGNING_SECRET_ARN ?? ''} exists in Secrets Manager (${awsRegionOf(v)}) with a strong random value.`,
    'Grant the API\'s role secretsmanager:GetSecretValue on the secret (and kms:Decrypt on its key when it uses a customer-managed KMS key).',
    'Set the env lines above on the API (and the worker) and redeploy.',
  ],
  probeTarget: (v) => v.AWS_SM_SIGNING_SECRET_ARN ?? '',
  probe: async (values, context) => (await import('./probes/aws.js')).probeAwsSecret(values, context),
};

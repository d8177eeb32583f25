/**
 * Reads the signing secret with Secrets Manager's GetSecretValue, signed with SigV4. Credentials: the
 * onboarded static keys, else the onboarded profile's keys from the shared credentials file, else
 * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment. Endpoint: AWS_ENDPOINT_URL_SECRETS_MANAGER,
 * AWS_ENDPOINT_URL, or the region's public endpoint.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awsRegionOf } from '../aws-sm.js';
import type { ProbeContext, ProbeOutcome, Values } from '../types.js';
import { excerpt, field, httpCall, text } from './http.js';
import { amzDateOf, signV4, type AwsCredentials } from './sigv4.js';

type Found = { ok: true; credentials: AwsCredentials; via: string } | { ok: false; detail: string; fix: string };

/** One profile's keys from an INI credentials file. */
export function profileKeys(ini: string, profile: string): AwsCredentials | undefined {
  let current = '';
  const keys: Record<string, string> = {};
  for (const raw of ini.split('\n')) {
    const line = raw.trim();
    const section = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (section) current = section[1] ?? '';
    else if (current === profile) {
      const kv = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
      if (kv) keys[(kv[1] ?? '').toLowerCase()] = (kv[2] ?? '').trim();
    }
  }
  const accessKeyId = keys.aws_access_key_id;
  const secretAccessKey = keys.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, ...(keys.aws_session_token ? { sessionToken: keys.aws_session_token } : {}) };
}

async function credentialsFor(values: Values, env: ProbeContext['env']): Promise<Found> {
  if (values.AWS_ACCESS_KEY_ID && values.AWS_SECRET_ACCESS_KEY) {
    return { ok: true, via: 'the onboarded access key', credentials: { accessKeyId: values.AWS_ACCESS_KEY_ID, secretAccessKey: values.AWS_SECRET_ACCESS_KEY, ...(values.AWS_SESSION_TOKEN ? { sessionToken: values.AWS_SESSION_TOKEN } : {}) } };
  }
  if (values.AWS_PROFILE) {
    const file = env.AWS_SHARED_CREDENTIALS_FILE ?? join(env.HOME ?? '', '.aws', 'credentials');
    const ini = await readFile(file, 'utf8').catch(() => '');
    const keys = profileKeys(ini, values.AWS_PROFILE);
    if (keys) return { ok: true, via: `profile ${values.AWS_PROFILE}`, credentials: keys };
    return { ok: false, detail: `profile ${values.AWS_PROFILE} has no static keys in ${file} (SSO, role and process profiles need the AWS CLI)`, fix: `check it with: aws secretsmanager get-secret-value --secret-id ${values.AWS_SM_SIGNING_SECRET_ARN ?? '<arn>'} --profile ${values.AWS_PROFILE} --query ARN` };
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { ok: true, via: 'AWS_ACCESS_KEY_ID from the environment', credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } };
  }
  return { ok: false, detail: 'no AWS credentials to probe with (no static keys, no profile with keys, no AWS_ACCESS_KEY_ID in the environment)', fix: 'export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) for a principal the API will run as, or run with --no-verify' };
}

export async function probeAwsSecret(values: Values, context: ProbeContext): Promise<ProbeOutcome> {
  const found = await credentialsFor(values, context.env);
  if (!found.ok) return found;
  const region = awsRegionOf(values);
  const secretId = values.AWS_SM_SIGNING_SECRET_ARN ?? '';
  const endpoint = context.env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? context.env.AWS_ENDPOINT_URL ?? `https://secretsmanager.${region}.amazonaws.com`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, detail: `the Secrets Manager endpoint ${endpoint} is not a URL`, fix: 'fix AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL' };
  }
  const body = JSON.stringify({ SecretId: secretId });
  const headers = signV4({ method: 'POST', url, region, service: 'secretsmanager', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' }, body, credentials: found.credentials, amzDate: amzDateOf(new Date()) });
  delete headers.host;
  const response = await httpCall(url.toString(), { method: 'POST', headers, body }, context.timeoutMs);
  if (!response.ok) return { ok: false, detail: `cannot read ${secretId}: ${response.problem}`, fix: 'check AWS_REGION, the network, or AWS_ENDPOINT_URL_SECRETS_MANAGER when set' };
  const type = (text(field(response.json, '__type')) ?? '').split('#').pop() ?? '';
  const reason = excerpt(field(response.json, 'message') ?? field(response.json, 'Message'));
  if (response.status === 200) {
    if (!response.json || typeof response.json !== 'object') return { ok: false, detail: `Secrets Manager answered ${secretId} with a body that is not JSON`, fix: 'check AWS_ENDPOINT_URL_SECRETS_MANAGER (a proxy or a wrong endpoint answered)' };
    if (!text(field(response.json, 'SecretString')) && !text(field(response.json, 'SecretBinary'))) return { ok: false, detail: `${secretId} has no value (no SecretString or SecretBinary)`, fix: `put a value: aws secretsmanager put-secret-value --secret-id ${secretId} --secret-string "$(openssl rand -hex 32)"` };
    return { ok: true, detail: `read ${secretId} (${found.via})` };
  }
  if (type === 'ResourceNotFoundException' || response.status === 404) return { ok: false, detail: `${secretId} was not found in ${region}${reason ? ` (${reason})` : ''}`, fix: `create it: aws secretsmanager create-secret --name <name> --region ${region} --secret-string "$(openssl rand -hex 32)"; or fix AWS_SM_SIGNING_SECRET_ARN / AWS_REGION` };
  if (type === 'AccessDeniedException' || response.status === 403 && !/Signature|Token|Client/.test(type)) {
    return { ok: false, detail: `permission denied reading ${secretId} as ${found.via}: it lacks secretsmanager:GetSecretValue${reason ? ` (${reason})` : ''}`, fix: 'allow secretsmanager:GetSecretValue on the secret in the principal\'s IAM policy (and kms:Decrypt on a customer-managed key)' };
  }
  if (/UnrecognizedClient|InvalidSignature|ExpiredToken|InvalidClientTokenId|IncompleteSignature/.test(type)) return { ok: false, detail: `AWS rejected the credentials of ${found.via} (${type})`, fix: 'use current keys (temporary ones need AWS_SESSION_TOKEN), or refresh the profile' };
  if (type === 'DecryptionFailure') return { ok: false, detail: `${secretId} cannot be decrypted with its KMS key as ${found.via}`, fix: 'allow kms:Decrypt on the secret\'s KMS key' };
  return { ok: false, detail: `Secrets Manager answered HTTP ${response.status}${type ? ` ${type}` : ''} for ${secretId}${reason ? ` (${reason})` : ''}`, fix: 'check AWS_REGION and the secret, then try again' };
}

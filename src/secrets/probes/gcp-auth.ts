/**
 * A Google access token the way Application Default Credentials find one, without a Google SDK:
 * GOOGLE_APPLICATION_CREDENTIALS (a service-account key: a JWT signed with node:crypto, exchanged at
 * the key file's token_uri; or an authorized-user file: its refresh token), then the ADC file that
 * `gcloud auth application-default login` writes, then `gcloud auth print-access-token`.
 */
import { execFile } from 'node:child_process';
import { createSign } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { excerpt, field, httpCall, text } from './http.js';
import type { ProbeContext } from '../types.js';

export type TokenResult = { ok: true; token: string; via: string } | { ok: false; detail: string; fix: string };

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const NO_CREDENTIALS_FIX = 'set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, or run `gcloud auth application-default login` (or `gcloud auth login`)';

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** The signed JWT a service account exchanges for an access token (RFC 7523). */
export function serviceAccountAssertion(key: { client_email: string; private_key: string; private_key_id?: string }, tokenUri: string, nowSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) }));
  const claims = base64url(JSON.stringify({ iss: key.client_email, scope: SCOPE, aud: tokenUri, iat: nowSeconds, exp: nowSeconds + 3600 }));
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key.private_key);
  return `${header}.${claims}.${base64url(signature)}`;
}

async function exchange(tokenUri: string, form: Record<string, string>, via: string, context: ProbeContext): Promise<TokenResult> {
  const response = await httpCall(tokenUri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() }, context.timeoutMs);
  if (!response.ok) return { ok: false, detail: `cannot get a Google access token (${via}): ${response.problem}`, fix: 'check the network (or the token_uri of the credentials file)' };
  const token = text(field(response.json, 'access_token'));
  if (response.status === 200 && token) return { ok: true, token, via };
  const reason = excerpt(field(response.json, 'error_description')) || excerpt(field(response.json, 'error')) || `HTTP ${response.status}`;
  return { ok: false, detail: `Google refused the credentials (${via}): ${reason}`, fix: 'the key may be disabled, deleted or for another project: create a new key (gcloud iam service-accounts keys create) or log in again' };
}

async function fromFile(path: string, via: string, context: ProbeContext): Promise<TokenResult> {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, detail: `the credentials file ${path} (${via}) ${code === 'ENOENT' ? 'does not exist' : code ? `cannot be read (${code})` : 'is not JSON'}`, fix: `point ${via === 'GOOGLE_APPLICATION_CREDENTIALS' ? 'GOOGLE_APPLICATION_CREDENTIALS' : 'ADC'} at a service-account key file (JSON)` };
  }
  const tokenUri = text(parsed.token_uri) ?? DEFAULT_TOKEN_URI;
  if (parsed.type === 'service_account') {
    const email = text(parsed.client_email);
    const privateKey = text(parsed.private_key);
    if (!email || !privateKey) return { ok: false, detail: `the service-account key ${path} lacks client_email or private_key`, fix: 'download a new JSON key for the service account' };
    let assertion: string;
    try {
      assertion = serviceAccountAssertion({ client_email: email, private_key: privateKey, ...(text(parsed.private_key_id) ? { private_key_id: text(parsed.private_key_id) as string } : {}) }, tokenUri, Math.floor(Date.now() / 1000));
    } catch {
      return { ok: false, detail: `the private_key of ${path} is not a valid PEM key`, fix: 'download a new JSON key for the service account' };
    }
    return exchange(tokenUri, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }, `service account ${email}`, context);
  }
  if (parsed.type === 'authorized_user') {
    const form = { grant_type: 'refresh_token', client_id: text(parsed.client_id) ?? '', client_secret: text(parsed.client_secret) ?? '', refresh_token: text(parsed.refresh_token) ?? '' };
    return exchange(tokenUri, form, `user credentials from ${via}`, context);
  }
  return { ok: false, detail: `the credentials file ${path} is of type ${excerpt(parsed.type) || 'unknown'}, which this probe cannot use`, fix: 'use a service-account key or `gcloud auth application-default login` credentials, or run with --no-verify and check with `gcloud secrets versions access latest --secret <name>`' };
}

function onPath(name: string, env: ProbeContext['env']): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** `gcloud auth print-access-token`: the token on stdout, or gcloud's own first error line. */
export function fromGcloud(gcloud: string, context: ProbeContext): Promise<TokenResult> {
  return new Promise((resolve) => {
    execFile(gcloud, ['auth', 'print-access-token', '--quiet'], { env: { ...context.env } as NodeJS.ProcessEnv, timeout: Math.max(context.timeoutMs, 20_000), maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      const token = String(stdout).trim();
      if (!error && token) return resolve({ ok: true, token, via: 'gcloud auth print-access-token' });
      if (error && (error as { killed?: boolean }).killed) return resolve({ ok: false, detail: 'gcloud auth print-access-token did not finish in time', fix: NO_CREDENTIALS_FIX });
      const line = String(stderr).split('\n').map((l) => l.trim()).find((l) => l.startsWith('ERROR:')) ?? String(stderr).trim().split('\n')[0] ?? '';
      const reason = excerpt(line.replace(/^ERROR:\s*(\([^)]*\)\s*)?/, ''));
      resolve({ ok: false, detail: `gcloud has no usable credentials${reason ? ` (${reason})` : ''}`, fix: NO_CREDENTIALS_FIX });
    });
  });
}

export async function googleAccessToken(context: ProbeContext): Promise<TokenResult> {
  const explicit = context.env.GOOGLE_APPLICATION_CREDENTIALS;
  if (explicit) return fromFile(explicit, 'GOOGLE_APPLICATION_CREDENTIALS', context);
  const configDir = context.env.CLOUDSDK_CONFIG ?? join(context.env.HOME ?? '', '.config', 'gcloud');
  const adc = join(configDir, 'application_default_credentials.json');
  if (await stat(adc).then((s) => s.isFile(), () => false)) return fromFile(adc, 'the ADC file', context);
  const gcloud = onPath('gcloud', context.env);
  if (gcloud) return fromGcloud(gcloud, context);
  return { ok: false, detail: 'no Google credentials found (no GOOGLE_APPLICATION_CREDENTIALS, no ADC file, no gcloud)', fix: NO_CREDENTIALS_FIX };
}

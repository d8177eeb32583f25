/** Reads the signing secret's version through Secret Manager's REST `access` call (endpoint: STARTER_CONSOLE_GCP_SM_ENDPOINT). */
import type { ProbeContext, ProbeOutcome } from '../types.js';
import { googleAccessToken } from './gcp-auth.js';
import { excerpt, field, httpCall, text } from './http.js';

export const GCP_SM_ENDPOINT = 'https://secretmanager.googleapis.com';

function secretOf(version: string): { project: string; secret: string } {
  const m = /^projects\/([^/]+)\/secrets\/([^/]+)/.exec(version);
  return { project: m?.[1] ?? '<project>', secret: m?.[2] ?? '<name>' };
}

export async function probeGcpSecret(version: string, context: ProbeContext): Promise<ProbeOutcome> {
  const auth = await googleAccessToken(context);
  if (!auth.ok) return auth;
  const endpoint = (context.env.STARTER_CONSOLE_GCP_SM_ENDPOINT ?? GCP_SM_ENDPOINT).replace(/\/+$/, '');
  const response = await httpCall(`${endpoint}/v1/${version}:access`, { headers: { authorization: `Bearer ${auth.token}`, accept: 'application/json' } }, context.timeoutMs);
  const { project, secret } = secretOf(version);
  if (!response.ok) return { ok: false, detail: `cannot read ${version}: ${response.problem}`, fix: 'check the network, or STARTER_CONSOLE_GCP_SM_ENDPOINT when set' };
  const reason = excerpt(field(response.json, 'error.message'));
  switch (response.status) {
    case 200: {
      const payload = field(response.json, 'payload');
      if (!payload || typeof payload !== 'object') return { ok: false, detail: `Secret Manager answered ${version} with ${response.json === undefined ? 'a body that is not JSON' : 'JSON without a payload'}`, fix: 'check STARTER_CONSOLE_GCP_SM_ENDPOINT (a proxy or a wrong endpoint answered)' };
      const data = text(field(payload, 'data'));
      if (!data || Buffer.from(data, 'base64').length === 0) return { ok: false, detail: `${version} has no payload data (an empty secret version)`, fix: `add a version with a strong random value: openssl rand -hex 32 | gcloud secrets versions add ${secret} --project ${project} --data-file=-` };
      return { ok: true, detail: `read ${version} (${auth.via})` };
    }
    case 401:
      return { ok: false, detail: `Secret Manager rejected the credentials of ${auth.via}${reason ? ` (${reason})` : ''}`, fix: 'refresh them: `gcloud auth application-default login`, or a new service-account key in GOOGLE_APPLICATION_CREDENTIALS' };
    case 403:
      return {
        ok: false,
        detail: `permission denied reading ${version} as ${auth.via}: it lacks secretmanager.versions.access${reason ? ` (${reason})` : ''}`,
        fix: `grant roles/secretmanager.secretAccessor: gcloud secrets add-iam-policy-binding ${secret} --project ${project} --member <principal> --role roles/secretmanager.secretAccessor (and check that the Secret Manager API is enabled)`,
      };
    case 404:
      return { ok: false, detail: `${version} was not found${reason ? ` (${reason})` : ''}`, fix: `create it: gcloud secrets create ${secret} --project ${project}, then add a version (gcloud secrets versions add ${secret} --data-file=-); or fix GCP_SM_SIGNING_SECRET_NAME / GCP_SM_PROJECT_ID` };
    default:
      return { ok: false, detail: `Secret Manager answered HTTP ${response.status} for ${version}${reason ? ` (${reason})` : ''}`, fix: 'try again later; check the project and the Secret Manager API status' };
  }
}

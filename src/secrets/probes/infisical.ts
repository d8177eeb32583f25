/** Reads the signing secret through Infisical's API (GET /api/v4/secrets/<name>) with the service token; INFISICAL_BASE_URL is the endpoint. */
import type { ProbeContext, ProbeOutcome, Values } from '../types.js';
import { excerpt, field, httpCall, text } from './http.js';

export async function probeInfisicalSecret(values: Values, context: ProbeContext): Promise<ProbeOutcome> {
  const base = (values.INFISICAL_BASE_URL ?? '').replace(/\/+$/, '');
  const name = values.INFISICAL_SIGNING_SECRET_NAME ?? '';
  const environment = values.INFISICAL_ENVIRONMENT ?? '';
  const path = values.INFISICAL_SECRET_PATH ?? '/';
  const project = values.INFISICAL_PROJECT_ID ?? '';
  const query = new URLSearchParams({ environment, workspaceId: project, projectId: project, type: 'shared', secretPath: path });
  const where = `${name} in ${environment}:${path}`;
  const response = await httpCall(`${base}/api/v4/secrets/${encodeURIComponent(name)}?${query}`, { headers: { authorization: `Bearer ${values.INFISICAL_SERVICE_TOKEN ?? ''}`, accept: 'application/json' } }, context.timeoutMs);
  if (!response.ok) {
    const tls = /TLS/.test(response.problem) && values.INFISICAL_CA_BUNDLE_PATH ? `run with NODE_EXTRA_CA_CERTS=${values.INFISICAL_CA_BUNDLE_PATH} so the probe trusts the private CA` : 'check INFISICAL_BASE_URL and the network';
    return { ok: false, detail: `cannot read ${where}: ${response.problem}`, fix: tls };
  }
  const reason = excerpt(field(response.json, 'message'));
  switch (response.status) {
    case 200: {
      const secret = field(response.json, 'secret');
      if (!secret || typeof secret !== 'object') return { ok: false, detail: `Infisical answered ${where} with ${response.json === undefined ? 'a body that is not JSON' : 'JSON without a secret'}`, fix: 'check that INFISICAL_BASE_URL points at the Infisical API' };
      if (!text(field(secret, 'secretValue'))) return { ok: false, detail: `${where} is empty`, fix: 'give the secret a strong random value (openssl rand -hex 32)' };
      return { ok: true, detail: `read ${where}` };
    }
    case 401:
      return { ok: false, detail: `Infisical rejected the service token${reason ? ` (${reason})` : ''}`, fix: 'create a new service token for the project and set INFISICAL_SERVICE_TOKEN' };
    case 403:
      return { ok: false, detail: `permission denied reading ${where}: the token has no read access there${reason ? ` (${reason})` : ''}`, fix: `give the token read access to ${environment}:${path} of project ${project}` };
    case 404:
      return { ok: false, detail: `${where} was not found${reason ? ` (${reason})` : ''}`, fix: 'create the secret there, or fix INFISICAL_SIGNING_SECRET_NAME, INFISICAL_ENVIRONMENT, INFISICAL_SECRET_PATH or INFISICAL_PROJECT_ID' };
    default:
      return { ok: false, detail: `Infisical answered HTTP ${response.status} for ${where}${reason ? ` (${reason})` : ''}`, fix: 'check INFISICAL_BASE_URL and the Infisical status' };
  }
}

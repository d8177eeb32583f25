/**
 * Reads the signing secret from Key Vault: a client-credentials token from Entra ID (authority:
 * AZURE_AUTHORITY_HOST, default login.microsoftonline.com), then GET <vault>/secrets/<name>.
 * STARTER_CONSOLE_AZURE_KV_ENDPOINT overrides the vault URL for the call.
 */
import type { ProbeContext, ProbeOutcome, Values } from '../types.js';
import { excerpt, field, httpCall, text } from './http.js';

const AUTHORITY = 'https://login.microsoftonline.com';
const API_VERSION = '7.4';

export async function probeAzureSecret(values: Values, context: ProbeContext): Promise<ProbeOutcome> {
  const tenant = values.AZURE_TENANT_ID ?? context.env.AZURE_TENANT_ID;
  const client = values.AZURE_CLIENT_ID ?? context.env.AZURE_CLIENT_ID;
  const secret = values.AZURE_CLIENT_SECRET ?? context.env.AZURE_CLIENT_SECRET;
  if (!tenant || !client || !secret) {
    return { ok: false, detail: 'no client-secret credential to probe with (a managed identity exists only on Azure itself)', fix: 'export AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for an identity with the same access, or check on Azure: az keyvault secret show --vault-name <vault> --name <name> --query id' };
  }
  const authority = (context.env.AZURE_AUTHORITY_HOST ?? AUTHORITY).replace(/\/+$/, '');
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: client, client_secret: secret, scope: 'https://vault.azure.net/.default' });
  const token = await httpCall(`${authority}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }, context.timeoutMs);
  if (!token.ok) return { ok: false, detail: `cannot get an Entra ID token: ${token.problem}`, fix: 'check the network, or AZURE_AUTHORITY_HOST when set' };
  const accessToken = text(field(token.json, 'access_token'));
  if (token.status !== 200 || !accessToken) {
    const code = excerpt(field(token.json, 'error')) || `HTTP ${token.status}`;
    return { ok: false, detail: `Entra ID refused the client credentials (${code})`, fix: 'check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (an expired client secret is the usual cause)' };
  }
  const vault = (context.env.STARTER_CONSOLE_AZURE_KV_ENDPOINT ?? values.AZURE_KEY_VAULT_URL ?? '').replace(/\/+$/, '');
  const name = values.AZURE_KV_SIGNING_SECRET_NAME ?? '';
  const where = `secret ${name} in ${values.AZURE_KEY_VAULT_URL ?? vault}`;
  const response = await httpCall(`${vault}/secrets/${encodeURIComponent(name)}?api-version=${API_VERSION}`, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } }, context.timeoutMs);
  if (!response.ok) return { ok: false, detail: `cannot read the ${where}: ${response.problem}`, fix: 'check AZURE_KEY_VAULT_URL and the network (a vault with a private endpoint is reachable only from its network)' };
  const reason = excerpt(field(response.json, 'error.message'));
  switch (response.status) {
    case 200:
      if (!response.json || typeof response.json !== 'object') return { ok: false, detail: `Key Vault answered the ${where} with a body that is not JSON`, fix: 'check AZURE_KEY_VAULT_URL' };
      if (!text(field(response.json, 'value'))) return { ok: false, detail: `the ${where} is empty`, fix: `give it a value: az keyvault secret set --vault-name <vault> --name ${name} --value "$(openssl rand -hex 32)"` };
      return { ok: true, detail: `read the ${where} (client ${client})` };
    case 401:
      return { ok: false, detail: `Key Vault rejected the token of client ${client}${reason ? ` (${reason})` : ''}`, fix: 'check that AZURE_TENANT_ID is the vault\'s tenant' };
    case 403:
      return { ok: false, detail: `permission denied reading the ${where} as client ${client}: it lacks secrets/get${reason ? ` (${reason})` : ''}`, fix: 'assign the Key Vault Secrets User role on the vault (RBAC vaults), or add an access policy with get on secrets; check the vault\'s firewall' };
    case 404:
      return { ok: false, detail: `the ${where} was not found${reason ? ` (${reason})` : ''}`, fix: `create it: az keyvault secret set --vault-name <vault> --name ${name} --value "$(openssl rand -hex 32)"; or fix AZURE_KV_SIGNING_SECRET_NAME` };
    default:
      return { ok: false, detail: `Key Vault answered HTTP ${response.status} for the ${where}${reason ? ` (${reason})` : ''}`, fix: 'try again later; check the vault\'s status' };
  }
}

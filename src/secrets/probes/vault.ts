/** Reads the Transit key's metadata (GET /v1/transit/keys/<key>) with the API's token; VAULT_ADDR is the endpoint. */
import type { ProbeContext, ProbeOutcome, Values } from '../types.js';
import { excerpt, field, httpCall } from './http.js';

export async function probeVaultTransitKey(values: Values, context: ProbeContext): Promise<ProbeOutcome> {
  const addr = (values.VAULT_ADDR ?? '').replace(/\/+$/, '');
  const key = values.VAULT_TRANSIT_KEY ?? '';
  const path = `transit/keys/${key}`;
  const headers: Record<string, string> = { 'x-vault-token': values.VAULT_TOKEN ?? '', accept: 'application/json' };
  if (values.VAULT_NAMESPACE) headers['x-vault-namespace'] = values.VAULT_NAMESPACE;
  const response = await httpCall(`${addr}/v1/${path}`, { headers }, context.timeoutMs);
  if (!response.ok) return { ok: false, detail: `cannot read ${path}: ${response.problem}`, fix: values.VAULT_ADDR === 'http://127.0.0.1:18200' ? 'start the dev Vault (just vault-up), or fix VAULT_ADDR' : 'check VAULT_ADDR and the network' };
  const errors = field(response.json, 'errors');
  const reason = Array.isArray(errors) ? excerpt(errors[0]) : '';
  switch (response.status) {
    case 200:
      if (!field(response.json, 'data') || typeof field(response.json, 'data') !== 'object') return { ok: false, detail: `Vault answered ${path} with ${response.json === undefined ? 'a body that is not JSON' : 'JSON without data'}`, fix: 'check that VAULT_ADDR points at Vault itself (not a proxy or a UI)' };
      return { ok: true, detail: `read the Transit key ${key}${field(response.json, 'data.type') ? ` (${String(field(response.json, 'data.type'))})` : ''}` };
    case 401:
    case 403:
      return {
        ok: false,
        detail: `permission denied reading ${path}${values.VAULT_NAMESPACE ? ` in namespace ${values.VAULT_NAMESPACE}` : ''}: the token lacks read on ${path}${reason ? ` (${reason})` : ''}`,
        fix: `give the token a policy with path "${path}" { capabilities = ["read"] } and path "transit/sign/${key}" { capabilities = ["update"] }; check that VAULT_TOKEN has not expired${values.VAULT_NAMESPACE ? ' and VAULT_NAMESPACE' : ''}`,
      };
    case 404:
      return { ok: false, detail: `the Transit key ${key} was not found (or the transit engine is not enabled)`, fix: `vault secrets enable transit; vault write -f ${path} (or fix VAULT_TRANSIT_KEY)` };
    case 503:
      return { ok: false, detail: `Vault is sealed or not ready (HTTP 503)${reason ? ` (${reason})` : ''}`, fix: 'unseal Vault (vault operator unseal) and run again' };
    default:
      return { ok: false, detail: `Vault answered HTTP ${response.status} for ${path}${reason ? ` (${reason})` : ''}`, fix: 'check VAULT_ADDR, VAULT_NAMESPACE and the Vault server logs' };
  }
}

/**
 * One bounded HTTP call for the probes: plain `fetch` with a timeout that covers the body too, and
 * every transport failure (refused, unresolvable, TLS, no answer in time) as one short sentence.
 * Bodies are returned to the probe, never put into a message (a body may hold the secret).
 */
export type HttpResult = { ok: true; status: number; body: string; json: unknown } | { ok: false; problem: string };

const MAX_BODY = 1024 * 1024;

function transportProblem(error: unknown, url: URL, timeoutMs: number): string {
  const where = url.origin;
  const e = error as { name?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer from ${where} within ${timeoutMs / 1000} s`;
  const code = e?.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return `connection refused by ${where}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve the host ${url.hostname}`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `${where} closed the connection`;
  if (/CERT|SSL|TLS/i.test(code)) return `TLS error talking to ${where} (${code})`;
  return `cannot reach ${where}${code ? ` (${code})` : ''}`;
}

export async function httpCall(url: string, init: RequestInit, timeoutMs: number): Promise<HttpResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: `${url} is not a valid URL` };
  }
  try {
    const response = await fetch(parsed, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.text()).slice(0, MAX_BODY);
    let json: unknown;
    try {
      json = body === '' ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    return { ok: true, status: response.status, body, json };
  } catch (error) {
    return { ok: false, problem: transportProblem(error, parsed, timeoutMs) };
  }
}

/** A string field of a parsed JSON body (`a.b.c`), or undefined. */
export function field(json: unknown, path: string): unknown {
  let at: unknown = json;
  for (const part of path.split('.')) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A short, one-line excerpt of a provider's own error message (error texts name no secret values). */
export function excerpt(value: unknown): string {
  const s = text(value)?.replace(/\s+/g, ' ').trim() ?? '';
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

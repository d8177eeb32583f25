/**
 * The API's Host check as the app runs it (Starlette's TrustedHostMiddleware): the Host header
 * without its port against ALLOWED_HOSTS entries, exact or `*.domain`. Targets list the Host headers
 * their clients and probes send; every one must be accepted.
 */
export interface HostClient {
  /** Who sends it, e.g. `web (API_BASE_URL)` or `healthcheck`. */
  who: string;
  /** The Host header as sent, port included when the client sends one. */
  host: string;
}

export function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? host;
}

export function allowedHostList(value: string): string[] {
  return value.split(',').map((h) => h.trim()).filter((h) => h !== '');
}

export function hostAccepted(allowed: readonly string[], header: string): boolean {
  const host = stripPort(header);
  return allowed.some((pattern) => pattern === '*' || pattern === host || (pattern.startsWith('*.') && host.endsWith(pattern.slice(1))));
}

/** The Host header a client sends for a URL: host, plus the port when it is not the scheme's default. */
export function hostHeaderOf(url: string): string {
  return new URL(url).host;
}

export function rejectedHosts(allowedHosts: string | undefined, clients: readonly HostClient[]): string[] {
  const allowed = allowedHostList(allowedHosts ?? '');
  return clients
    .filter((client) => !hostAccepted(allowed, client.host))
    .map((client) => `api: ALLOWED_HOSTS does not accept the Host header ${client.host} that ${client.who} sends (add ${stripPort(client.host)})`);
}

/**
 * Formats of app settings, as the app's own settings code reads them. Each returns what is wrong
 * with a value (never quoting it: it may be a secret) or undefined when the app accepts it.
 */
export type SettingFormat =
  | 'string'
  | 'bool'
  | 'int'
  | 'number'
  | 'json'
  | 'json-object'
  | 'url'
  | 'https-url'
  | 'redis-url'
  | 'postgres-url'
  | 'host-list'
  | 'origin-list'
  | 'enum';

const BOOL = /^(true|false|1|0|yes|no|on|off)$/i;

function url(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** A host name or `*.domain` pattern as the API's host check matches it (no scheme, no port). */
export function hostEntryProblem(entry: string): string | undefined {
  if (entry === '*') return undefined;
  if (/^\[[0-9a-f:.]+\]$/i.test(entry)) return undefined;
  if (entry.includes('://') || entry.includes('/')) return 'must list host names, not URLs';
  if (/:\d*$/.test(entry)) return 'must list bare host names without a port: the API compares the Host header without its port, so an entry with a port never matches';
  if (entry.includes('*') && !/^\*\.[^*]+$/.test(entry)) return 'wildcards must look like *.example.com';
  return undefined;
}

export function formatProblem(format: SettingFormat, value: string, values?: readonly string[]): string | undefined {
  switch (format) {
    case 'string':
      return undefined;
    case 'bool':
      return BOOL.test(value.trim()) ? undefined : 'must be true or false';
    case 'int':
      return /^-?\d+$/.test(value.trim()) ? undefined : 'must be a whole number';
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? undefined : 'must be a number';
    case 'enum':
      return values?.includes(value.trim().toLowerCase()) ? undefined : `must be one of: ${(values ?? []).join(', ')}`;
    case 'json':
    case 'json-object': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return 'must be JSON (the app decodes list and map settings as JSON, e.g. ["a","b"] or {"k":"v"})';
      }
      if (format === 'json-object' && (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))) return 'must be a JSON object such as {"starter":"price_123"}';
      return undefined;
    }
    case 'url':
    case 'https-url': {
      const parsed = url(value);
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.hostname === '') return 'must be an absolute http(s) URL';
      if (format === 'https-url' && parsed.protocol !== 'https:') return 'must use https';
      return undefined;
    }
    case 'redis-url': {
      const parsed = url(value);
      if (!parsed || !/^rediss?:$/.test(parsed.protocol)) return 'must start with redis:// or rediss://';
      if (parsed.hostname === '') return 'must name a host';
      return undefined;
    }
    case 'postgres-url': {
      const parsed = url(value);
      if (!parsed || parsed.protocol !== 'postgresql+asyncpg:') return 'must be a postgresql+asyncpg:// URL (asyncpg is the driver the API ships)';
      if (parsed.hostname === '') return 'must name a host';
      return undefined;
    }
    case 'host-list': {
      const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
      for (const entry of entries) {
        const problem = hostEntryProblem(entry);
        if (problem) return `${problem} (found ${entry})`;
      }
      return undefined;
    }
    case 'origin-list': {
      for (const entry of value.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
        const parsed = url(entry);
        if (!parsed || !/^https?:$/.test(parsed.protocol)) return `must list origins such as https://app.example.com (found ${entry})`;
      }
      return undefined;
    }
  }
}

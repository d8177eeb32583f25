/**
 * Value formats the targets can carry safely. Each schema rejects, with a message naming the fix,
 * anything a generated file (dotenv, YAML, Caddyfile, Markdown) could not hold unchanged.
 */
import { z } from 'zod';

const CONTROL = /[\u0000-\u001f\u007f]/;
/** An unpaired UTF-16 surrogate (e.g. from a `"\ud800"` escape in an answers file): no file can hold it. */
const LONE_SURROGATE = /\p{Cs}/u;
/** C1 controls (U+0085 is a YAML line break) and non-characters (U+FFFE, U+FFFF, ...): Helm and YAML mangle them. */
const C1_OR_NONCHARACTER = /[\u0080-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/;

export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

export const envName = z
  .string()
  .regex(ENV_NAME, 'env names must be upper-case letters, digits and _ and not start with a digit (e.g. OPENAI_API_KEY)');

/** One-line text: no control characters (newlines, tabs, NUL), which env files and headers cannot carry. */
export const oneLine = (what: string) =>
  z
    .string()
    .refine((v) => !CONTROL.test(v), `${what} must be one line without control characters (newline, tab, NUL)`)
    .refine((v) => !LONE_SURROGATE.test(v), `${what} must be valid Unicode text (it has an unpaired UTF-16 surrogate, which a file cannot hold)`)
    .refine((v) => !C1_OR_NONCHARACTER.test(v), `${what} must not contain C1 control characters (U+0080-U+009F) or Unicode non-characters (U+FFFE, U+FFFF, ...), which YAML and Helm mangle`);

/**
 * An env value is text. Answers files and --var keep a number's source text (`1.10` stays `1.10`,
 * read-answers.ts); a number that reaches the contract any other way has lost it (String(1.10) is
 * `1.1`, 0x1F is 31), so it is refused: quote it. A boolean is its word.
 */
export const envValue = z
  .union([z.string(), z.number(), z.boolean()])
  .superRefine((v, ctx) => {
    if (typeof v === 'number') ctx.addIssue({ code: 'custom', message: 'must be text: quote it (e.g. "1.10"), a number here has lost how it was written' });
  })
  .transform((v) => String(v))
  .pipe(oneLine('an env value'));

export const projectName = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/,
    'use 3-40 lower-case letters, digits and -, starting with a letter (it names containers, volumes and resources)',
  );

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A DNS host name, lower-case, as Caddy site addresses and Host headers need it. */
export function isHostName(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.split('.');
  return labels.every((label) => HOST_LABEL.test(label));
}

/** An absolute http(s) URL with a host and no credentials, query or fragment. */
export const httpUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an absolute URL such as https://app.example.com' });
    return;
  }
  const problems: string[] = [];
  if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push('must use http or https');
  if (url.username || url.password) problems.push('must not carry credentials');
  if (url.search || url.hash || value.includes('?') || value.includes('#')) problems.push('must not have a query or fragment');
  if (!isHostName(url.hostname)) problems.push('must have a lower-case DNS host name');
  if (!/^[A-Za-z0-9._~:/@!$&'()*+,;=%-]+$/.test(value)) problems.push('must contain only URL characters (no spaces, quotes, backticks, braces or control characters)');
  for (const message of problems) ctx.addIssue({ code: 'custom', message });
});

/** A public site URL: origin only (the site is served at the root of its host). */
export const siteUrl = httpUrl.superRefine((value, ctx) => {
  try {
    const url = new URL(value);
    if (url.pathname !== '/' && url.pathname !== '') {
      ctx.addIssue({ code: 'custom', message: `must be the site origin without a path (e.g. ${url.origin})` });
    }
  } catch {
    /* reported by httpUrl */
  }
});

export const email = z
  .string()
  .regex(/^[A-Za-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be an email address such as ops@example.com');

export const bucketName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'use 3-63 lower-case letters, digits, . and -, starting and ending with a letter or digit',
  );

/** A secret reference or (for single-server bundles) a secret value: one line, never empty. */
export const secretValue = z.string().min(1, 'must not be empty').pipe(oneLine('a secret'));

/** A name such as a secret name in a secret manager. */
export const secretName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_./:-]{0,254}$/, 'use letters, digits and _ . / : - (a secret name or path)');

/**
 * An OCI image reference: [registry[:port]/]path[:tag][@sha256:digest].
 * Lower-case repository path, as registries require.
 */
const IMAGE_REF =
  /^(?<name>(?:[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

export interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(value: string): ImageRef | undefined {
  const match = IMAGE_REF.exec(value);
  if (!match?.groups) return undefined;
  const { name, tag, digest } = match.groups;
  return { name: name ?? '', ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

export const imageRef = z
  .string()
  .refine((v) => parseImageRef(v) !== undefined, 'must be an image reference such as ghcr.io/acme/api:1.4.2 (lower-case path, optional :tag and @sha256:digest)');

// ---------------------------------------------------------------------------------------------
// Kubernetes. The chart's values.schema.json uses the same patterns (a test keeps them in step).

/** A DNS-1123 subdomain: names of Secrets, secret stores, ingress classes. */
export const K8S_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const k8sName = z
  .string()
  .max(253, 'must be at most 253 characters')
  .regex(K8S_NAME, 'must be a Kubernetes name: lower-case letters, digits, - and ., starting and ending with a letter or digit');

/** A DNS-1123 label: a namespace. */
export const namespaceName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a namespace name: 1-63 lower-case letters, digits and -, starting and ending with a letter or digit');

const IPV4_LIKE = /^[0-9.]+$/;

/** A host an Ingress can route: a lower-case DNS name, not an IP address, no port. */
export const ingressHost = z.string().superRefine((value, ctx) => {
  if (!isHostName(value)) ctx.addIssue({ code: 'custom', message: 'must be a lower-case DNS host name such as app.example.com (no scheme, port or path)' });
  else if (IPV4_LIKE.test(value)) ctx.addIssue({ code: 'custom', message: 'must be a DNS name: an Ingress cannot route an IP address' });
});

/** Kubernetes CPU quantity: millicores (250m) or cores (0.5, 2). */
export const CPU_QUANTITY = /^([0-9]+m|[0-9]+(\.[0-9]{1,3})?)$/;
/** Kubernetes memory quantity: bytes with a binary (Mi, Gi) or decimal (M, G) suffix. */
export const MEMORY_QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

const MEMORY_FACTORS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A quantity in base units (cores, bytes), for comparisons; undefined when it is not a valid quantity. */
export function quantityValue(kind: 'cpu' | 'memory', value: string): number | undefined {
  if (kind === 'cpu') {
    if (!CPU_QUANTITY.test(value)) return undefined;
    return value.endsWith('m') ? Number(value.slice(0, -1)) / 1000 : Number(value);
  }
  const match = /^([0-9]+(?:\.[0-9]+)?)([A-Za-z]*)$/.exec(value);
  if (!match || !MEMORY_QUANTITY.test(value)) return undefined;
  return Number(match[1]) * (MEMORY_FACTORS[match[2] ?? ''] ?? Number.NaN);
}

const quantity = (kind: 'cpu' | 'memory', example: string) =>
  z
    .string()
    .regex(kind === 'cpu' ? CPU_QUANTITY : MEMORY_QUANTITY, `must be a Kubernetes ${kind} quantity such as ${example}`)
    .refine((v) => (quantityValue(kind, v) ?? 1) > 0, `${kind} must be greater than zero`);

const resourceList = z.object({ cpu: quantity('cpu', '250m or 1'), memory: quantity('memory', '512Mi or 1Gi') }).strict();

/** Requests and limits of one container, both complete. */
export const resources = z.object({ requests: resourceList, limits: resourceList }).strict();
export type Resources = z.infer<typeof resources>;

/**
 * Where External Secrets finds a value in the store: `key` or `key#property` (a field of a JSON or
 * key/value secret, e.g. a Vault KV entry). Keys are names, paths or ARNs, never the secret itself.
 */
export const REMOTE_REF = /^(?<key>[A-Za-z0-9][A-Za-z0-9_./:-]{0,511})(?:#(?<property>[A-Za-z0-9_.-]{1,253}))?$/;

export interface RemoteRef {
  key: string;
  property?: string;
}

export function parseRemoteRef(value: string): RemoteRef | undefined {
  if (value.includes('://')) return undefined;
  const groups = REMOTE_REF.exec(value)?.groups;
  if (!groups?.key) return undefined;
  return { key: groups.key, ...(groups.property ? { property: groups.property } : {}) };
}

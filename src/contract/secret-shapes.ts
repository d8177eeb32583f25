/**
 * What a secret value looks like, for the places that must hold a reference and never a value
 * (External Secrets store keys): the well-known token formats, and long random text. A store key
 * is a name or a path (`prod/acme/database-url`, `projects/p/secrets/db`, an ARN), made of words;
 * a secret is made of randomness. The messages name the kind, never the value.
 */

const SHAPES: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z0-9 ]*(PRIVATE KEY|CERTIFICATE|KEY)-----/, 'a PEM block (a key or certificate)'],
  [/(^|[^A-Za-z0-9])sk-((proj|svcacct|admin|ant-api\d\d)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{32,})/, 'an OpenAI-style API key (sk-...)'],
  [/(^|[^A-Za-z0-9])(sk|rk|pk)_(live|test)_[A-Za-z0-9]{10,}/, 'a Stripe API key (sk_live_...)'],
  [/(^|[^A-Za-z0-9])whsec_[A-Za-z0-9+/=]{10,}/, 'a Stripe webhook secret (whsec_...)'],
  [/(^|[^A-Za-z0-9])(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}/, 'a GitHub token (ghp_...)'],
  [/(^|[^A-Za-z0-9])glpat-[A-Za-z0-9_-]{16,}/, 'a GitLab token (glpat-...)'],
  [/(^|[^A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token (xox...)'],
  [/(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}($|[^A-Z0-9])/, 'an AWS access key id (AKIA...)'],
  [/(^|[^A-Za-z0-9])AIza[A-Za-z0-9_-]{35}/, 'a Google API key (AIza...)'],
  [/(^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/, 'a JSON Web Token (eyJ...)'],
  [/(^|[^A-Za-z0-9])(hvs|hvb|s)\.[A-Za-z0-9_-]{24,}/, 'a Vault token (hvs....)'],
  [/(^|[^A-Za-z0-9])re_[A-Za-z0-9_]{20,}/, 'a Resend API key (re_...)'],
];

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const classes = (text: string) => [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(text)).length;
/** Words are about 40% vowels; random base62 text about 16%. */
const vowels = (text: string) => (text.match(/[aeiouAEIOU]/g)?.length ?? 0) / Math.max(1, text.length);

/** The kind of secret a text looks like, or undefined when it looks like a name, a path or an id. */
export function secretShape(value: string): string | undefined {
  for (const [pattern, kind] of SHAPES) if (pattern.test(value)) return kind;
  // An AWS secret access key: 40 base64 characters, all three character classes, random.
  for (const run of value.match(/[A-Za-z0-9+/]{40}/g) ?? []) {
    if (classes(run) === 3 && entropy(run) >= 4.2 && vowels(run) < 0.3) return 'an AWS secret access key (40 random characters)';
  }
  // Long random text between the separators of a path, an ARN or a key#property.
  for (const segment of value.split(/[/:#.@]/)) {
    if (/^[0-9a-f]{32,}$/i.test(segment)) return 'a long hexadecimal secret (e.g. from openssl rand -hex)';
    if (segment.length >= 24 && classes(segment) === 3 && entropy(segment) >= 4.0 && vowels(segment) < 0.3) return 'a long random string';
    if (segment.length >= 20 && /[+=]/.test(segment) && /^[A-Za-z0-9+/=_-]+$/.test(segment) && entropy(segment) >= 4.0 && vowels(segment) < 0.3) return 'a base64-encoded secret';
  }
  return undefined;
}

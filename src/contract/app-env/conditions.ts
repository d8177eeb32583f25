/**
 * When an app setting matters, as data: conditions over the env the API reads (ENVIRONMENT,
 * SECRETS_PROVIDER, feature flags, ...). The same condition is evaluated on the env a contract will
 * produce (the contract rules) and on the env a bundle really gives a service (the app-env check), and
 * described in words for messages and the generated docs.
 */

/** A secret whose value the bundle does not hold (a reference, or a value set on the server). */
export const UNKNOWN_SECRET = Symbol('unknown secret value');
export type EnvValue = string | typeof UNKNOWN_SECRET;
/** An env by name; a secret given by reference is present with an unknown value. */
export type EnvView = ReadonlyMap<string, EnvValue>;

export type Condition =
  | { always: true }
  /** The app's production mode: DEBUG is not true and ENVIRONMENT is not development, dev, demo or test. */
  | { strict: true }
  | { env: string; in: readonly string[] }
  /** Present and not empty. */
  | { env: string; set: true }
  | { env: string; prefix: string }
  /** A comma-separated list setting names the item. */
  | { env: string; lists: string }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

/** Environments in which the app relaxes its start-up checks (its own list). */
export const SAFE_ENVIRONMENTS = ['development', 'dev', 'demo', 'test'] as const;

const TRUE_WORDS = ['true', '1', 'yes', 'on'];

export function isTrue(value: EnvValue | undefined): boolean {
  return typeof value === 'string' && TRUE_WORDS.includes(value.trim().toLowerCase());
}

/** The app's production mode, as its settings decide it. */
export function isStrict(env: EnvView): boolean {
  const environment = env.get('ENVIRONMENT');
  const name = typeof environment === 'string' ? environment.trim().toLowerCase() : 'development';
  return !isTrue(env.get('DEBUG')) && !(SAFE_ENVIRONMENTS as readonly string[]).includes(name);
}

export function holds(condition: Condition, env: EnvView): boolean {
  if ('always' in condition) return true;
  if ('strict' in condition) return isStrict(env);
  if ('all' in condition) return condition.all.every((c) => holds(c, env));
  if ('any' in condition) return condition.any.some((c) => holds(c, env));
  if ('not' in condition) return !holds(condition.not, env);
  const value = env.get(condition.env);
  if ('set' in condition) return value === UNKNOWN_SECRET || (typeof value === 'string' && value.trim() !== '');
  if (typeof value !== 'string') return false;
  if ('in' in condition) return condition.in.includes(value.trim().toLowerCase());
  if ('prefix' in condition) return value.trim().startsWith(condition.prefix);
  return value.split(',').some((item) => item.trim().toLowerCase() === condition.lists);
}

/** The condition in words, e.g. `SECRETS_PROVIDER is aws_sm`. */
export function describe(condition: Condition): string {
  if ('always' in condition) return 'always';
  if ('strict' in condition) return 'outside dev (ENVIRONMENT other than development, dev, demo or test)';
  if ('all' in condition) return condition.all.map(describe).join(' and ');
  if ('any' in condition) return condition.any.length === 1 ? describe(condition.any[0] as Condition) : `either ${condition.any.map(describe).join(', or ')}`;
  if ('not' in condition) {
    const inner = condition.not;
    if ('set' in inner) return `${inner.env} is not set`;
    if ('prefix' in inner) return `${inner.env} does not start with ${inner.prefix}`;
    return `not (${describe(inner)})`;
  }
  if ('set' in condition) return `${condition.env} is set`;
  if ('in' in condition) return `${condition.env} is ${condition.in.join(' or ')}`;
  if ('prefix' in condition) return `${condition.env} starts with ${condition.prefix}`;
  return `${condition.env} lists ${condition.lists}`;
}

/** The condition as a clause after "is required": `when ...`, or `outside dev ...`. */
export function whenClause(condition: Condition): string {
  const text = describe(condition);
  return text === 'always' ? 'by the app' : text.startsWith('outside') ? text : `when ${text}`;
}

/** A secrets provider serves the app: as SECRETS_PROVIDER, or as the secret-manager key storage provider. */
export function providerUsed(...providers: readonly string[]): Condition {
  return {
    any: [
      { env: 'SECRETS_PROVIDER', in: providers },
      { all: [{ env: 'AUTH_KEY_STORAGE_BACKEND', in: ['secret-manager'] }, { env: 'AUTH_KEY_STORAGE_PROVIDER', in: providers }] },
    ],
  };
}

export const flagOn = (name: string): Condition => ({ env: name, in: TRUE_WORDS });

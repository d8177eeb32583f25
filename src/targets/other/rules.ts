/**
 * Rules of the `other` target. Its env files are plain `NAME=value` lines (src/render/plain-env.ts),
 * and every runner must get the same value from them: `docker run --env-file` and `kubectl create
 * configmap|secret --from-env-file` keep everything after the first `=` literally, while Compose's
 * `env_file` reader (compose-go dotenv) parses an unquoted value. A value both read the same way is
 * accepted; any other is refused, naming the key, never quoting the value (it may be a secret).
 *
 * Measured with docker compose 2.26.1 (`docker compose config --format json` on a service whose
 * `env_file:` holds unquoted `NAME=value` lines; test/property/plain-env.test.ts re-checks it), against the
 * literal value docker keeps:
 *   - leading U+0020, U+0085 and U+00A0 are dropped (U+2003, U+2028, U+1680 survived); trailing
 *     whitespace of every kind Go's unicode.IsSpace knows is dropped (U+0020, U+0085, U+00A0,
 *     U+1680, U+2003, U+2028, U+202F, U+3000 measured). Refused: whitespace at either end, one rule.
 *     U+FEFF and U+200B are not whitespace to either reader and survive.
 *   - a leading `'` or `"` opens a quoted value: the quotes go, and an unclosed one swallowed the
 *     lines after it. Quotes anywhere else (`a'b`, `abc"`) survive. Refused: a leading quote. (Open
 *     docker/cli pull requests for issue 3630 would make --env-file strip matching quotes around a
 *     value; refusing a leading quote keeps these files stable under that change too.)
 *   - ` #` (a space, then `#`) starts an inline comment: `a #b`, `a= #x`, `a #` lose everything from
 *     the space. `#abc`, `a#b`, `a# b` and `a<U+00A0>#b` survive. Refused: ` #`.
 *   - `$` interpolates: `a$b` gave `a`, `a${B}c` gave `ac`, `$HOME` the caller's home, `a$$b` gave
 *     `a$b`, `a$_x` gave `a`, `a\$b` gave `a\`. A `$` before a digit, punctuation, non-ASCII or the
 *     end survived, but which `$` sequences are template syntax depends on compose's template
 *     grammar, which has grown between releases. Refused: every `$`.
 *   - backslashes are kept as they are in unquoted values (`a\b`, `ab\`, `a\\b`, `a\nb`, `a\'b`,
 *     `\abc` all survived), so they are allowed (`\$` is refused for its `$`).
 *   - `=`, `:`, backticks, braces, `%`, `!` and non-ASCII text survive and are allowed.
 * Control characters (line breaks, tabs) and unpaired surrogates are refused for every target by the
 * contract's formats. Docker fails a file with a line over 64 KiB, so such a value is refused too.
 */
import type { Problem } from '../../errors.js';
import { asRecord } from '../../contract/records.js';

type Answers = Record<string, unknown>;

/** Unicode whitespace (Go's unicode.IsSpace without the control characters). */
const EDGE_WHITESPACE = /^[ \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|[ \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
/** Docker reads a line of at most 64 KiB (bufio.MaxScanTokenSize, with its LF). */
const MAX_LINE_BYTES = 64 * 1024 - 1;

export interface PlainEnvUnsafe {
  /** Completes "the value ...": describes the value, never repeats it. */
  reason: string;
  hint: string;
}

/** Why a plain env file cannot carry `value` for `name` the same way under docker's and Compose's rules, or undefined when it can. */
export function plainEnvValueProblem(name: string, value: string): PlainEnvUnsafe | undefined {
  if (EDGE_WHITESPACE.test(value)) return { reason: 'starts or ends with whitespace, which Compose env_file trims and docker --env-file keeps', hint: 'remove the leading and trailing whitespace' };
  if (value.startsWith("'") || value.startsWith('"')) return { reason: 'starts with a quote, which Compose env_file strips and docker --env-file keeps', hint: 'write the value without quotes; plain env files need none' };
  if (value.includes('$')) return { reason: 'contains $, which Compose env_file interpolates and docker --env-file keeps', hint: 'use a value without $; in a URL, write %24' };
  if (value.includes(' #')) return { reason: 'contains " #", where Compose env_file starts a comment and docker --env-file does not', hint: 'remove the space before #; in a URL, write %20' };
  if (new TextEncoder().encode(`${name}=${value}`).length > MAX_LINE_BYTES) return { reason: 'is longer than the 64 KiB line docker --env-file reads', hint: 'mount large data as a file instead' };
  return undefined;
}

/**
 * Scalar keys whose value lands in the env files as is and whose format lets through what a plain env
 * file cannot carry: a URL path may hold `$`. (app_public_url is an origin; bucket, region and secret
 * names allow only letters, digits and `_ . / : -`.)
 */
const SCALAR_ENV_KEYS = { api_base_url: 'API_BASE_URL' } as const;
const MAP_ENV_KEYS = ['api_env', 'web_env', 'api_secrets', 'web_secrets'] as const;


function problem(key: string, name: string, value: unknown, secret: boolean): Problem[] {
  if (typeof value !== 'string') return []; // numbers and booleans are plain; other types are reported by the schema
  const unsafe = plainEnvValueProblem(name, value);
  if (!unsafe) return [];
  return [
    {
      key,
      message: `the value ${unsafe.reason}; the other target's plain env files${secret ? ' (secrets/*.env with --include-secrets)' : ''} must read the same for both`,
      hint: secret ? `${unsafe.hint}, or give a reference here and keep the value in your platform's secret store` : unsafe.hint,
    },
  ];
}

/** Every value the `other` target writes into a plain env file must read back the same under docker and Compose. */
export function otherTargetProblems(answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const [key, name] of Object.entries(SCALAR_ENV_KEYS)) problems.push(...problem(key, name, answers[key], false));
  for (const mapKey of MAP_ENV_KEYS) {
    for (const [name, value] of Object.entries(asRecord(answers[mapKey]))) {
      problems.push(...problem(`${mapKey}.${name}`, name, value, mapKey.endsWith('_secrets')));
    }
  }
  return problems;
}

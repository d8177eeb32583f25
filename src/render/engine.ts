/**
 * The one Handlebars environment: isolated from the global instance, strict (a missing field is an
 * error) and without HTML escaping. Templates reach values only through the serializer helpers.
 */
import Handlebars from 'handlebars';
import { composeString, caddyToken, dotenvValue, markdownCode, shellWord, yamlString } from './serializers.js';

const hb = Handlebars.create();

const asString = (value: unknown, helper: string): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`internal: helper ${helper} got ${value === undefined ? 'undefined' : typeof value}`);
};

const helpers: Record<string, (value: unknown) => string> = {
  yaml: (v) => yamlString(asString(v, 'yaml')),
  compose: (v) => composeString(asString(v, 'compose')),
  dotenv: (v) => dotenvValue(asString(v, 'dotenv')),
  caddy: (v) => caddyToken(asString(v, 'caddy')),
  sh: (v) => shellWord(asString(v, 'sh')),
  code: (v) => markdownCode(asString(v, 'code')),
  /** Plain text in Markdown prose, for values the contract restricts to safe characters. */
  text: (v) => asString(v, 'text'),
};
for (const [name, helper] of Object.entries(helpers)) {
  hb.registerHelper(name, (value: unknown) => helper(value));
}
/** A YAML flow sequence of compose strings, e.g. a healthcheck command. */
hb.registerHelper('composeList', (value: unknown) => {
  if (!Array.isArray(value)) throw new Error('internal: helper composeList needs an array');
  return `[${value.map((item) => composeString(asString(item, 'composeList'))).join(', ')}]`;
});

const cache = new Map<string, HandlebarsTemplateDelegate>();

/** What a `.hbs?raw` import is in the built CLI: the build step precompiles every template. */
interface Precompiled {
  precompiled: TemplateSpecification;
}

function isPrecompiled(source: unknown): source is Precompiled {
  return typeof source === 'object' && source !== null && 'precompiled' in source;
}

/**
 * Render a template. `source` is the template text (tests, where `?raw` gives text) or, in the built
 * CLI, the precompiled template the build step put in its place.
 */
export function render(name: string, source: string, data: object): string {
  let template = cache.get(name);
  if (!template) {
    const given: unknown = source;
    template = isPrecompiled(given) ? hb.template(given.precompiled) : hb.compile(source, { strict: true, noEscape: true });
    cache.set(name, template);
  }
  try {
    return template(data);
  } catch (error) {
    throw new Error(`internal: rendering ${name} failed: ${(error as Error).message}`);
  }
}

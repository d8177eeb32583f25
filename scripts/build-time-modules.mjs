// Modules computed at build time from data files, shared by the CLI build (an esbuild plugin in
// scripts/build.mjs) and the tests (a Vite plugin in vitest.config.ts), so both run the same code:
//
//   import validate from '.../schema.json?validator'   a JSON Schema compiled by Ajv's standalone
//                                                     code generator: the CLI never compiles a schema
//   import data from '.../file.yaml?yaml'             a YAML file parsed (YAML 1.2), as JSON data
//   import data from '.../file.yaml?yaml-1.1'         the same, read as Helm reads values (YAML 1.1)
//
// The Ajv options of each schema are here, in one place; `src/checks/embedded/json-schema.ts`
// compiles with the same options at run time for a schema that is not known at build time.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { Ajv, _ } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

/**
 * Ajv options by schema file name. Both schemas are draft-07; `strict: false` because the vendored
 * Compose Specification uses keywords Ajv does not know. The compose schema gets ajv-formats.
 */
export const SCHEMA_OPTIONS = {
  'compose-spec.json': { formats: true },
  'values.schema.json': { formats: false },
};

export const SUFFIXES = ['?validator', '?yaml', '?yaml-1.1', '?hcl'];

function schemaOptions(path) {
  const options = SCHEMA_OPTIONS[basename(path)];
  if (!options) throw new Error(`build: no Ajv options for ${path} in scripts/build-time-modules.mjs`);
  return options;
}

/** An ES module whose default export is the standalone validator of the schema in `path`. */
export async function validatorModule(path) {
  const { formats } = schemaOptions(path);
  const { $schema: _ignored, ...schema } = JSON.parse(await readFile(path, 'utf8'));
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    code: { source: true, esm: true, ...(formats ? { formats: _`require("ajv-formats/dist/formats").fullFormats` } : {}) },
  });
  if (formats) addFormats(ajv);
  const code = standaloneCode(ajv, ajv.compile(schema));
  // Ajv's code reaches its runtime helpers with require(): make those ES imports of the absolute
  // files (a virtual module has no directory to resolve from). For these CommonJS files (marked
  // __esModule) Node's ESM loader gives the exports object as `default`, esbuild may give the
  // namespace itself: `__interop` returns the exports object either way.
  const imports = new Map();
  const body = code.replace(/require\("([^"]+)"\)/g, (_match, id) => {
    if (!imports.has(id)) imports.set(id, `__dep${imports.size}`);
    return `__interop(${imports.get(id)})`;
  });
  if (/\brequire\(/.test(body)) throw new Error(`build: unhandled require() in the validator of ${path}`);
  const header = [...imports].map(([id, name]) => `import * as ${name} from ${JSON.stringify(require.resolve(id))};`);
  const interop = 'function __interop(ns) { const d = ns.default; return d && d.__esModule ? d : ns; }';
  return `${header.join('\n')}\n${interop}\n${body}\n`;
}

/** Only what JSON can carry, so the data reads back exactly as the parser gave it. */
function assertJsonData(value, path, at = '') {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`build: ${path}${at}: ${value} has no JSON form`);
    return;
  }
  if (Array.isArray(value)) return value.forEach((item, i) => assertJsonData(item, path, `${at}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) assertJsonData(item, path, `${at}.${key}`);
    return;
  }
  throw new Error(`build: ${path}${at}: a ${value?.constructor?.name ?? typeof value} has no JSON form`);
}

/** An ES module whose default export is the parsed YAML file. */
export async function yamlModule(path, version) {
  const data = parse(await readFile(path, 'utf8'), { version });
  assertJsonData(data, path);
  return `export default ${JSON.stringify(data)};\n`;
}

/**
 * An ES module whose default export is `{ text, json }`: a static Terraform file and HashiCorp's HCL
 * parser's JSON for it, so a bundle that carries the file unchanged is not parsed again at run time.
 */
export async function hclModule(path) {
  const { parse: parseHcl } = await import('@cdktf/hcl2json');
  const text = await readFile(path, 'utf8');
  const json = await parseHcl(basename(path), text);
  assertJsonData(json, path);
  return `export default ${JSON.stringify({ text, json })};\n`;
}

/** The module for `path` + one of SUFFIXES. */
export function moduleFor(path, suffix) {
  if (suffix === '?validator') return validatorModule(path);
  if (suffix === '?yaml') return yamlModule(path, '1.2');
  if (suffix === '?yaml-1.1') return yamlModule(path, '1.1');
  if (suffix === '?hcl') return hclModule(path);
  throw new Error(`build: unknown suffix ${suffix}`);
}

export function splitSuffix(id) {
  const suffix = SUFFIXES.find((s) => id.endsWith(s));
  return suffix ? { path: id.slice(0, -suffix.length), suffix } : undefined;
}

/** The esbuild plugin for these modules (the build and the benchmark's helper bundles). */
export const esbuildBuildTimeModules = {
  name: 'build-time-modules',
  setup(b) {
    b.onResolve({ filter: /\?(validator|yaml|yaml-1\.1|hcl)$/ }, (args) => {
      const { path, suffix } = splitSuffix(args.path);
      return { path: new URL(path, `file://${args.resolveDir}/`).pathname, namespace: 'build-time', pluginData: suffix };
    });
    b.onLoad({ filter: /.*/, namespace: 'build-time' }, async (args) => ({ contents: await moduleFor(args.path, args.pluginData), loader: 'js', resolveDir: process.cwd() }));
  },
};

// Writes schemas/terraform/<provider>.json: compact schemas of the Terraform resource and data source
// types that the blueprints (templates/terraform/**) and the Terraform test fixtures
// (test/fixtures/terraform/**) declare, and every type name of each provider (for "did you mean" on a
// type), extracted from the prebuilt CDKTF provider packages pinned below (generated from the real
// provider schemas; see scripts/provider-schema-extract.mjs).
//
//   npm run provider-schemas                 regenerate the checked-in schemas
//   node scripts/extract-provider-schemas.mjs --check
//                                            exit 1 when a checked-in schema differs from a fresh extraction
//   node scripts/extract-provider-schemas.mjs --all aws --out <file>
//                                            the whole aws provider into <file> (for comparisons)
//
// The tarballs are fetched with `npm pack` (no dependency install) into .tools/schemas/ and only
// `package/.jsii` is extracted from them; both stay there as a cache.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { declaredTypes, extractProviderSchema } from './provider-schema-extract.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CACHE = join(ROOT, '.tools', 'schemas');
export const OUT_DIR = join(ROOT, 'schemas', 'terraform');

/** Provider (the type prefix) → the package generated from that provider version. */
export const PROVIDER_PACKAGES = {
  aws: { name: '@cdktf/provider-aws', version: '20.1.0', provider: '5.100.0' },
  google: { name: '@cdktf/provider-google', version: '16.12.1', provider: '6.50.0' },
  azurerm: { name: '@cdktf/provider-azurerm', version: '14.23.1', provider: '4.55.0' },
};

/** Where the declared types are read from. */
export const SOURCE_DIRS = ['templates/terraform', 'test/fixtures/terraform'];

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tf(\.hbs)?$/.test(entry.name))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** The types the blueprints and fixtures declare, by provider prefix. */
export function typesInSources(root = ROOT) {
  const texts = SOURCE_DIRS.flatMap((dir) => filesUnder(join(root, dir))).map((path) => readFileSync(path, 'utf8'));
  return declaredTypes(texts);
}

/** The package's `package/.jsii`, fetched and extracted into the cache when it is not there yet. */
export function assemblyPath(provider) {
  const pkg = PROVIDER_PACKAGES[provider];
  const dir = join(CACHE, `${provider}-${pkg.version}`);
  const jsii = join(dir, 'package', '.jsii');
  if (existsSync(jsii)) return jsii;
  mkdirSync(dir, { recursive: true });
  const tarball = `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`;
  if (!existsSync(join(CACHE, tarball))) {
    execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', CACHE, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  execFileSync('tar', ['-xzf', join(CACHE, tarball), '-C', dir, 'package/.jsii']);
  return jsii;
}

export function readAssembly(provider) {
  return JSON.parse(readFileSync(assemblyPath(provider), 'utf8'));
}

/** The checked-in file's text: one line per type name and per attribute, so that diffs read well. */
export const schemaText = (schema) => `${JSON.stringify(schema, null, 1)}\n`;

/** The schema file of each provider whose types the sources declare. */
export function extractAll(root = ROOT) {
  const used = typesInSources(root);
  const out = new Map();
  for (const provider of Object.keys(PROVIDER_PACKAGES)) {
    const wanted = used.get(provider) ?? new Set();
    const schema = extractProviderSchema(readAssembly(provider), { wanted });
    if (schema.version !== PROVIDER_PACKAGES[provider].provider) throw new Error(`${PROVIDER_PACKAGES[provider].name} describes ${provider} ${schema.version}, not ${PROVIDER_PACKAGES[provider].provider}`);
    const missing = [...wanted].filter((key) => {
      const [kind, type] = key.split('.');
      return !(kind === 'resource' ? schema.resources : schema.dataSources)[type];
    });
    if (missing.length > 0) throw new Error(`${provider} ${schema.version} has no ${missing.join(', ')}: fix the type in the blueprint`);
    out.set(provider, schemaText(schema));
  }
  return out;
}

function main(args) {
  if (args[0] === '--all') {
    const provider = args[1];
    const outIndex = args.indexOf('--out');
    if (!PROVIDER_PACKAGES[provider] || outIndex < 0) throw new Error('usage: --all <aws|google|azurerm> --out <file>');
    writeFileSync(args[outIndex + 1], JSON.stringify(extractProviderSchema(readAssembly(provider))));
    return 0;
  }
  const check = args.includes('--check');
  mkdirSync(OUT_DIR, { recursive: true });
  let drift = 0;
  for (const [provider, text] of extractAll()) {
    const path = join(OUT_DIR, `${provider}.json`);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === text) continue;
    if (check) {
      drift++;
      console.error(`${relative(ROOT, path)} differs from a fresh extraction: run npm run provider-schemas`);
    } else {
      writeFileSync(path, text);
      console.error(`wrote ${relative(ROOT, path)}`);
    }
  }
  return drift > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));

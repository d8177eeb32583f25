// Compact Terraform provider schemas, read from the jsii assembly (`package/.jsii`) of a prebuilt
// CDKTF provider package (@cdktf/provider-aws, -google, -azurerm). Those packages were generated from
// the providers' real schemas, and their assembly keeps what a configuration check needs:
//
//   - a resource or data source is a class whose summary links to its registry page:
//     `Represents a {@link https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket aws_s3_bucket}.`
//     (the link text is the exact type); the provider itself links to `.../docs`;
//   - the class's initializer takes a `config` struct: its properties are the arguments and blocks;
//     a property without `optional` is required;
//   - a nested block is a property whose summary reads `<name> block.`: typed as the block's struct
//     when at most one is allowed, as `union[IResolvable, array<Struct>]` for a list or set;
//   - the exact HCL name of every property is the anchor of the registry link in its docs (plain
//     snake_casing is wrong for a few dozen names);
//   - computed-only attributes are absent from the config structs: they are the class's getters
//     (the resource class for top-level ones, `<Struct>OutputReference` for those of a block) that
//     have no config property.
//
// Pure (no fs): scripts/extract-provider-schemas.mjs does the I/O, and a test compares the result
// with `terraform providers schema -json` of the real provider.

const LINK = /\{@link https:\/\/registry\.terraform\.io\/providers\/([^/]+)\/([^/]+)\/([^/]+)\/docs(?:\/(resources|data-sources)\/\S+)? ([A-Za-z0-9_]+)\}/;
const ANCHOR = /\{@link https:\/\/registry\.terraform\.io\/\S+#([A-Za-z0-9_]+) /;
const INFRASTRUCTURE = new Set(['internalValue', 'fqn', 'terraformAttribute', 'terraformResource', 'wrapsSet', 'creationStack']);

const snakeCase = (camel) => camel.replace(/([A-Z])/g, '_$1').toLowerCase();

/** The HCL name of a struct property: its registry anchor, or its snake_cased name without one. */
function hclName(property) {
  const docs = `${property.docs?.summary ?? ''} ${property.docs?.remarks ?? ''}`;
  return ANCHOR.exec(docs)?.[1] ?? snakeCase(property.name);
}

const isBlock = (property) => / block\.$/.test(property.docs?.summary ?? '');

/** The struct a block property holds, and whether at most one is allowed. */
function blockType(property) {
  const type = property.type ?? {};
  if (type.fqn) return { fqn: type.fqn, one: true };
  const array = type.union?.types?.find((t) => t.collection?.kind === 'array');
  if (array?.collection?.elementtype?.fqn) return { fqn: array.collection.elementtype.fqn, one: false };
  return undefined; // `any`: the generator stopped at this depth (recursive schemas)
}

/** Every property of a struct, inherited ones of the same assembly included (not the meta-arguments). */
function structProperties(types, fqn) {
  const struct = types[fqn];
  if (!struct) return [];
  const inherited = (struct.interfaces ?? []).filter((i) => types[i]).flatMap((i) => structProperties(types, i));
  return [...inherited, ...(struct.properties ?? [])];
}

/** The camelCase → HCL names of every anchored property of the assembly (for computed-only getters). */
function namesByCamel(types) {
  const names = new Map();
  for (const type of Object.values(types)) {
    if (type.kind !== 'interface' || !type.datatype) continue;
    for (const property of type.properties ?? []) {
      const anchor = ANCHOR.exec(`${property.docs?.summary ?? ''} ${property.docs?.remarks ?? ''}`)?.[1];
      if (anchor && !names.has(property.name)) names.set(property.name, anchor);
    }
  }
  return names;
}

/** Getters of a class that no config property backs: the computed-only attributes. */
function computedOnly(types, classFqn, configNames, names) {
  const cls = types[classFqn];
  if (!cls) return [];
  return (cls.properties ?? [])
    .filter((p) => !p.static && !INFRASTRUCTURE.has(p.name) && !configNames.has(p.name))
    .filter((p) => !(p.name.endsWith('Input') && configNames.has(p.name.slice(0, -'Input'.length))))
    .map((p) => names.get(p.name) ?? snakeCase(p.name));
}

/**
 * One block's schema: `attributes` (name → "required" | "optional" | "computed") and `blocks`
 * (name → { nesting: "single" | "list", required?, open?, attributes, blocks }), keys sorted.
 * `open: true` marks a block whose content the package does not describe (it is not checked).
 */
function blockSchema(types, structFqn, outputClassFqn, names) {
  const attributes = {};
  const blocks = {};
  const properties = structProperties(types, structFqn);
  for (const property of properties) {
    const name = hclName(property);
    if (!isBlock(property)) {
      attributes[name] = property.optional ? 'optional' : 'required';
      continue;
    }
    const nested = blockType(property);
    const block = nested ? blockSchema(types, nested.fqn, `${nested.fqn}OutputReference`, names) : { attributes: {}, blocks: {}, open: true };
    blocks[name] = { nesting: nested?.one === false ? 'list' : 'single', ...(property.optional ? {} : { required: true }), ...block };
  }
  const configNames = new Set(properties.map((p) => p.name));
  for (const name of computedOnly(types, outputClassFqn, configNames, names)) if (!(name in attributes) && !(name in blocks)) attributes[name] = 'computed';
  return { attributes: sortKeys(attributes), blocks: sortKeys(blocks) };
}

const sortKeys = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The provider's schemas from its assembly. `wanted` limits the full schemas to these resource and
 * data source types (`resource.aws_s3_bucket`, `data.aws_iam_policy_document`); every type name is
 * listed either way (for "did you mean" on a type). Without `wanted`, every type is described.
 */
export function extractProviderSchema(assembly, { wanted } = {}) {
  const types = assembly.types ?? {};
  const names = namesByCamel(types);
  const resources = {};
  const dataSources = {};
  const resourceTypes = [];
  const dataSourceTypes = [];
  let provider;
  let providerConfig;
  for (const [fqn, cls] of Object.entries(types)) {
    if (cls.kind !== 'class') continue;
    const link = LINK.exec(cls.docs?.summary ?? '');
    if (!link || !cls.docs.summary.startsWith('Represents a ')) continue;
    const [, namespace, name, version, kind, type] = link;
    const config = cls.initializer?.parameters?.find((p) => p.name === 'config')?.type?.fqn;
    if (!config) continue;
    if (kind === undefined) {
      provider = { source: `${namespace}/${name}`, version };
      providerConfig = blockSchema(types, config, undefined, names);
      delete providerConfig.attributes.alias; // a meta-argument of every provider block, not the provider's
      continue;
    }
    const into = kind === 'resources' ? resources : dataSources;
    (kind === 'resources' ? resourceTypes : dataSourceTypes).push(type);
    const key = `${kind === 'resources' ? 'resource' : 'data'}.${type}`;
    if (wanted && !wanted.has(key)) continue;
    into[type] = blockSchema(types, config, fqn, names);
  }
  if (!provider) throw new Error(`no provider class found in the assembly of ${assembly.name}`);
  return {
    source: provider.source,
    version: provider.version,
    package: `${assembly.name}@${assembly.version}`,
    provider: providerConfig,
    resources: sortKeys(resources),
    dataSources: sortKeys(dataSources),
    resourceTypes: resourceTypes.sort(byName),
    dataSourceTypes: dataSourceTypes.sort(byName),
  };
}

/**
 * The resource and data source types a set of Terraform files declare, as `resource.<type>` and
 * `data.<type>`, by provider prefix (`aws_s3_bucket` → aws). Read from the text (block headers at
 * the start of a line), so a blueprint template needs no rendering first.
 */
export function declaredTypes(texts) {
  const byProvider = new Map();
  for (const text of texts) {
    for (const match of text.matchAll(/^[ \t]*(resource|data)[ \t]+"([a-z0-9]+)_([A-Za-z0-9_]+)"/gm)) {
      const [, kind, prefix, rest] = match;
      const set = byProvider.get(prefix) ?? new Set();
      set.add(`${kind}.${prefix}_${rest}`);
      byProvider.set(prefix, set);
    }
  }
  return byProvider;
}

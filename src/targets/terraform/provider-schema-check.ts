/**
 * The embedded provider-schema check of a Terraform bundle (any cloud): the resource, data source and
 * provider blocks of every module fit the real schemas of the pinned providers, shipped with the CLI
 * (schemas/terraform/), so it runs offline where `terraform validate` cannot (google, azurerm). It
 * shares the bundle's one parse with the other Terraform checks; its prepare loads only the schemas
 * of the providers the bundle uses.
 */
import type { BundleFiles, EmbeddedCheck } from '../../checks/types.js';
import { prepareTerraform } from './embedded-checks.js';
import type { KnownParses } from './hcl.js';
import { dirOf } from './modules.js';
import { loadProviderSchemas, type ProviderSchema } from './provider-schema.js';
import { providerSchemaProblems, providersUsed, type SchemaFile } from './provider-schema-problems.js';

interface Prepared {
  files: SchemaFile[];
  schemas: Map<string, ProviderSchema>;
  /** Module directories not checked: a file there does not parse. */
  skipped: string[];
}

async function prepare(files: BundleFiles, known: KnownParses): Promise<Prepared> {
  const bundle = await prepareTerraform(files, known);
  const tf: SchemaFile[] = [];
  for (const [path, json] of bundle.json) {
    if (!path.endsWith('.tf') || bundle.broken.has(dirOf(path))) continue;
    tf.push({ path, json, text: files.get(path) ?? '' });
  }
  const skipped = [...bundle.broken].filter((dir) => bundle.modules.has(dir) || [...files.keys()].some((p) => p.endsWith('.tf') && dirOf(p) === dir)).sort();
  return { files: tf, schemas: await loadProviderSchemas(providersUsed(tf)), skipped };
}

/**
 * `terraform-provider-schema`: unknown arguments and blocks (with "did you mean", or where they
 * belong), missing required arguments and blocks, read-only attributes set, single blocks repeated;
 * each with file, line and resource address.
 */
/** `known`: the target's build-time parses (the same the engine's other checks get: one parse per run). */
export function providerSchemaCheck(known: KnownParses = new Map()): EmbeddedCheck {
  const prepared = new WeakMap<BundleFiles, Prepared>();
  return {
    id: 'terraform-provider-schema',
    title: 'resource, data source and provider blocks fit the provider schemas (hashicorp/aws 5.100.0, google 6.50.0, azurerm 4.55.0): known arguments and blocks, required ones set, no read-only attribute, single blocks once',
    prepare: async (files) => prepared.set(files, await prepare(files, known)),
    run: (files) => {
      const state = prepared.get(files);
      if (!state) return ['internal: the provider-schema check ran before its prepare'];
      const skipped = state.skipped.map((dir) => `${dir}: not checked against the provider schemas, a file there does not parse (see terraform-parse); fix it first`);
      return [...skipped, ...providerSchemaProblems(state.files, state.schemas)];
    },
  };
}

/**
 * Terraform provider schemas as data: the compact form scripts/extract-provider-schemas.mjs writes
 * to schemas/terraform/<provider>.json (from the prebuilt CDKTF packages of hashicorp/aws 5.100.0,
 * google 6.50.0 and azurerm 4.55.0), plus the few types of Terraform's built-in provider. Each file is
 * imported on demand, by the schema check of a bundle that declares that provider's types, so no other
 * target (and no other cloud) pays for it.
 */

/** required; optional (optional and computed included); computed: read-only, set by the provider. */
export type AttributeKind = 'required' | 'optional' | 'computed';

export interface BlockSchema {
  attributes: Readonly<Record<string, AttributeKind>>;
  blocks: Readonly<Record<string, NestedBlockSchema>>;
}

export interface NestedBlockSchema extends BlockSchema {
  /** single: at most one such block; list: any number (a list or a set). */
  nesting: 'single' | 'list';
  /** At least one such block is required. */
  required?: boolean;
  /** The schema does not describe the block's content (a recursive schema): it is not checked. */
  open?: boolean;
}

export interface ProviderSchema {
  /** e.g. hashicorp/aws */
  source: string;
  version: string;
  /** The package it was extracted from, e.g. @cdktf/provider-aws@20.1.0. */
  package: string;
  /** The provider block's own arguments. */
  provider: BlockSchema;
  /** The types the blueprints declare, fully described. */
  resources: Readonly<Record<string, BlockSchema>>;
  dataSources: Readonly<Record<string, BlockSchema>>;
  /** Every type name of the provider. */
  resourceTypes: readonly string[];
  dataSourceTypes: readonly string[];
}

/** Terraform's built-in provider (`terraform_data`, `terraform_remote_state`), as Terraform 1.11 defines it. */
export const BUILTIN_SCHEMA: ProviderSchema = {
  source: 'terraform.io/builtin/terraform',
  version: '(Terraform 1.11)',
  package: 'terraform',
  provider: { attributes: {}, blocks: {} },
  resources: { terraform_data: { attributes: { id: 'computed', input: 'optional', output: 'computed', triggers_replace: 'optional' }, blocks: {} } },
  dataSources: { terraform_remote_state: { attributes: { backend: 'required', config: 'optional', defaults: 'optional', outputs: 'computed', workspace: 'optional' }, blocks: {} } },
  resourceTypes: ['terraform_data'],
  dataSourceTypes: ['terraform_remote_state'],
};

const parse = (text: string): ProviderSchema => JSON.parse(text) as ProviderSchema;

/** The provider (a type's prefix, the provider block's name) → its schema, loaded on first use. */
const LOADERS: Readonly<Record<string, () => Promise<ProviderSchema>>> = {
  aws: () => import('../../../schemas/terraform/aws.json?raw').then((m) => parse(m.default)),
  google: () => import('../../../schemas/terraform/google.json?raw').then((m) => parse(m.default)),
  azurerm: () => import('../../../schemas/terraform/azurerm.json?raw').then((m) => parse(m.default)),
  terraform: () => Promise.resolve(BUILTIN_SCHEMA),
};

/** `aws_s3_bucket` → `aws`; a type of a provider without a schema here gives undefined. */
export function providerOf(type: string): string | undefined {
  const prefix = type.includes('_') ? type.slice(0, type.indexOf('_')) : type;
  return Object.hasOwn(LOADERS, prefix) ? prefix : undefined;
}

const cache = new Map<string, Promise<ProviderSchema>>();

/** The schemas of these providers (unknown ones are left out). */
export async function loadProviderSchemas(providers: Iterable<string>): Promise<Map<string, ProviderSchema>> {
  const wanted = [...new Set(providers)].filter((p) => Object.hasOwn(LOADERS, p)).sort();
  const schemas = await Promise.all(
    wanted.map((provider) => {
      let promise = cache.get(provider);
      if (!promise) {
        promise = (LOADERS[provider] as () => Promise<ProviderSchema>)();
        cache.set(provider, promise);
      }
      return promise;
    }),
  );
  return new Map(wanted.map((provider, i) => [provider, schemas[i] as ProviderSchema]));
}

/** The `infra terraform export` use case: the variables file from the answers, written atomically. */
import { resolve } from 'node:path';
import type { AnswerLayer } from '../contract/resolve.js';
import { fsStep, writeFileAtomic } from './fs.js';
import { exportTfvars, type ExportResult, type TerraformProvider } from '../targets/terraform-export.js';
import type { TfvarsFormat } from '../render/tfvars.js';

export interface TerraformExportOptions {
  provider: TerraformProvider;
  mode: 'template' | 'filled';
  format: TfvarsFormat;
  layers: readonly AnswerLayer[];
  includeSecrets: boolean;
  /** Where to write; default var/infra/<provider>/terraform.tfvars(.json). */
  output?: string;
}

export function defaultExportPath(provider: TerraformProvider, format: TfvarsFormat): string {
  return `var/infra/${provider}/${format === 'json' ? 'terraform.tfvars.json' : 'terraform.tfvars'}`;
}

export async function terraformExport(options: TerraformExportOptions): Promise<ExportResult & { path: string }> {
  const result = exportTfvars(options);
  const path = options.output ?? defaultExportPath(options.provider, options.format);
  await fsStep(() => writeFileAtomic(resolve(path), result.content, options.includeSecrets ? 0o600 : 0o644));
  return { ...result, path };
}

/**
 * `infra terraform export`'s core (pure): the variables file of a cloud blueprint from answers. The
 * variables it knows are the blueprint's own (read from its variables.tf), named like the contract
 * keys. Filled mode is the contract itself: every missing or invalid input at once, or the values the
 * bundle's terraform.tfvars would hold. Template mode writes what the answers give, `__REQUIRED__` for
 * what the contract still needs, and redacts the secret maps; its problems are warnings.
 */
import type { AnswerLayer } from '../contract/resolve.js';
import { ContractError, type Problem } from '../errors.js';
import { renderTfvars, type TfValue, type TfvarsFormat } from '../render/tfvars.js';
import { AWS_VARIABLES } from './aws/blueprint.js';
import { AZURE_VARIABLES } from './azure/blueprint.js';
import { GCP_VARIABLES } from './gcp/blueprint.js';
import { tfvarsValues } from './terraform/app-env-module.js';
import { coerceScalars, normalizeLayer, resolveContract } from './contract.js';
import { mergeLayers } from '../contract/resolve.js';

export const TERRAFORM_PROVIDERS = ['aws', 'azure', 'gcp'] as const;
export type TerraformProvider = (typeof TERRAFORM_PROVIDERS)[number];

export const REQUIRED_MARKER = '__REQUIRED__';
export const REDACTED_MARKER = '__REDACTED__';
const SECRET_MAPS = ['api_secrets', 'web_secrets'];

export interface ExportRequest {
  provider: TerraformProvider;
  mode: 'template' | 'filled';
  format: TfvarsFormat;
  layers: readonly AnswerLayer[];
  includeSecrets: boolean;
}

export interface ExportResult {
  content: string;
  /** Template mode: what the contract still lacks or refuses (filled mode throws instead). */
  warnings: Problem[];
  /** Variables written, in the blueprint's order. */
  variables: string[];
}

const BLUEPRINTS: Record<TerraformProvider, { preset: string; variables: readonly string[] }> = {
  aws: { preset: 'aws', variables: AWS_VARIABLES },
  azure: { preset: 'azure', variables: AZURE_VARIABLES },
  gcp: { preset: 'gcp', variables: GCP_VARIABLES },
};

const isMissing = (p: Problem) => p.message.startsWith('is required');

/** A Problem's key as a variable and, for map entries (api_secrets.DATABASE_URL), the entry. */
function variableOf(key: string, variables: ReadonlySet<string>): { name: string; entry?: string } | undefined {
  const [head, ...rest] = key.split('.');
  if (!head || !variables.has(head)) return undefined;
  return rest.length > 0 ? { name: head, entry: rest.join('.') } : { name: head };
}

function redact(values: Record<string, TfValue>): void {
  for (const key of SECRET_MAPS) {
    const map = values[key];
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    values[key] = Object.fromEntries(Object.entries(map).map(([name, value]) => [name, value === REQUIRED_MARKER ? value : REDACTED_MARKER]));
  }
}

export function exportTfvars(request: ExportRequest): ExportResult {
  const blueprint = BLUEPRINTS[request.provider];
  // The preset is the provider's; an answers file for another target is refused by the contract.
  const layers = [{ source: `--provider ${request.provider}`, values: { preset: blueprint.preset } }, ...request.layers];
  const resolved = resolveContract(layers);
  const names = new Set(blueprint.variables);
  if (request.mode === 'filled') {
    if (!resolved.ok) throw new ContractError(resolved.problems);
    if (resolved.contract.target !== request.provider) throw new ContractError([{ key: 'preset', message: `is ${resolved.preset.name} (target ${resolved.contract.target}), not a ${request.provider} preset`, hint: `drop preset from the answers, or use --provider ${resolved.contract.target}` }]);
    // The secret maps hold Secrets Manager names or ARNs (the contract refuses values): written as they are.
    const values = tfvarsValues(resolved.contract, blueprint.variables);
    return { content: renderTfvars(values, request.format), warnings: resolved.warnings, variables: Object.keys(values) };
  }
  const answers = coerceScalars(mergeLayers(layers.map((layer) => normalizeLayer(layer).values)));
  const values: Record<string, TfValue> = {};
  for (const name of blueprint.variables) if (answers[name] !== undefined && name !== 'preset') values[name] = answers[name] as TfValue;
  const problems = resolved.ok ? resolved.warnings : resolved.problems;
  const warnings: Problem[] = [];
  for (const problem of problems) {
    const variable = isMissing(problem) ? variableOf(problem.key, names) : undefined;
    if (!variable) {
      warnings.push(problem);
      continue;
    }
    if (variable.entry) {
      const map = values[variable.name];
      values[variable.name] = { ...(map && typeof map === 'object' && !Array.isArray(map) ? map : {}), [variable.entry]: REQUIRED_MARKER };
    } else {
      values[variable.name] = REQUIRED_MARKER;
    }
    warnings.push({ ...problem, message: `${problem.message} (written as ${REQUIRED_MARKER})` });
  }
  if (!request.includeSecrets) redact(values);
  const ordered = Object.fromEntries(blueprint.variables.filter((name) => values[name] !== undefined).map((name) => [name, values[name] as TfValue]));
  return { content: renderTfvars(ordered, request.format), warnings, variables: Object.keys(ordered) };
}

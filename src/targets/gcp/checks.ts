/**
 * The GCP bundle's checks. Embedded: the Terraform engine's parse, reference and tfvars checks; the
 * app-env check on the env the app-env module computes from terraform.tfvars (its TypeScript
 * mirror), with the billing flags and every Host header the API receives (the web app's, the
 * probes'); no secret value in the variables; and the project services: the rendered configuration
 * enables every API the blueprint uses, or (switched off) the runbook lists each one to enable by
 * hand. Real tools: terraform fmt, init + validate and the blueprint's tests (a stated SKIP where the
 * google provider cannot be installed), and the provider-free modules' own terraform tests.
 *
 * The variables-reading and app-env input pieces are a small copy of the AWS target's (the secret
 * reference syntax differs); they may move into src/targets/terraform/ once both settle.
 */
import type { BundleFiles, EmbeddedCheck, ToolCheck } from '../../checks/types.js';
import { UNKNOWN_SECRET, type EnvValue } from '../../contract/app-env/conditions.js';
import type { EnvVar } from '../../contract/env.js';
import { secretShape } from '../../contract/secret-shapes.js';
import { appEnvProblemsOf, webClient } from '../shared/app-env-check.js';
import { billingFlagProblems } from '../shared/invariants.js';
import { prepareTerraform, terraformEmbeddedChecks } from '../terraform/embedded-checks.js';
import { readVariables } from '../terraform/modules.js';
import { providerSchemaCheck } from '../terraform/provider-schema-check.js';
import { terraformToolChecks } from '../terraform/tool-checks.js';
import { blueprintConnectionSecrets, type GcpContract } from './keys.js';
import { isSecretManagerRef } from './rules.js';
import { gcpEnv, INFRA_DIR, PROBE_HOST, servicesPlan, TESTED_MODULES, TFVARS_PATH } from './view.js';

type Json = Record<string, unknown>;

/** The variables as Terraform will see them: the blueprint's defaults, then the variables file. */
async function effectiveVariables(files: BundleFiles): Promise<{ values: Json; json: Map<string, unknown> } | { problem: string }> {
  const bundle = await prepareTerraform(files);
  const tfvars = bundle.json.get(TFVARS_PATH);
  if (!tfvars) return { problem: `${TFVARS_PATH}: missing or does not parse (see terraform-parse); re-generate the bundle` };
  const dir = new Map([...bundle.json].filter(([p]) => p.startsWith(`${INFRA_DIR}/`) && p.endsWith('.tf') && !p.slice(INFRA_DIR.length + 1).includes('/')));
  const values: Json = {};
  for (const variable of readVariables(dir)) if (variable.hasDefault) values[variable.name] = variable.default;
  return { values: { ...values, ...tfvars }, json: bundle.json };
}

const asEnv = (vars: readonly EnvVar[], secrets: readonly string[]): Map<string, EnvValue> => {
  const env = new Map<string, EnvValue>(vars.map((v) => [v.name, v.value]));
  for (const name of secrets) env.set(name, UNKNOWN_SECRET);
  return env;
};

function contractOf(values: Json): GcpContract {
  const runUrl = (service: string) => `https://${String(values.project_name)}-${String(values.environment)}-${service}-${String(values.project_number)}.${String(values.region)}.run.app`;
  return { ...values, api_base_url: values.api_base_url || runUrl('api'), worker_image: values.worker_image || values.api_image } as unknown as GcpContract;
}

/** The secret maps hold Secret Manager references Cloud Run can inject, never values. */
function secretValueProblems(values: Json): string[] {
  const problems: string[] = [];
  for (const key of ['api_secrets', 'web_secrets']) {
    const map = values[key];
    if (!map || typeof map !== 'object') continue;
    for (const [name, ref] of Object.entries(map as Json)) {
      const text = String(ref);
      const shape = secretShape(text);
      if (!isSecretManagerRef(text) || shape) {
        problems.push(`${TFVARS_PATH}: ${key}.${name} is not a Secret Manager name or path${shape ? ` (it looks like ${shape})` : ''}: the variables must name secrets, never hold them; put the value into Secret Manager and give its name`);
      }
    }
  }
  for (const name of ['DATABASE_URL', 'REDIS_URL']) {
    for (const key of ['api_env', 'web_env']) {
      const map = values[key];
      if (map && typeof map === 'object' && Object.hasOwn(map, name)) problems.push(`${TFVARS_PATH}: ${key}.${name} would be plain env; it must be a secret (api_secrets)`);
    }
  }
  return problems;
}

function appEnvProblems(values: Json): string[] {
  const contract = contractOf(values);
  const env = gcpEnv(contract);
  const apiSecrets = [...Object.keys(contract.api_secrets ?? {}), ...blueprintConnectionSecrets(values)];
  const input = {
    api: asEnv(env.api, apiSecrets),
    web: asEnv(env.web, Object.keys(contract.web_secrets ?? {})),
    ...(env.worker ? { worker: asEnv(env.worker, apiSecrets) } : {}),
  };
  const clients = [
    ...webClient(input.web),
    { who: 'the Cloud Run probes (Host header set by the blueprint)', host: `${PROBE_HOST}:8000` },
    ...(contract.api_public_url ? [{ who: 'clients of the API host (api_public_url)', host: new URL(contract.api_public_url).host }] : []),
  ];
  const flags = [
    ...billingFlagProblems('api env (app-env module)', new Map(env.api.map((v) => [v.name, v.value])), contract.enable_worker ? 'api' : 'inline'),
    ...(env.worker ? billingFlagProblems('worker env (app-env module)', new Map(env.worker.map((v) => [v.name, v.value])), 'worker') : []),
  ];
  return [...flags, ...appEnvProblemsOf({ input, clients })];
}

/** `for_each` of google_project_service.enabled, as parsed JSON says it. */
function servicesForEach(json: Map<string, unknown>): string | undefined {
  const project = json.get(`${INFRA_DIR}/project.tf`) as { resource?: Record<string, Record<string, { for_each?: unknown }[]>> } | undefined;
  const forEach = project?.resource?.google_project_service?.enabled?.[0]?.for_each;
  return typeof forEach === 'string' ? forEach : undefined;
}

/** Every API the blueprint uses is enabled by the rendered configuration, or listed in the runbook to enable by hand. */
export function projectServicesProblems(values: Json, json: Map<string, unknown>, readme: string | undefined): string[] {
  const problems: string[] = [];
  const contract = contractOf(values);
  const plan = servicesPlan(contract);
  if (plan.missing.length > 0) problems.push(`${TFVARS_PATH}: project_services lacks ${plan.missing.join(', ')}, which the blueprint uses; add them (or remove project_services for the default list)`);
  const forEach = servicesForEach(json);
  if (forEach !== '${toset(module.project_services.enabled)}') {
    problems.push(`${INFRA_DIR}/project.tf: google_project_service.enabled must enable toset(module.project_services.enabled) (it has ${forEach ?? 'no for_each'}); re-generate the bundle`);
  }
  if (plan.manual.length > 0) {
    const unlisted = plan.manual.filter((service) => !(readme ?? '').includes(`gcloud services enable ${service}`) && !(readme ?? '').includes(` ${service} `));
    if (readme === undefined || unlisted.length > 0) problems.push(`README.md: enable_project_services is false, but the runbook does not list ${unlisted.join(', ')} to enable by hand; re-generate the bundle`);
  }
  return problems;
}

export function gcpEmbeddedChecks(_contract: GcpContract): EmbeddedCheck[] {
  const outcome = new WeakMap<BundleFiles, Awaited<ReturnType<typeof effectiveVariables>>>();
  const prepare = async (files: BundleFiles) => {
    outcome.set(files, await effectiveVariables(files));
  };
  const withVariables = (files: BundleFiles, judge: (values: Json, json: Map<string, unknown>) => string[]) => {
    const result = outcome.get(files);
    if (!result) return ['internal: the check ran before its prepare'];
    return 'problem' in result ? [result.problem] : judge(result.values, result.json);
  };
  return [
    ...terraformEmbeddedChecks([INFRA_DIR]),
    providerSchemaCheck(),
    {
      id: 'app-env',
      title: 'every service gets the settings the application requires (the env the app-env module computes from the variables); ALLOWED_HOSTS accepts every client and probe',
      prepare,
      run: (files) => withVariables(files, (values) => appEnvProblems(values)),
    },
    {
      id: 'no-secret-values',
      title: 'no secret value in the variables: they name Secret Manager secrets; DATABASE_URL and REDIS_URL only as secrets',
      prepare,
      run: (files) => withVariables(files, (values) => secretValueProblems(values)),
    },
    {
      id: 'gcp-project-services',
      title: 'the configuration enables every Google API the blueprint uses, or the runbook lists each one to enable by hand',
      prepare,
      run: (files) => withVariables(files, (values, json) => projectServicesProblems(values, json, files.get('README.md'))),
    },
  ];
}

export function gcpToolChecks(_contract: GcpContract): ToolCheck[] {
  return terraformToolChecks([INFRA_DIR], [...TESTED_MODULES]);
}

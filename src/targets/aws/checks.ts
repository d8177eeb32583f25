/**
 * The AWS bundle's checks. Embedded: the Terraform engine's parse, reference, tfvars and
 * provider-schema checks, and the app-env check on the env the blueprint's app-env module computes
 * from terraform.tfvars (its TypeScript mirror, held equal to the module by an integration test),
 * with the billing flags, every Host header the API receives, and no secret value in the variables. Real tools: terraform fmt,
 * init + validate, and the bundle's own terraform tests (the blueprint's and the module's).
 */
import type { BundleFiles, EmbeddedCheck, ToolCheck } from '../../checks/types.js';
import { UNKNOWN_SECRET, type EnvValue } from '../../contract/app-env/conditions.js';
import type { EnvVar } from '../../contract/env.js';
import { appEnvProblemsOf, webClient } from '../shared/app-env-check.js';
import { secretShape } from '../../contract/secret-shapes.js';
import { billingFlagProblems } from '../shared/invariants.js';
import { prepareTerraform } from '../terraform/embedded-checks.js';
import { readVariables } from '../terraform/modules.js';
import { terraformEmbeddedChecks } from '../terraform/embedded-checks.js';
import { providerSchemaCheck } from '../terraform/provider-schema-check.js';
import { terraformToolChecks } from '../terraform/tool-checks.js';
import { blueprintParses } from './blueprint.js';
import { SECRET_ARN, SECRET_NAME } from './rules.js';
import { blueprintConnectionSecrets, type AwsContract } from './keys.js';
import { awsEnv, INFRA_DIR, MODULE_DIR, tfvarsPath } from './view.js';

type Json = Record<string, unknown>;

/** The blueprint's static files, parsed at build time. */
const PARSED = blueprintParses(INFRA_DIR, MODULE_DIR);

/** The variables as Terraform will see them: the blueprint's defaults, then the variables file. */
async function effectiveVariables(files: BundleFiles, path: string): Promise<{ values: Json } | { problem: string }> {
  const bundle = await prepareTerraform(files, PARSED);
  const tfvars = bundle.json.get(path);
  if (!tfvars) return { problem: `${path}: missing or does not parse (see terraform-parse); re-generate the bundle` };
  const dir = new Map([...bundle.json].filter(([p]) => p.startsWith(`${INFRA_DIR}/`) && p.endsWith('.tf') && !p.slice(INFRA_DIR.length + 1).includes('/')));
  const values: Json = {};
  for (const variable of readVariables(dir)) if (variable.hasDefault) values[variable.name] = variable.default;
  return { values: { ...values, ...tfvars } };
}

const asEnv = (vars: readonly EnvVar[], secrets: readonly string[]): Map<string, EnvValue> => {
  const env = new Map<string, EnvValue>(vars.map((v) => [v.name, v.value]));
  for (const name of secrets) env.set(name, UNKNOWN_SECRET);
  return env;
};


/** The secret maps of the variables file hold references a task definition can inject, never values. */
function secretValueProblems(path: string, values: Json): string[] {
  const problems: string[] = [];
  for (const key of ['api_secrets', 'web_secrets']) {
    const map = values[key];
    if (!map || typeof map !== 'object') continue;
    for (const [name, ref] of Object.entries(map as Json)) {
      const text = String(ref);
      const shape = secretShape(text);
      if (!(text.startsWith('arn:') ? SECRET_ARN : SECRET_NAME).test(text) || shape) {
        problems.push(`${path}: ${key}.${name} is not a Secrets Manager ARN or name${shape ? ` (it looks like ${shape})` : ''}: the variables must name secrets, never hold them; put the value into Secrets Manager and give its ARN`);
      }
    }
  }
  for (const name of ['DATABASE_URL', 'REDIS_URL']) {
    for (const key of ['api_env', 'web_env']) {
      const map = values[key];
      if (map && typeof map === 'object' && Object.hasOwn(map, name)) problems.push(`${path}: ${key}.${name} would be plain env; it must be a secret (api_secrets)`);
    }
  }
  return problems;
}

function appEnvProblems(values: Json): string[] {
  const contract = { ...values, api_base_url: values.api_base_url || `http://${String(values.project_name)}-api:8000`, worker_image: values.worker_image || values.api_image } as unknown as AwsContract;
  const env = awsEnv(contract);
  const apiSecrets = [...Object.keys(contract.api_secrets ?? {}), ...blueprintConnectionSecrets(values)];
  const input = {
    api: asEnv(env.api, apiSecrets),
    web: asEnv(env.web, Object.keys(contract.web_secrets ?? {})),
    ...(env.worker ? { worker: asEnv(env.worker, apiSecrets) } : {}),
  };
  const clients = [
    ...webClient(input.web),
    { who: 'the container health check', host: '127.0.0.1:8000' },
    ...(contract.api_public_url ? [{ who: 'the load balancer (API host)', host: new URL(contract.api_public_url).host }] : []),
  ];
  const flags = [
    ...billingFlagProblems('api env (app-env module)', new Map(env.api.map((v) => [v.name, v.value])), contract.enable_worker ? 'api' : 'inline'),
    ...(env.worker ? billingFlagProblems('worker env (app-env module)', new Map(env.worker.map((v) => [v.name, v.value])), 'worker') : []),
  ];
  return [...flags, ...appEnvProblemsOf({ input, clients })];
}

export function awsEmbeddedChecks(contract: AwsContract): EmbeddedCheck[] {
  const path = tfvarsPath(contract);
  const outcome = new WeakMap<BundleFiles, Awaited<ReturnType<typeof effectiveVariables>>>();
  return [
    ...terraformEmbeddedChecks([INFRA_DIR], PARSED),
    providerSchemaCheck(PARSED),
    {
      id: 'app-env',
      title: 'every service gets the settings the application requires (the env the app-env module computes from the variables); ALLOWED_HOSTS accepts every client',
      prepare: async (files) => outcome.set(files, await effectiveVariables(files, path)),
      run: (files) => {
        const result = outcome.get(files);
        if (!result) return ['internal: the app-env check ran before its prepare'];
        return 'problem' in result ? [result.problem] : appEnvProblems(result.values);
      },
    },
    {
      id: 'no-secret-values',
      title: 'no secret value in the variables: they name Secrets Manager secrets; DATABASE_URL and REDIS_URL only as secrets',
      prepare: async (files) => outcome.set(files, await effectiveVariables(files, path)),
      run: (files) => {
        const result = outcome.get(files);
        if (!result) return ['internal: the check ran before its prepare'];
        return 'problem' in result ? [result.problem] : secretValueProblems(path, result.values);
      },
    },
  ];
}

export function awsToolChecks(_contract: AwsContract): ToolCheck[] {
  return terraformToolChecks([INFRA_DIR], [MODULE_DIR]);
}

/**
 * The Azure bundle's checks. Embedded: the Terraform engine's parse, reference and tfvars checks,
 * the app-env check on the env the blueprint computes from terraform.tfvars (a copy of the AWS
 * target's pattern), and no secret value in the variables. Real tools: terraform fmt, init +
 * validate (a SKIP where the azurerm provider cannot be installed), and the terraform tests of the
 * provider-free modules (app-env, container-app-secrets), which run offline.
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
import { blobAccountUrl, blueprintConnectionSecrets, keyVaultUrl, type AzureContract } from './keys.js';
import { azureEnv, INFRA_DIR, MODULE_DIR, namePrefix, SECRETS_MODULE_DIR, TFVARS_PATH } from './view.js';

type Json = Record<string, unknown>;

/** The variables as Terraform will see them: the blueprint's defaults, then the variables file. */
async function effectiveVariables(files: BundleFiles): Promise<{ values: Json } | { problem: string }> {
  const bundle = await prepareTerraform(files);
  const tfvars = bundle.json.get(TFVARS_PATH);
  if (!tfvars) return { problem: `${TFVARS_PATH}: missing or does not parse (see terraform-parse); re-generate the bundle` };
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

const SECRET_REF = /^([0-9A-Za-z-]{1,127}|https:\/\/[A-Za-z0-9.-]+\/secrets\/[0-9A-Za-z-]{1,127}(\/[0-9A-Za-z]{32})?)$/;

/** The secret maps of the variables file hold Key Vault references, never values. */
function secretValueProblems(values: Json): string[] {
  const problems: string[] = [];
  for (const key of ['api_secrets', 'web_secrets']) {
    const map = values[key];
    if (!map || typeof map !== 'object') continue;
    for (const [name, ref] of Object.entries(map as Json)) {
      const text = String(ref);
      const shape = secretShape(text);
      if (!SECRET_REF.test(text) || shape) {
        problems.push(`${TFVARS_PATH}: ${key}.${name} is not a Key Vault secret name or ID${shape ? ` (it looks like ${shape})` : ''}: the variables must name secrets, never hold them; put the value into Key Vault and give its name`);
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
  const base = values as unknown as AzureContract;
  const prefix = namePrefix(base);
  const kvUsed = [values.secrets_provider, values.auth_key_storage_provider || values.secrets_provider].includes('azure_kv');
  // What locals.tf derives: the API's address, and the URLs of the vault and account it creates.
  const contract = {
    ...values,
    api_base_url: values.api_base_url || (values.api_public_url ? values.api_public_url : `http://${prefix}-api`),
    worker_image: values.worker_image || values.api_image,
    ...(kvUsed ? { azure_key_vault_url: keyVaultUrl(String(values.key_vault_name)) } : {}),
    azure_blob_account_url: blobAccountUrl(String(values.storage_account_name)),
  } as unknown as AzureContract;
  const env = azureEnv(contract);
  const apiSecrets = [...Object.keys(contract.api_secrets ?? {}), ...blueprintConnectionSecrets(values)];
  const input = {
    api: asEnv(env.api, apiSecrets),
    web: asEnv(env.web, Object.keys(contract.web_secrets ?? {})),
    ...(env.worker ? { worker: asEnv(env.worker, apiSecrets) } : {}),
  };
  const clients = [
    ...webClient(input.web),
    { who: 'the Container Apps probes (Host: localhost)', host: 'localhost:8000' },
    ...(contract.api_public_url ? [{ who: 'the API custom domain', host: new URL(contract.api_public_url).host }] : []),
  ];
  const flags = [
    ...billingFlagProblems('api env (app-env module)', new Map(env.api.map((v) => [v.name, v.value])), contract.enable_worker ? 'api' : 'inline'),
    ...(env.worker ? billingFlagProblems('worker env (app-env module)', new Map(env.worker.map((v) => [v.name, v.value])), 'worker') : []),
  ];
  return [...flags, ...appEnvProblemsOf({ input, clients })];
}

export function azureEmbeddedChecks(_contract: AzureContract): EmbeddedCheck[] {
  const outcome = new WeakMap<BundleFiles, Awaited<ReturnType<typeof effectiveVariables>>>();
  const prepare = async (files: BundleFiles) => {
    outcome.set(files, await effectiveVariables(files));
  };
  const judge = (files: BundleFiles, judgeValues: (values: Json) => string[]) => {
    const result = outcome.get(files);
    if (!result) return ['internal: the check ran before its prepare'];
    return 'problem' in result ? [result.problem] : judgeValues(result.values);
  };
  return [
    ...terraformEmbeddedChecks([INFRA_DIR]),
    providerSchemaCheck(),
    {
      id: 'app-env',
      title: 'every container app gets the settings the application requires (the env the blueprint computes from the variables); ALLOWED_HOSTS accepts every client',
      prepare,
      run: (files) => judge(files, appEnvProblems),
    },
    {
      id: 'no-secret-values',
      title: 'no secret value in the variables: they name Key Vault secrets; DATABASE_URL and REDIS_URL only as secrets',
      prepare,
      run: (files) => judge(files, secretValueProblems),
    },
  ];
}

export function azureToolChecks(_contract: AzureContract): ToolCheck[] {
  return terraformToolChecks([INFRA_DIR], [MODULE_DIR, SECRETS_MODULE_DIR]);
}

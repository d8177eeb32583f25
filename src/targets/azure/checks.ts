/**
 * The Azure bundle's checks. Embedded: the Terraform target checks (src/targets/terraform/
 * target-checks.ts) with the env the blueprint computes (what locals.tf derives: the API's address,
 * the vault's and the storage account's URLs) and Key Vault references. Real tools: terraform fmt,
 * init + validate (a SKIP where the azurerm provider cannot be installed), and the terraform tests of
 * the provider-free modules (app-env, container-app-secrets), which run offline.
 */
import type { EmbeddedCheck, ToolCheck } from '../../checks/types.js';
import { terraformTargetChecks, type BlueprintEnv, type Json } from '../terraform/target-checks.js';
import { knownParses } from '../terraform/hcl.js';
import { terraformToolChecks } from '../terraform/tool-checks.js';
import { APP_ENV_PARSES } from '../terraform/app-env-module.js';
import { AZURE_PARSES } from './blueprint.js';
import { blobAccountUrl, blueprintConnectionSecrets, keyVaultUrl, type AzureContract } from './keys.js';
import { azureEnv, INFRA_DIR, MODULE_DIR, namePrefix, SECRETS_MODULE_DIR, TFVARS_PATH } from './view.js';

/** A Key Vault secret: a name, or its ID (https://<vault>/secrets/<name>[/<version>]). */
const SECRET_REF = /^([0-9A-Za-z-]{1,127}|https:\/\/[A-Za-z0-9.-]+\/secrets\/[0-9A-Za-z-]{1,127}(\/[0-9A-Za-z]{32})?)$/;

function blueprintEnv(values: Json): BlueprintEnv {
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
  return {
    env: azureEnv(contract),
    enableWorker: contract.enable_worker,
    apiSecrets: [...Object.keys(contract.api_secrets ?? {}), ...blueprintConnectionSecrets(values)],
    webSecrets: Object.keys(contract.web_secrets ?? {}),
    clients: [
      { who: 'the Container Apps probes (Host: localhost)', host: 'localhost:8000' },
      ...(contract.api_public_url ? [{ who: 'the API custom domain', host: new URL(contract.api_public_url).host }] : []),
    ],
  };
}

/** The blueprint's static files, parsed at build time. */
const PARSED = knownParses([...AZURE_PARSES, ...APP_ENV_PARSES]);

export function azureEmbeddedChecks(_contract: AzureContract): EmbeddedCheck[] {
  return terraformTargetChecks({
    known: PARSED, root: INFRA_DIR, tfvarsPath: TFVARS_PATH, appEnv: blueprintEnv, store: 'Key Vault', isSecretRef: (ref) => SECRET_REF.test(ref) });
}

export function azureToolChecks(_contract: AzureContract): ToolCheck[] {
  return terraformToolChecks([INFRA_DIR], [MODULE_DIR, SECRETS_MODULE_DIR]);
}

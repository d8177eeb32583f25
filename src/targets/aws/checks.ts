/**
 * The AWS bundle's checks. Embedded: the Terraform target checks (src/targets/terraform/
 * target-checks.ts) with the blueprint's build-time parses, the env its app-env module computes (the
 * Service Connect alias, the container health check and the API host as clients) and Secrets Manager
 * references. Real tools: terraform fmt, init + validate, and the bundle's own terraform tests (the
 * blueprint's and the module's).
 */
import type { EmbeddedCheck, ToolCheck } from '../../checks/types.js';
import { terraformTargetChecks, type BlueprintEnv, type Json } from '../terraform/target-checks.js';
import { terraformToolChecks } from '../terraform/tool-checks.js';
import { knownParses } from '../terraform/hcl.js';
import { APP_ENV_PARSES } from '../terraform/app-env-module.js';
import { AWS_PARSES } from './blueprint.js';
import { blueprintConnectionSecrets, type AwsContract } from './keys.js';
import { SECRET_ARN, SECRET_NAME } from './rules.js';
import { awsEnv, INFRA_DIR, MODULE_DIR, tfvarsPath } from './view.js';

/** The blueprint's static files, parsed at build time. */
const PARSED = knownParses([...AWS_PARSES, ...APP_ENV_PARSES]);

/** What locals.tf derives (the Service Connect URL, the worker image), then the module's env. */
function blueprintEnv(values: Json): BlueprintEnv {
  const contract = { ...values, api_base_url: values.api_base_url || `http://${String(values.project_name)}-api:8000`, worker_image: values.worker_image || values.api_image } as unknown as AwsContract;
  return {
    env: awsEnv(contract),
    enableWorker: contract.enable_worker,
    apiSecrets: [...Object.keys(contract.api_secrets ?? {}), ...blueprintConnectionSecrets(values)],
    webSecrets: Object.keys(contract.web_secrets ?? {}),
    clients: [
      { who: 'the container health check', host: '127.0.0.1:8000' },
      ...(contract.api_public_url ? [{ who: 'the load balancer (API host)', host: new URL(contract.api_public_url).host }] : []),
    ],
  };
}

export function awsEmbeddedChecks(contract: AwsContract): EmbeddedCheck[] {
  return terraformTargetChecks({
    root: INFRA_DIR,
    tfvarsPath: tfvarsPath(contract),
    known: PARSED,
    appEnv: blueprintEnv,
    store: 'Secrets Manager',
    isSecretRef: (ref) => (ref.startsWith('arn:') ? SECRET_ARN : SECRET_NAME).test(ref),
  });
}

export function awsToolChecks(_contract: AwsContract): ToolCheck[] {
  return terraformToolChecks([INFRA_DIR], [MODULE_DIR]);
}

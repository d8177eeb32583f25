/**
 * The GCP bundle's checks. Embedded: the Terraform target checks (src/targets/terraform/
 * target-checks.ts) with the env the app-env module computes (the run.app URL the web app uses, the
 * probes' Host header, the API host) and Secret Manager references; and the project services: the
 * rendered configuration enables every API the blueprint uses, or (switched off) the runbook lists
 * each one to enable by hand. Real tools: terraform fmt, init + validate and the blueprint's tests (a
 * stated SKIP where the google provider cannot be installed), and the provider-free modules' own
 * terraform tests.
 */
import type { EmbeddedCheck, ToolCheck } from '../../checks/types.js';
import { terraformTargetChecks, type BlueprintEnv, type Json } from '../terraform/target-checks.js';
import { knownParses } from '../terraform/hcl.js';
import { terraformToolChecks } from '../terraform/tool-checks.js';
import { APP_ENV_PARSES } from '../terraform/app-env-module.js';
import { GCP_PARSES } from './blueprint.js';
import { blueprintConnectionSecrets, type GcpContract } from './keys.js';
import { isSecretManagerRef } from './rules.js';
import { gcpEnv, INFRA_DIR, PROBE_HOST, servicesPlan, TESTED_MODULES, TFVARS_PATH } from './view.js';

function contractOf(values: Json): GcpContract {
  const runUrl = (service: string) => `https://${String(values.project_name)}-${String(values.environment)}-${service}-${String(values.project_number)}.${String(values.region)}.run.app`;
  return { ...values, api_base_url: values.api_base_url || runUrl('api'), worker_image: values.worker_image || values.api_image } as unknown as GcpContract;
}

function blueprintEnv(values: Json): BlueprintEnv {
  const contract = contractOf(values);
  return {
    env: gcpEnv(contract),
    enableWorker: contract.enable_worker,
    apiSecrets: [...Object.keys(contract.api_secrets ?? {}), ...blueprintConnectionSecrets(values)],
    webSecrets: Object.keys(contract.web_secrets ?? {}),
    clients: [
      { who: 'the Cloud Run probes (Host header set by the blueprint)', host: `${PROBE_HOST}:8000` },
      ...(contract.api_public_url ? [{ who: 'clients of the API host (api_public_url)', host: new URL(contract.api_public_url).host }] : []),
    ],
  };
}

/** `for_each` of google_project_service.enabled, as parsed JSON says it. */
function servicesForEach(json: ReadonlyMap<string, unknown>): string | undefined {
  const project = json.get(`${INFRA_DIR}/project.tf`) as { resource?: Record<string, Record<string, { for_each?: unknown }[]>> } | undefined;
  const forEach = project?.resource?.google_project_service?.enabled?.[0]?.for_each;
  return typeof forEach === 'string' ? forEach : undefined;
}

/** Every API the blueprint uses is enabled by the rendered configuration, or listed in the runbook to enable by hand. */
/** The blueprint's static files, parsed at build time. */
const PARSED = knownParses([...GCP_PARSES, ...APP_ENV_PARSES]);

export function projectServicesProblems(values: Json, json: ReadonlyMap<string, unknown>, readme: string | undefined): string[] {
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
  return terraformTargetChecks({
    known: PARSED,
    root: INFRA_DIR,
    tfvarsPath: TFVARS_PATH,
    appEnv: blueprintEnv,
    store: 'Secret Manager',
    isSecretRef: isSecretManagerRef,
    extra: [
      {
        id: 'gcp-project-services',
        title: 'the configuration enables every Google API the blueprint uses, or the runbook lists each one to enable by hand',
        run: ({ values, json }, files) => projectServicesProblems(values, json, files.get('README.md')),
      },
    ],
  });
}

export function gcpToolChecks(_contract: GcpContract): ToolCheck[] {
  return terraformToolChecks([INFRA_DIR], [...TESTED_MODULES]);
}

/**
 * The embedded checks every Terraform target runs, on one parse of the bundle: the engine's (parse,
 * references, tfvars), the provider schemas, and two on the variables as Terraform will see them (the
 * blueprint's defaults, then the variables file): `app-env` on the env the blueprint's app-env module
 * computes from them (each target's TypeScript mirror of its locals; the aws one is held equal to the
 * module by an integration test), with the billing flags and every Host header the API receives; and
 * `no-secret-values`: the secret maps name secrets in the cloud's store, never hold them.
 */
import type { BundleFiles, EmbeddedCheck } from '../../checks/types.js';
import { UNKNOWN_SECRET, type EnvValue } from '../../contract/app-env/conditions.js';
import type { HostClient } from '../../contract/app-env/hosts.js';
import type { EnvVar, ServiceEnv } from '../../contract/env.js';
import { CONNECTION_SECRETS } from '../../contract/literals.js';
import { secretShape } from '../../contract/secret-shapes.js';
import { appEnvProblemsOf, webClient } from '../shared/app-env-check.js';
import { billingFlagProblems } from '../shared/invariants.js';
import { prepareTerraform, terraformEmbeddedChecks } from './embedded-checks.js';
import type { KnownParses } from './hcl.js';
import { readVariables } from './modules.js';
import { providerSchemaCheck } from './provider-schema-check.js';

export type Json = Record<string, unknown>;

export interface TerraformVariables {
  /** The effective variables: declared defaults, then the variables file. */
  values: Json;
  /** Every parsed Terraform file of the bundle, by path. */
  json: ReadonlyMap<string, unknown>;
}

/** What the blueprint gives the services for these variables, as the target's TypeScript mirror computes it. */
export interface BlueprintEnv {
  env: ServiceEnv;
  enableWorker: boolean;
  /** Env names the API (and the worker) get as secrets, the blueprint's own connection secrets included. */
  apiSecrets: readonly string[];
  webSecrets: readonly string[];
  /** Host headers the API receives besides the web app's (probes, health checks, the API's own host). */
  clients: readonly HostClient[];
}

export interface TerraformTargetSpec {
  root: string;
  tfvarsPath: string;
  /** The target's build-time parses of its static files. */
  known?: KnownParses;
  appEnv(values: Json): BlueprintEnv;
  /** The cloud's secret store, for messages (e.g. "Secrets Manager"), and what a reference to it looks like. */
  store: string;
  isSecretRef(ref: string): boolean;
  /** The target's own checks on the same variables. */
  extra?: readonly { id: string; title: string; run(variables: TerraformVariables, files: BundleFiles): string[] }[];
}

async function effectiveVariables(spec: TerraformTargetSpec, files: BundleFiles): Promise<TerraformVariables | { problem: string }> {
  const bundle = await prepareTerraform(files, spec.known);
  const tfvars = bundle.json.get(spec.tfvarsPath);
  if (!tfvars) return { problem: `${spec.tfvarsPath}: missing or does not parse (see terraform-parse); re-generate the bundle` };
  const rootFiles = new Map([...bundle.json].filter(([p]) => p.startsWith(`${spec.root}/`) && p.endsWith('.tf') && !p.slice(spec.root.length + 1).includes('/')));
  const values: Json = {};
  for (const variable of readVariables(rootFiles)) if (variable.hasDefault) values[variable.name] = variable.default;
  return { values: { ...values, ...tfvars }, json: bundle.json };
}

const asEnv = (vars: readonly EnvVar[] | undefined, secrets: readonly string[]): Map<string, EnvValue> => {
  const env = new Map<string, EnvValue>((vars ?? []).map((v) => [v.name, v.value]));
  for (const name of secrets) env.set(name, UNKNOWN_SECRET);
  return env;
};
const plain = (vars: readonly EnvVar[]) => new Map(vars.map((v) => [v.name, v.value]));

function appEnvProblems(blueprint: BlueprintEnv): string[] {
  const { env } = blueprint;
  const input = {
    api: asEnv(env.api, blueprint.apiSecrets),
    web: asEnv(env.web, blueprint.webSecrets),
    ...(env.worker ? { worker: asEnv(env.worker, blueprint.apiSecrets) } : {}),
  };
  const flags = [
    ...billingFlagProblems('api env (app-env module)', plain(env.api), blueprint.enableWorker ? 'api' : 'inline'),
    ...(env.worker ? billingFlagProblems('worker env (app-env module)', plain(env.worker), 'worker') : []),
  ];
  return [...flags, ...appEnvProblemsOf({ input, clients: [...webClient(input.web), ...blueprint.clients] })];
}

function secretValueProblems(spec: TerraformTargetSpec, values: Json): string[] {
  const problems: string[] = [];
  for (const key of ['api_secrets', 'web_secrets']) {
    const map = values[key];
    if (!map || typeof map !== 'object') continue;
    for (const [name, ref] of Object.entries(map as Json)) {
      const text = String(ref);
      const shape = secretShape(text);
      if (!spec.isSecretRef(text) || shape) {
        problems.push(`${spec.tfvarsPath}: ${key}.${name} does not name a ${spec.store} secret${shape ? ` (it looks like ${shape})` : ''}: the variables must name secrets, never hold them; put the value into ${spec.store} and name it here`);
      }
    }
  }
  for (const name of CONNECTION_SECRETS) {
    for (const key of ['api_env', 'web_env']) {
      const map = values[key];
      if (map && typeof map === 'object' && Object.hasOwn(map, name)) problems.push(`${spec.tfvarsPath}: ${key}.${name} would be plain env; it must be a secret (api_secrets)`);
    }
  }
  return problems;
}

export function terraformTargetChecks(spec: TerraformTargetSpec): EmbeddedCheck[] {
  const outcome = new WeakMap<BundleFiles, TerraformVariables | { problem: string }>();
  const prepare = async (files: BundleFiles) => {
    outcome.set(files, await effectiveVariables(spec, files));
  };
  const judge = (files: BundleFiles, on: (variables: TerraformVariables) => string[]) => {
    const result = outcome.get(files);
    if (!result) return ['internal: the check ran before its prepare'];
    return 'problem' in result ? [result.problem] : on(result);
  };
  return [
    ...terraformEmbeddedChecks([spec.root], spec.known),
    providerSchemaCheck(spec.known),
    {
      id: 'app-env',
      title: 'every service gets the settings the application requires (the env the app-env module computes from the variables); ALLOWED_HOSTS accepts every client and probe',
      prepare,
      run: (files) => judge(files, ({ values }) => appEnvProblems(spec.appEnv(values))),
    },
    {
      id: 'no-secret-values',
      title: `no secret value in the variables: they name ${spec.store} secrets; DATABASE_URL and REDIS_URL only as secrets`,
      prepare,
      run: (files) => judge(files, ({ values }) => secretValueProblems(spec, values)),
    },
    ...(spec.extra ?? []).map((extra): EmbeddedCheck => ({ id: extra.id, title: extra.title, prepare, run: (files) => judge(files, (variables) => extra.run(variables, files)) })),
  ];
}

/**
 * Checks of a Kubernetes bundle. Embedded: the values against the chart's own values.schema.json,
 * the values against the contract, no plain secrets. Real tools: `helm lint --strict` and
 * `helm template`, whose output is validated against the Kubernetes (and External Secrets) schemas
 * and checked for the invariants (BFF routing, worker flags, secrets by reference, probes, hardening).
 */
import { parse as parseYaml } from 'yaml';
import { ANSWERS_PATH } from '../../bundle/manifest.js';
import { file, type PlannedFile } from '../../bundle/plan.js';
import type { BundleFiles, EmbeddedCheck, ToolCheck, ToolRun } from '../../checks/types.js';
import type { K8sContract } from './keys.js';
import type { EnvVar } from '../../contract/env.js';
import { CONNECTION_SECRETS } from '../../contract/literals.js';
import { appEnvCheck } from '../shared/app-env-check.js';
import { leakProblems, secretCanaries } from '../shared/invariants.js';
import { renderedAppEnvProblems, valuesSubject } from './app-env.js';
import { CHART_DEFAULTS, CHART_DIR, CHART_FILES, CHART_NAME, VALUES_SCHEMA_TEXT } from './chart.js';
import { manifestProblems } from './manifest-invariants.js';
import { helmMerge, valuesSchemaProblems } from './values-schema.js';
import { k8sView, SECRETS_DIR, type K8sView } from './view.js';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

const isSecretFile = (path: string) => path.startsWith(`${SECRETS_DIR}/`) && path.endsWith('.yaml');

function readYaml(files: BundleFiles, path: string, problems: string[]): Json | undefined {
  const content = files.get(path);
  if (content === undefined) {
    problems.push(`${path} is missing`);
    return undefined;
  }
  try {
    return obj(parseYaml(content, { version: '1.1' }));
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * The generated values (and the secret values, when present) over the bundle's chart defaults, against the bundle's schema.
 * Chart files that are still the chart's own are not parsed again: their parsed forms were computed at build time.
 */
function valuesSchemaCheck(view: K8sView, files: BundleFiles): string[] {
  const problems: string[] = [];
  const defaultsPath = `${CHART_DIR}/values.yaml`;
  const defaults = files.get(defaultsPath) === CHART_FILES['values.yaml'] ? CHART_DEFAULTS : readYaml(files, defaultsPath, problems);
  const values = readYaml(files, view.valuesFile, problems);
  const schemaText = files.get(`${CHART_DIR}/values.schema.json`);
  if (schemaText === undefined) problems.push(`${CHART_DIR}/values.schema.json is missing`);
  if (!defaults || !values || schemaText === undefined) return problems;
  let schema: Json | undefined;
  try {
    schema = schemaText === VALUES_SCHEMA_TEXT ? undefined : obj(JSON.parse(schemaText));
  } catch (error) {
    return [`${CHART_DIR}/values.schema.json: ${(error as Error).message}`];
  }
  const secrets = view.secretsFile && files.has(view.secretsFile) ? (readYaml(files, view.secretsFile, problems) ?? {}) : {};
  return [...problems, ...valuesSchemaProblems(helmMerge(helmMerge(defaults, values), secrets), schema).map((p) => `${view.valuesFile}: ${p}`)];
}

/** A model of how the chart assembles each container's plain env from the values (the real render is checked by helm template). */
export function chartEnvModel(values: Json): { api: Json; web: Json; worker?: Json } {
  const api = obj(obj(values.api).env);
  const web = obj(obj(values.web).env);
  const workerValues = obj(values.worker);
  const dedicated = workerValues.enabled === true;
  const apiFlags = dedicated
    ? { ENABLE_BILLING_RETRY_WORKER: 'false', ENABLE_BILLING_STREAM_REPLAY: 'false', BILLING_RETRY_DEPLOYMENT_MODE: 'dedicated' }
    : { ENABLE_BILLING_RETRY_WORKER: 'true', ENABLE_BILLING_STREAM_REPLAY: 'true', BILLING_RETRY_DEPLOYMENT_MODE: 'inline' };
  const workerFlags = { ENABLE_BILLING_RETRY_WORKER: 'true', ENABLE_BILLING_STREAM_REPLAY: 'true', BILLING_RETRY_DEPLOYMENT_MODE: 'dedicated' };
  const port = (component: Json, fallback: number) => String(component.port ?? fallback);
  return {
    api: { ...apiFlags, ...api, PORT: port(obj(values.api), 8000) },
    web: { ...web, PORT: port(obj(values.web), 3000) },
    ...(dedicated ? { worker: { ...api, ...workerFlags, ...obj(workerValues.env), PORT: port(workerValues, 8000) } } : {}),
  };
}

function envDiff(where: string, actual: Json, expected: readonly EnvVar[]): string[] {
  const want = new Map(expected.map((v) => [v.name, v.value]));
  const problems = [...want].filter(([name, value]) => actual[name] !== value).map(([name, value]) => `${where}: ${name} would be ${JSON.stringify(actual[name] ?? null)}, expected ${JSON.stringify(value)}`);
  for (const name of Object.keys(actual)) if (!want.has(name)) problems.push(`${where}: ${name} is not in the env contract`);
  return problems;
}

/** The generated values say what the contract says (env as the chart will assemble it, topology, hosts, secrets). */
function valuesContractCheck(view: K8sView, files: BundleFiles): string[] {
  const problems: string[] = [];
  const values = readYaml(files, view.valuesFile, problems);
  if (!values) return problems;
  const model = chartEnvModel(values);
  problems.push(...envDiff('api env', model.api, view.env.api), ...envDiff('web env', model.web, view.env.web));
  if (view.env.worker) problems.push(...(model.worker ? envDiff('worker env', model.worker, view.env.worker) : ['worker.enabled is not true but enable_worker is']));
  else if (model.worker) problems.push('worker.enabled is true but enable_worker is false');
  for (const component of ['api', 'web', 'worker'] as const) {
    const env = obj(obj(values[component]).env);
    for (const name of CONNECTION_SECRETS) if (Object.hasOwn(env, name)) problems.push(`${component}.env sets ${name} in plain text`);
  }
  const migrations = obj(values.migrations).enabled !== false; // the chart's default is on
  if (migrations !== view.migrations.enabled) problems.push(`migrations.enabled is ${String(migrations)}, expected ${String(view.migrations.enabled)} (migrations_job)`);
  const ingress = obj(values.ingress);
  if ((ingress.enabled === true) !== view.ingress.enabled) problems.push(`ingress.enabled is ${String(ingress.enabled)}, expected ${String(view.ingress.enabled)}`);
  if (view.ingress.enabled && JSON.stringify(ingress.hosts) !== JSON.stringify(view.ingress.hosts)) problems.push(`ingress.hosts are ${JSON.stringify(ingress.hosts)}, expected ${JSON.stringify(view.ingress.hosts)}`);
  const external = obj(values.externalSecrets);
  if (view.secrets.mode === 'external-secrets') {
    if (external.enabled !== true) problems.push('externalSecrets.enabled is not true');
    for (const component of ['api', 'web'] as const) {
      const data = Object.keys(obj(obj(external[component]).data)).sort();
      const want = view.secrets[component].map((r) => r.env);
      if (JSON.stringify(data) !== JSON.stringify(want)) problems.push(`externalSecrets.${component}.data maps ${data.join(', ') || 'nothing'}, expected ${want.join(', ') || 'nothing'}`);
    }
  } else if (external.enabled !== false) {
    problems.push('externalSecrets.enabled is not false');
  }
  return problems;
}

export function k8sEmbeddedChecks(contract: K8sContract): EmbeddedCheck[] {
  const view = k8sView(contract);
  // With External Secrets the secret maps hold keys in the store: references, which the values and the
  // answers file carry on purpose (the contract rules refuse a key that looks like a secret value).
  // Without, they hold values, written only into the secret files: each is a canary.
  const external = view.secrets.mode === 'external-secrets';
  const holdsSecrets = (path: string) => isSecretFile(path) || (external && path === ANSWERS_PATH);
  return [
    { id: 'helm-values-schema', title: "generated values match the chart's values.schema.json", run: (files) => valuesSchemaCheck(view, files) },
    {
      id: 'helm-values-contract',
      title: `values carry the env contract and the ${view.worker ? 'dedicated worker' : 'single-process'} topology`,
      run: (files) => valuesContractCheck(view, files),
    },
    { id: 'no-plain-secrets', title: 'no DATABASE_URL, REDIS_URL or secret value outside secret files', run: (files) => leakProblems(files, holdsSecrets, secretCanaries(contract, { references: external })) },
    appEnvCheck((files, problems) => {
      const values = readYaml(files, view.valuesFile, problems) ?? {};
      return valuesSubject(view, values, chartEnvModel(values), files);
    }),
  ];
}

function secretNamesOf(content: string | undefined): Json | undefined {
  if (content === undefined) return undefined;
  try {
    return obj(parseYaml(content, { version: '1.1' }));
  } catch {
    return undefined;
  }
}

/**
 * Placeholder secret values for a scratch copy, so helm can render the chart without the secret
 * values: whether the operator keeps them or the bundle holds them (--include-secrets), the scratch
 * copy gets the same keys (those of the real file when it reads, else the example's) with
 * placeholder values.
 */
function secretPlaceholders(view: K8sView): (files: BundleFiles) => PlannedFile[] {
  return (files) => {
    if (!view.secretsFile) return [];
    const parsed = secretNamesOf(files.get(view.secretsFile)) ?? secretNamesOf(files.get(`${view.secretsFile}.example`));
    if (parsed === undefined) return [];
    const filled = Object.fromEntries(
      Object.entries(parsed).map(([component, value]) => [
        component,
        { secrets: Object.fromEntries(Object.keys(obj(obj(value).secrets)).map((name) => [name, `placeholder-${name.toLowerCase()}`])) },
      ]),
    );
    return [file(view.secretsFile, JSON.stringify(filled))];
  };
}

/** helm prints lint findings on stdout: keep the [ERROR]/[WARNING] blocks and stderr's summary. */
function lintProblems(run: ToolRun): string[] {
  if (run.exitCode === 0) return [];
  const findings = run.stdout
    .split('\n')
    .filter((line) => /^\[(ERROR|WARNING)\]|^- /.test(line))
    .map((line) => line.trimEnd());
  const problems = [...new Set(findings), run.stderr.trim()].filter(Boolean);
  // A failed lint without findings (helm printed something else) is still a failure.
  return problems.length > 0 ? problems : [run.stdout.trim() || `helm lint exited with ${run.exitCode}`];
}

async function templateProblems(run: ToolRun, view: K8sView): Promise<string[]> {
  if (run.exitCode !== 0) return [run.stderr.trim() || `helm template exited with ${run.exitCode}`];
  const { parseManifests, schemaProblems } = await import('../../checks/embedded/kubernetes.js');
  const { docs, problems } = parseManifests(run.stdout);
  if (problems.length > 0) return problems;
  return [...(await schemaProblems(docs)), ...manifestProblems(docs, view), ...renderedAppEnvProblems(docs, view)];
}

export function k8sToolChecks(contract: K8sContract): ToolCheck[] {
  const view = k8sView(contract);
  const chartsDir = CHART_DIR.split('/').slice(0, -1).join('/');
  const relative = (path: string) => path.slice(chartsDir.length + 1);
  const valueArgs = [view.valuesFile, ...(view.secretsFile ? [view.secretsFile] : [])].flatMap((f) => ['-f', relative(f)]);
  const placeholders = secretPlaceholders(view);
  return [
    {
      id: 'helm-lint',
      title: "helm lint --strict accepts the chart with the generated values (values.schema.json included)",
      tool: 'helm',
      args: ['lint', '--strict', CHART_NAME, ...valueArgs],
      cwd: chartsDir,
      placeholders,
      interpret: lintProblems,
    },
    {
      id: 'helm-template',
      title: 'helm template renders manifests that match the Kubernetes schemas, the BFF routing and the worker topology',
      tool: 'helm',
      args: ['template', view.release, CHART_NAME, '--namespace', view.namespace, ...valueArgs],
      cwd: chartsDir,
      placeholders,
      interpret: (run) => templateProblems(run, view),
      // The Kubernetes and External Secrets models (the bulk of the interpret's time) load while helm renders.
      prepare: async () => (await import('../../checks/embedded/kubernetes.js')).preloadModels(),
    },
  ];
}

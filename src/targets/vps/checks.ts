/** Checks of a VPS bundle: embedded (always) and real tools (when present). */
import type { VpsContract } from './keys.js';
import { readCaddyfile, upstreams, CaddyfileSyntaxError } from '../../checks/embedded/caddyfile.js';
import { composeDocuments, composeSchemaProblems, composeSemanticProblems, parseCompose } from '../../checks/embedded/compose.js';
import type { BundleFiles, EmbeddedCheck, ToolCheck, ToolRun } from '../../checks/types.js';
import { file, type PlannedFile } from '../../bundle/plan.js';
import { parseDotenv } from '../../render/dotenv.js';
import { appEnvCheck, envFromFiles, webClient } from '../shared/app-env-check.js';
import { billingFlagProblems, leakProblems, secretCanaries, workerTopologyProblems } from '../shared/invariants.js';
import { CADDYFILE, COMPOSE_DIR, COMPOSE_FILE, vpsView } from './view.js';

const isSecretFile = (path: string) => path.startsWith(`${COMPOSE_DIR}/secrets/`) && path.endsWith('.env');

function caddyProblems(contract: VpsContract, files: BundleFiles): string[] {
  const view = vpsView(contract);
  const content = files.get(CADDYFILE);
  if (content === undefined) return [`${CADDYFILE} is missing`];
  let blocks;
  try {
    blocks = readCaddyfile(content);
  } catch (error) {
    if (error instanceof CaddyfileSyntaxError) return [`${CADDYFILE}: ${error.message}`];
    throw error;
  }
  const problems: string[] = [];
  const global = blocks.find((b) => b.header.length === 0);
  if (!global?.lines.includes(`email ${view.acmeEmail}`)) problems.push(`${CADDYFILE}: the global block does not set email ${view.acmeEmail}`);
  const sites = blocks.filter((b) => b.header.length > 0 && !b.header[0]?.startsWith('('));
  const app = sites.find((b) => b.header.includes(view.appSite.address));
  if (!app) {
    problems.push(`${CADDYFILE}: no site block for the app host ${view.appSite.address}`);
  } else {
    // BFF contract (seed OPS-001): everything on the app host, /api included, reaches the web app only.
    const targets = upstreams(app);
    if (targets.length === 0 || targets.some((t) => t !== `web:${view.ports.web}`)) {
      problems.push(`${CADDYFILE}: the app host must proxy only to web:${view.ports.web}, found ${targets.join(', ') || 'nothing'}`);
    }
    if (!app.lines.some((l) => /^@\S+ path .*\/api\/\*/.test(l))) problems.push(`${CADDYFILE}: the app host has no /api/* route to the web app`);
  }
  const api = view.apiSite ? sites.find((b) => b.header.includes(view.apiSite?.address ?? '')) : undefined;
  if (view.apiSite && (!api || upstreams(api).join() !== `api:${view.ports.api}`)) {
    problems.push(`${CADDYFILE}: the API host ${view.apiSite.address} must proxy to api:${view.ports.api}`);
  }
  if (sites.length !== (view.apiSite ? 2 : 1)) problems.push(`${CADDYFILE}: expected ${view.apiSite ? 2 : 1} site blocks, found ${sites.length}`);
  return problems;
}

export function vpsEmbeddedChecks(contract: VpsContract): EmbeddedCheck[] {
  const view = vpsView(contract);
  // A single server's bundle holds secret values (written with --include-secrets): each is a canary.
  const canaries = secretCanaries(contract, { references: false });
  // Both compose checks read the same parsed document.
  const compose = composeDocuments(COMPOSE_FILE);
  return [
    { id: 'compose-schema', title: 'compose file matches the Compose Specification', run: (files) => composeSchemaProblems(compose(files) ?? parseCompose('')) },
    { id: 'compose-semantics', title: 'compose references resolve (services, volumes, networks, env files, variables)', run: (files) => composeSemanticProblems(COMPOSE_FILE, files, view.madeOnServer, compose(files)) },
    { id: 'caddyfile', title: 'Caddyfile routes the app host to the web app (BFF) and the API host to the API', run: (files) => caddyProblems(contract, files) },
    {
      id: 'worker-topology',
      title: `billing flags fit the ${view.worker ? 'dedicated worker' : 'single-process'} topology`,
      run: (files) => workerTopologyProblems(files, { api: view.files.apiEnv.path, worker: view.files.workerEnv.path }, view.worker),
    },
    { id: 'no-plain-secrets', title: 'no DATABASE_URL, REDIS_URL or secret value outside secret files', run: (files) => leakProblems(files, isSecretFile, canaries) },
    appEnvCheck((files, problems) => {
      // The env_file lists of the compose services (later files win).
      const api = envFromFiles(files, { env: [view.files.apiEnv.path], secrets: view.files.apiSecrets.path }, problems);
      const web = envFromFiles(files, { env: [view.files.webEnv.path], secrets: view.files.webSecrets.path }, problems);
      const worker = view.worker ? envFromFiles(files, { env: [view.files.workerEnv.path], secrets: view.files.apiSecrets.path }, problems) : undefined;
      return {
        input: { api, web, ...(worker ? { worker } : {}) },
        clients: [
          ...webClient(web),
          { who: 'the compose healthcheck', host: `127.0.0.1:${view.ports.api}` },
          ...(view.apiSite ? [{ who: `Caddy on the API host`, host: view.apiSite.host }] : []),
        ],
      };
    }),
  ];
}

function dotenvKeys(content: string | undefined): string[] {
  if (content === undefined) return [];
  try {
    return [...parseDotenv(content).keys()];
  } catch {
    return []; // a hand-edited file compose cannot read: the example's keys still stand in
  }
}

/**
 * Placeholder secret files for a scratch copy, so compose can resolve the stack without the secret
 * values: whether the operator keeps them or the bundle holds them (--include-secrets), the scratch
 * copy gets the same keys with placeholder values (compose only needs the files to exist).
 */
function secretPlaceholders(files: BundleFiles): PlannedFile[] {
  const placeholders: PlannedFile[] = [];
  for (const [path, content] of files) {
    if (!path.startsWith(`${COMPOSE_DIR}/secrets/`) || !path.endsWith('.env.example')) continue;
    const real = path.slice(0, -'.example'.length);
    const names = [...new Set([...dotenvKeys(content), ...dotenvKeys(files.get(real))])];
    const lines = names.map((name) => `${name}=placeholder-${name.toLowerCase()}`);
    placeholders.push(file(real, `${lines.join('\n')}\n`));
  }
  return placeholders;
}

function resolvedConfigProblems(run: ToolRun, enableWorker: boolean): string[] {
  if (run.exitCode !== 0) return [run.stderr.trim() || `exit code ${run.exitCode}`];
  let config: { services?: Record<string, { environment?: Record<string, unknown> }> };
  try {
    config = JSON.parse(run.stdout);
  } catch {
    return ['docker compose config did not print JSON'];
  }
  const services = config.services ?? {};
  const problems: string[] = [];
  const apiEnv = services.api?.environment ?? {};
  problems.push(...billingFlagProblems('resolved api service', apiEnv, enableWorker ? 'api' : 'inline'));
  if (enableWorker) {
    if (!services.worker) problems.push('resolved configuration has no worker service');
    else problems.push(...billingFlagProblems('resolved worker service', services.worker.environment ?? {}, 'worker'));
  } else if (services.worker) {
    problems.push('resolved configuration has a worker service but enable_worker is false');
  }
  return problems;
}

export function vpsToolChecks(contract: VpsContract): ToolCheck[] {
  const view = vpsView(contract);
  const checks: ToolCheck[] = [
    {
      id: 'docker-compose-config',
      title: `docker compose config resolves the stack${view.worker ? ' with the dedicated worker topology' : ''}`,
      tool: 'docker-compose',
      args: ['-f', 'docker-compose.prod.yml', 'config', '--format', 'json'],
      cwd: COMPOSE_DIR,
      placeholders: secretPlaceholders,
      interpret: (run) => resolvedConfigProblems(run, view.worker),
    },
    {
      id: 'caddy-validate',
      title: 'caddy validate accepts the Caddyfile',
      tool: 'caddy',
      args: ['validate', '--adapter', 'caddyfile', '--config', 'caddy/Caddyfile'],
      cwd: COMPOSE_DIR,
    },
  ];
  if (view.localPostgres || view.localRedis || view.localMinio) {
    for (const script of ['backup.sh', 'restore.sh']) {
      checks.push({ id: `bash-syntax-${script}`, title: `bash parses backup/${script}`, tool: 'bash', args: ['-n', `backup/${script}`], cwd: COMPOSE_DIR });
    }
  }
  if (view.localRedis) {
    checks.push({ id: 'bash-syntax-make-tls.sh', title: 'bash parses redis/make-tls.sh', tool: 'bash', args: ['-n', 'redis/make-tls.sh'], cwd: COMPOSE_DIR });
  }
  return checks;
}

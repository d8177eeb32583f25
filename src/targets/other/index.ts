/**
 * The "other" target: env files for the API, the web app and the worker, and a checklist for running
 * the three containers on any platform. The env files are plain `NAME=value` lines (no quoting), so
 * `docker run --env-file`, Compose's `env_file` and `kubectl create configmap|secret --from-env-file`
 * all read the same values; the contract refuses values they would read differently (rules.ts).
 */
import { file, type PlannedFile } from '../../bundle/plan.js';
import type { Contract } from '../../contract/contract.js';
import { API_PORT, deriveServiceEnv, WEB_PORT } from '../../contract/env.js';
import { render } from '../../render/engine.js';
import type { EmbeddedCheck } from '../../checks/types.js';
import { ENV_READERS, envFile, secretKeys, secretsExample, secretsFile } from '../shared/env-files.js';
import { appEnvCheck, envFromFiles, webClient } from '../shared/app-env-check.js';
import { leakProblems, secretCanaries, workerTopologyProblems } from '../shared/invariants.js';
import type { RenderOptions, Target } from '../types.js';
import readmeTemplate from '../../../templates/other/README.md.hbs?raw';

const ENV = { api: 'env/api.env', web: 'env/web.env', worker: 'env/worker.env' } as const;
const isSecretFile = (path: string) => path.startsWith('secrets/') && path.endsWith('.env');

function otherEnv(contract: Contract) {
  // The platform's health probes and local tooling reach the API as localhost or 127.0.0.1; the web app by api_base_url.
  return deriveServiceEnv(contract, { apiHosts: ['localhost', '127.0.0.1'] });
}

function otherFiles(contract: Contract, options: RenderOptions): PlannedFile[] {
  const env = otherEnv(contract);
  const groups = [
    { name: 'api', title: `Secrets of the API${contract.enable_worker ? ' and the worker' : ''}`, values: contract.api_secrets },
    ...(Object.keys(contract.web_secrets).length > 0 ? [{ name: 'web', title: 'Secrets of the web app', values: contract.web_secrets }] : []),
  ];
  const files: PlannedFile[] = [
    envFile(ENV.api, 'Environment of the API', env.api, 'plain'),
    envFile(ENV.web, 'Environment of the web app', env.web, 'plain'),
    file('secrets/.gitignore', '# Filled secret files never enter version control.\n*.env\n!*.env.example\n'),
  ];
  if (env.worker) files.push(envFile(ENV.worker, 'Environment of the billing worker', env.worker, 'plain'));
  for (const group of groups) {
    const keys = secretKeys(group.values, { DATABASE_URL: 'the Postgres URL (postgresql+asyncpg://...)', REDIS_URL: 'the Redis URL (rediss://... with TLS)' });
    files.push(secretsExample(`secrets/${group.name}.env.example`, group.title, keys, 'container platform', 'plain'));
    if (options.includeSecrets) files.push(secretsFile(`secrets/${group.name}.env`, group.title, group.values, 'plain'));
  }
  files.push(
    file(
      'README.md',
      render('other/README.md', readmeTemplate, {
        project: contract.project_name,
        environment: contract.environment,
        images: { api: contract.api_image, web: contract.web_image, worker: contract.worker_image },
        worker: contract.enable_worker,
        ports: { api: API_PORT, web: WEB_PORT },
        appPublicUrl: contract.app_public_url,
        apiBaseUrl: contract.api_base_url,
        webSecrets: groups.length > 1,
        secretGroups: groups.map((g) => ({ name: g.name, keys: Object.keys(g.values).sort() })),
      }),
    ),
  );
  return files;
}

function otherEmbeddedChecks(contract: Contract): EmbeddedCheck[] {
  // The other target's secret maps hold the values its secrets/*.env files get: each is a canary.
  const canaries = secretCanaries(contract, { references: false });
  return [
    {
      id: 'worker-topology',
      title: `billing flags fit the ${contract.enable_worker ? 'dedicated worker' : 'single-process'} topology`,
      run: (files) => workerTopologyProblems(files, { api: ENV.api, worker: ENV.worker }, contract.enable_worker, ENV_READERS.plain),
    },
    { id: 'no-plain-secrets', title: 'no DATABASE_URL, REDIS_URL or secret value outside secret files', run: (files) => leakProblems(files, isSecretFile, canaries) },
    appEnvCheck((files, problems) => {
      const read = ENV_READERS.plain;
      const api = envFromFiles(files, { env: [ENV.api], secrets: 'secrets/api.env' }, problems, read);
      const web = envFromFiles(files, { env: [ENV.web], secrets: 'secrets/web.env' }, problems, read);
      const worker = contract.enable_worker ? envFromFiles(files, { env: [ENV.worker], secrets: 'secrets/api.env' }, problems, read) : undefined;
      return {
        input: { api, web, ...(worker ? { worker } : {}) },
        // The platform's probes and local tooling reach the API directly.
        clients: [...webClient(web), { who: 'a health probe', host: `localhost:${API_PORT}` }, { who: 'a local client', host: `127.0.0.1:${API_PORT}` }],
      };
    }),
  ];
}

export const otherTarget: Target = {
  id: 'other',
  title: 'Any container platform (env files and a checklist)',
  env: otherEnv,
  plan: otherFiles,
  embeddedChecks: otherEmbeddedChecks,
  toolChecks: () => [],
};

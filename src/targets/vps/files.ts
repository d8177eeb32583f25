/** The VPS bundle's files, each rendered from its template and parsed back before it is planned. */
import { parse as parseYaml } from 'yaml';
import { file, MODE_SCRIPT, type PlannedFile } from '../../bundle/plan.js';
import type { VpsContract } from './keys.js';
import { render } from '../../render/engine.js';
import { envFile, secretKeys, secretsExample, secretsFile, type SecretKey } from '../shared/env-files.js';
import type { RenderOptions } from '../types.js';
import { LOCAL_REDIS_URL, localRedisPassword, REDIS_BACKUP_SCRIPT, REDIS_CERT_DAYS, REDIS_DBSIZE_SCRIPT, REDIS_SAN } from './redis.js';
import { CADDYFILE, COMPOSE_DIR, COMPOSE_FILE, vpsView, type VpsView } from './view.js';
import backupTemplate from '../../../templates/vps/backup.sh.hbs?raw';
import caddyTemplate from '../../../templates/vps/Caddyfile.hbs?raw';
import makeTlsTemplate from '../../../templates/vps/make-tls.sh.hbs?raw';
import composeTemplate from '../../../templates/vps/docker-compose.prod.yml.hbs?raw';
import readmeTemplate from '../../../templates/vps/README.md.hbs?raw';
import restoreTemplate from '../../../templates/vps/restore.sh.hbs?raw';

const HEALTHCHECKS = {
  api: [
    'CMD',
    'python',
    '-c',
    "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health/ready', timeout=4).status == 200 else 1)",
  ],
  web: [
    'CMD',
    'node',
    '-e',
    "fetch('http://127.0.0.1:3000/api/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
  ],
  postgres: ['CMD-SHELL', 'pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB"'],
};

function dataServices(view: VpsView): string[] {
  return [view.localPostgres && 'postgres', view.localRedis && 'redis', view.localMinio && 'minio'].filter(
    (s): s is string => typeof s === 'string',
  );
}

function apiSecretHints(view: VpsView): Record<string, string> {
  return {
    DATABASE_URL: view.localPostgres
      ? `postgresql+asyncpg://${view.postgres.user}:<POSTGRES_PASSWORD>@postgres:5432/${view.postgres.database}`
      : 'the URL of your managed Postgres (postgresql+asyncpg://...)',
    REDIS_URL: view.localRedis ? LOCAL_REDIS_URL : 'the URL of your managed Redis (rediss://... with TLS)',
    MINIO_ACCESS_KEY: 'the MinIO access key (MINIO_ROOT_USER of secrets/minio.env, or a dedicated user)',
    MINIO_SECRET_KEY: 'the MinIO secret key (MINIO_ROOT_PASSWORD of secrets/minio.env, or a dedicated user)',
  };
}

interface SecretGroup {
  name: string;
  title: string;
  keys: SecretKey[];
  values?: Record<string, string>;
}

function secretGroups(contract: VpsContract, view: VpsView): SecretGroup[] {
  const groups: SecretGroup[] = [
    {
      name: 'api',
      title: `Secrets of the API${view.worker ? ' and the worker' : ''}`,
      keys: secretKeys(contract.api_secrets, apiSecretHints(view)),
      values: contract.api_secrets,
    },
  ];
  if (view.webSecrets) {
    groups.push({ name: 'web', title: 'Secrets of the web app', keys: secretKeys(contract.web_secrets, {}), values: contract.web_secrets });
  }
  if (view.localPostgres) {
    groups.push({ name: 'postgres', title: 'Secrets of the local Postgres', keys: [{ name: 'POSTGRES_PASSWORD', hint: 'a strong random password (openssl rand -hex 32); also in DATABASE_URL' }] });
  }
  if (view.localRedis) {
    // With --include-secrets the password is the one inside REDIS_URL, so the two cannot disagree.
    const password = localRedisPassword(contract.api_secrets.REDIS_URL);
    groups.push({
      name: 'redis',
      title: 'Secrets of the local Redis',
      keys: [{ name: 'REDIS_PASSWORD', hint: 'a strong random password in hex, so it needs no escaping in REDIS_URL (openssl rand -hex 32); also in REDIS_URL' }],
      ...(password === undefined ? {} : { values: { REDIS_PASSWORD: password } }),
    });
  }
  if (view.localMinio) {
    groups.push({
      name: 'minio',
      title: 'Secrets of the local MinIO',
      keys: [
        { name: 'MINIO_ROOT_PASSWORD', hint: 'a strong random password of at least 8 characters' },
        { name: 'MINIO_ROOT_USER', hint: 'the MinIO admin user name' },
      ],
    });
  }
  return groups;
}

function parsedBack(path: string, content: string, parse: (text: string) => unknown): PlannedFile {
  try {
    parse(content);
  } catch (error) {
    throw new Error(`internal: generated ${path} does not parse: ${(error as Error).message}`);
  }
  return file(path, content);
}

export function vpsFiles(contract: VpsContract, options: RenderOptions): PlannedFile[] {
  const view = vpsView(contract);
  const services = dataServices(view);
  const groups = secretGroups(contract, view);
  const backups = services.length > 0;
  const backupDir = `/var/backups/${view.project}`;
  const scriptData = {
    ...view,
    backupDir,
    restoreUsage: services.join('|'),
    minioVolume: `${view.project}_minio_data`,
    redisVolume: `${view.project}_redis_data`,
    redisBackupScript: REDIS_BACKUP_SCRIPT,
    redisDbsizeScript: REDIS_DBSIZE_SCRIPT,
    caddyImage: view.images.caddy,
  };
  const templateData = {
    ...view,
    healthchecks: HEALTHCHECKS,
    dependsOnData: services.length > 0,
    appVolumes: view.fileKeyStorage || view.localRedis,
  };
  const readmeData = {
    ...view,
    apiBaseUrl: contract.api_base_url,
    secretsProvider: contract.secrets_provider,
    authKeyBackend: contract.auth_key_storage_backend,
    authKeySecret: contract.auth_key_storage_backend === 'secret-manager' ? (contract.auth_key_secret_name ?? '') : '',
    appOrigin: new URL(contract.app_public_url).origin,
    apiOrigin: contract.api_public_url ? new URL(contract.api_public_url).origin : '',
    dataServices: services,
    dataEdges: [
      ...services.map((s) => ({ from: 'api', to: s })),
      ...(view.worker ? services.filter((s) => s !== 'minio').map((s) => ({ from: 'worker', to: s })) : []),
    ],
    backups,
    backupDir,
    redisUrl: LOCAL_REDIS_URL,
    redisCertDays: REDIS_CERT_DAYS,
    secretFiles: groups.map((g) => ({
      example: `${COMPOSE_DIR}/secrets/${g.name}.env.example`,
      path: `${COMPOSE_DIR}/secrets/${g.name}.env`,
      keys: g.keys,
    })),
  };

  const files: PlannedFile[] = [
    parsedBack(COMPOSE_FILE, render('vps/docker-compose.prod.yml', composeTemplate, templateData), parseYaml),
    file(CADDYFILE, render('vps/Caddyfile', caddyTemplate, templateData)),
    envFile(view.files.apiEnv.path, 'Environment of the API', view.env.api),
    envFile(view.files.webEnv.path, 'Environment of the web app', view.env.web),
    file(`${COMPOSE_DIR}/secrets/.gitignore`, '# Filled secret files never enter version control.\n*.env\n!*.env.example\n'),
    file('README.md', render('vps/README.md', readmeTemplate, readmeData)),
  ];
  if (view.env.worker) files.push(envFile(view.files.workerEnv.path, 'Environment of the billing worker', view.env.worker));
  if (view.localPostgres) {
    files.push(
      envFile(view.files.postgresEnv.path, 'Environment of the local Postgres', [
        { name: 'POSTGRES_DB', value: view.postgres.database, from: 'derived: project_name' },
        { name: 'POSTGRES_USER', value: view.postgres.user, from: 'default' },
      ]),
    );
  }
  for (const group of groups) {
    files.push(secretsExample(`${COMPOSE_DIR}/secrets/${group.name}.env.example`, group.title, group.keys, 'docker compose'));
    if (options.includeSecrets && group.values) {
      files.push(secretsFile(`${COMPOSE_DIR}/secrets/${group.name}.env`, group.title, group.values));
    }
  }
  if (view.localRedis) {
    const tlsData = { ...view, redisSan: REDIS_SAN, redisCertDays: REDIS_CERT_DAYS, redisCaSubject: `${view.project} redis CA` };
    files.push(file(view.redis.makeTls, render('vps/make-tls.sh', makeTlsTemplate, tlsData), MODE_SCRIPT));
    files.push(file(`${COMPOSE_DIR}/redis/.gitignore`, '# The TLS files make-tls.sh creates on the server (server.key among them) never enter version control.\n/tls/\n/.make-tls.*\n'));
  }
  if (backups) {
    files.push(file(`${COMPOSE_DIR}/backup/backup.sh`, render('vps/backup.sh', backupTemplate, scriptData), MODE_SCRIPT));
    files.push(file(`${COMPOSE_DIR}/backup/restore.sh`, render('vps/restore.sh', restoreTemplate, scriptData), MODE_SCRIPT));
  }
  return files;
}

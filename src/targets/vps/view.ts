/**
 * The VPS target's view: every decision about the single-server bundle, as plain data for the
 * templates (which hold structure only).
 */
import { required } from '../../contract/contract.js';
import type { VpsContract } from './keys.js';
import { API_PORT, deriveServiceEnv, WEB_PORT, type EnvVar, type ServiceEnv } from '../../contract/env.js';
import { REDIS_CA_FILE, REDIS_HEALTHCHECK, REDIS_KEY_DIR, REDIS_TLS_DIR, REDIS_TLS_MOUNT, redisCommand } from './redis.js';

export const COMPOSE_DIR = 'ops/compose';
export const COMPOSE_FILE = `${COMPOSE_DIR}/docker-compose.prod.yml`;
export const CADDYFILE = `${COMPOSE_DIR}/caddy/Caddyfile`;
export const MINIO_PORT = 9000;

export interface SiteView {
  /** Caddy site address: a bare host (automatic HTTPS) or http://host. */
  address: string;
  host: string;
  https: boolean;
}

export interface EnvFileRef {
  path: string;
  /** Path relative to the compose file's directory. */
  ref: string;
}

export interface VpsView {
  project: string;
  environment: string;
  images: { api: string; web: string; worker: string; caddy: string; postgres: string; redis: string; minio: string };
  acmeEmail: string;
  appSite: SiteView;
  apiSite: SiteView | null;
  worker: boolean;
  localPostgres: boolean;
  localRedis: boolean;
  localMinio: boolean;
  fileKeyStorage: boolean;
  webSecrets: boolean;
  retentionDays: number;
  env: ServiceEnv;
  ports: { api: number; web: number; minio: number };
  files: {
    apiEnv: EnvFileRef;
    workerEnv: EnvFileRef;
    webEnv: EnvFileRef;
    postgresEnv: EnvFileRef;
    apiSecrets: EnvFileRef;
    webSecrets: EnvFileRef;
    postgresSecrets: EnvFileRef;
    minioSecrets: EnvFileRef;
    redisSecrets: EnvFileRef;
  };
  postgres: { user: string; database: string };
  redis: {
    /** The container's command (a shell: the password comes from secrets/redis.env). */
    command: string[];
    healthcheck: readonly string[];
    /** make-tls.sh's output directory, mounted read-only at `mount` in the redis container. */
    tlsDir: EnvFileRef;
    mount: string;
    /** The tmpfs that holds the copy of server.key the redis user reads. */
    keyDir: string;
    /** ca.crt on the host, and where the api and worker see it (the REDIS_URL's ssl_ca_certs). */
    caRef: string;
    caFile: string;
    makeTls: string;
  };
  /** Bundle paths that a bundle script creates on the server (make-tls.sh): bind mount sources, never generated. */
  madeOnServer: string[];
  /** The command the runbook gives to bring the stack up. */
  upCommand: string;
  /** Starts only the local data services and waits for their health; null when both are managed. */
  dataUpCommand: string | null;
  /** Runs the migrations in a one-off api container, before the new API starts. */
  migrateCommand: string;
  pullCommand: string;
  /** After make-tls.sh --force: recreate the containers that read the old certificate files. */
  redisRecreateCommand: string;
  composeCommand: string;
}

/** The API image's migration command, run from its working directory. */
export const MIGRATE_ARGS = ['alembic', '-c', 'alembic.ini', 'upgrade', 'heads'] as const;

function site(url: string): SiteView {
  const parsed = new URL(url);
  const https = parsed.protocol === 'https:';
  return { address: https ? parsed.hostname : `http://${parsed.hostname}`, host: parsed.hostname, https };
}

function ref(name: string): EnvFileRef {
  return { path: `${COMPOSE_DIR}/${name}`, ref: `./${name}` };
}

export function vpsEnv(contract: VpsContract): ServiceEnv {
  const localMinio = contract.storage_provider === 'minio';
  const extraApi: EnvVar[] = localMinio
    ? [
        { name: 'MINIO_ENDPOINT', value: `http://minio:${MINIO_PORT}`, from: 'derived: local MinIO service' },
        { name: 'MINIO_SECURE', value: 'false', from: 'derived: local MinIO on the internal network' },
      ]
    : [];
  // The web app calls the compose service `api`; healthchecks and `docker compose exec` use 127.0.0.1 or localhost.
  const apiHosts = ['api', 'localhost', '127.0.0.1'];
  if (contract.api_public_url) apiHosts.push(new URL(contract.api_public_url).hostname);
  return deriveServiceEnv(contract, { apiHosts, api: extraApi });
}

export function vpsView(contract: VpsContract): VpsView {
  const composeCommand = `docker compose -f ${COMPOSE_FILE}`;
  const localPostgres = required(contract, 'local_postgres');
  const localRedis = required(contract, 'local_redis');
  const localData = [localPostgres && 'postgres', localRedis && 'redis'].filter((s): s is string => typeof s === 'string');
  const redisTlsDir = ref(REDIS_TLS_DIR);
  return {
    project: contract.project_name,
    environment: contract.environment,
    images: {
      api: contract.api_image,
      web: contract.web_image,
      worker: contract.worker_image,
      caddy: required(contract, 'caddy_image'),
      postgres: required(contract, 'postgres_image'),
      redis: required(contract, 'redis_image'),
      minio: required(contract, 'minio_image'),
    },
    acmeEmail: required(contract, 'acme_email'),
    appSite: site(contract.app_public_url),
    apiSite: contract.api_public_url ? site(contract.api_public_url) : null,
    worker: contract.enable_worker,
    localPostgres,
    localRedis,
    localMinio: contract.storage_provider === 'minio',
    fileKeyStorage: contract.auth_key_storage_backend === 'file',
    webSecrets: Object.keys(contract.web_secrets).length > 0,
    retentionDays: required(contract, 'backup_retention_days'),
    env: vpsEnv(contract),
    ports: { api: API_PORT, web: WEB_PORT, minio: MINIO_PORT },
    files: {
      apiEnv: ref('env/api.env'),
      workerEnv: ref('env/worker.env'),
      webEnv: ref('env/web.env'),
      postgresEnv: ref('env/postgres.env'),
      apiSecrets: ref('secrets/api.env'),
      webSecrets: ref('secrets/web.env'),
      postgresSecrets: ref('secrets/postgres.env'),
      minioSecrets: ref('secrets/minio.env'),
      redisSecrets: ref('secrets/redis.env'),
    },
    postgres: { user: 'starter', database: contract.project_name.replaceAll('-', '_') },
    redis: {
      command: redisCommand(),
      healthcheck: REDIS_HEALTHCHECK,
      tlsDir: redisTlsDir,
      mount: REDIS_TLS_MOUNT,
      keyDir: REDIS_KEY_DIR,
      caRef: `${redisTlsDir.ref}/ca.crt`,
      caFile: REDIS_CA_FILE,
      makeTls: `${COMPOSE_DIR}/redis/make-tls.sh`,
    },
    madeOnServer: localRedis ? [redisTlsDir.path, `${redisTlsDir.path}/ca.crt`] : [],
    upCommand: `${composeCommand} up -d --wait`,
    dataUpCommand: localData.length > 0 ? `${composeCommand} up -d --wait ${localData.join(' ')}` : null,
    migrateCommand: `${composeCommand} run --rm --no-deps api ${MIGRATE_ARGS.join(' ')}`,
    pullCommand: `${composeCommand} pull`,
    redisRecreateCommand: `${composeCommand} up -d --wait --force-recreate redis api${contract.enable_worker ? ' worker' : ''}`,
    composeCommand,
  };
}

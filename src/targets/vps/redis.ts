/**
 * The local Redis of the single server, as a staging/prod API accepts it: TLS only (rediss://), with
 * a password, and a certificate for the compose service name `redis` signed by a private CA that the
 * bundle's make-tls.sh creates on the server. The API and worker trust that CA through the REDIS_URL
 * query (`ssl_ca_certs=...`, which redis-py adds to the public trust store) and a read-only mount of
 * ca.crt alone.
 */

/** Where make-tls.sh writes ca.crt, server.crt and server.key, relative to the compose directory. */
export const REDIS_TLS_DIR = 'redis/tls';
/** The tls directory inside the redis container (read-only), and ca.crt inside the api and worker. */
export const REDIS_TLS_MOUNT = '/run/redis-tls';
export const REDIS_CA_FILE = `${REDIS_TLS_MOUNT}/ca.crt`;
/** A tmpfs in the redis container: the server key, copied there readable by the redis user only. */
export const REDIS_KEY_DIR = '/run/redis-key';
export const REDIS_PORT = 6379;
export const REDIS_CERT_DAYS = 825;
/** The server certificate's names: the compose service name (what redis-py checks), and loopback for redis-cli. */
export const REDIS_SAN = 'DNS:redis,DNS:localhost,IP:127.0.0.1';

/** The REDIS_URL of the local Redis, with the placeholder the DATABASE_URL hint uses for its password. */
export const LOCAL_REDIS_URL = `rediss://:<REDIS_PASSWORD>@redis:${REDIS_PORT}/0?ssl_ca_certs=${REDIS_CA_FILE}`;

/** redis-server's flags: TLS port only, no client certificates, append-only persistence. */
export const REDIS_SERVER_ARGS: readonly string[] = [
  '--port', '0',
  '--tls-port', String(REDIS_PORT),
  '--tls-cert-file', `${REDIS_TLS_MOUNT}/server.crt`,
  '--tls-key-file', `${REDIS_KEY_DIR}/server.key`,
  '--tls-ca-cert-file', REDIS_CA_FILE,
  '--tls-auth-clients', 'no',
  '--appendonly', 'yes',
];

/** redis-cli inside the redis container: TLS against the private CA, the password from the container env. */
export const REDIS_CLI = `REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli --tls --cacert ${REDIS_CA_FILE} -h 127.0.0.1 -p ${REDIS_PORT}`;

/**
 * The container's command, a shell so that the password comes from the env file at start (compose
 * writes every `$` as `$$`, so compose itself never interpolates it).
 *
 * Why the key copy and `docker-entrypoint.sh`: the image's entrypoint drops root (gosu redis) only when
 * its first argument is `redis-server`, so a bare `sh -c 'exec redis-server ...'` would run Redis as
 * root. The shell, still root, copies server.key from the read-only mount into a tmpfs readable only
 * by the redis user, then hands over to the image's own entrypoint, which fixes /data ownership (a
 * restored dump.rdb) and starts redis-server as uid 999. So the key stays mode 600 for its owner on
 * the host: no chown to a container uid, no root needed to run make-tls.sh.
 */
export function redisCommand(): string[] {
  const script = [
    `install -d -m 0700 -o redis -g redis ${REDIS_KEY_DIR}`,
    `install -m 0400 -o redis -g redis ${REDIS_TLS_MOUNT}/server.key ${REDIS_KEY_DIR}/server.key`,
    `exec docker-entrypoint.sh redis-server ${REDIS_SERVER_ARGS.join(' ')} --requirepass "$REDIS_PASSWORD"`,
  ].join(' && ');
  return ['sh', '-c', script];
}

/** backup.sh's snapshot, run in the redis container: an RDB file on stdout. */
export const REDIS_BACKUP_SCRIPT = `${REDIS_CLI} --rdb /tmp/backup.rdb >/dev/null && cat /tmp/backup.rdb && rm -f /tmp/backup.rdb`;

/** restore.sh's check after a restore: the number of keys Redis loaded. */
export const REDIS_DBSIZE_SCRIPT = `${REDIS_CLI} dbsize`;

export const REDIS_HEALTHCHECK: readonly string[] = ['CMD-SHELL', `${REDIS_CLI} ping | grep -q PONG`];

/**
 * The password inside a local REDIS_URL (`rediss://:PASSWORD@redis:6379/...`), so that with
 * --include-secrets secrets/redis.env carries the very password the API uses. Undefined when the URL
 * is not that shape (the operator then fills redis.env by hand).
 */
export function localRedisPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'rediss:' || parsed.hostname !== 'redis' || parsed.password === '') return undefined;
  try {
    return decodeURIComponent(parsed.password);
  } catch {
    return undefined;
  }
}

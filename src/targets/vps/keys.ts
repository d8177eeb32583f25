/**
 * The keys only the single-server target reads, and what it adds to the contract: which keys it
 * requires, its defaults, its storage providers, rules and the env it sets itself. Light on purpose
 * (zod and src/contract only): the contract is built from every target's key set without loading
 * the targets themselves.
 */
import { z } from 'zod';
import type { Contract } from '../../contract/contract.js';
import type { FieldSpec } from '../../contract/fields.js';
import { email, imageRef } from '../../contract/formats.js';
import type { KeysOf, TargetKeySet } from '../../contract/target-keys.js';
import { vpsProblems } from './rules.js';

const VPS_FIELDS = {
  acme_email: {
    schema: email,
    description: 'Email for the ACME account Caddy uses to obtain TLS certificates.',
    targets: ['vps'],
  },
  local_postgres: {
    schema: z.boolean(),
    description: 'Run Postgres 16 on the server (otherwise DATABASE_URL points to a managed database).',
    targets: ['vps'],
  },
  local_redis: {
    schema: z.boolean(),
    description: 'Run Redis 7 on the server (otherwise REDIS_URL points to a managed Redis).',
    targets: ['vps'],
  },
  backup_retention_days: {
    schema: z.number().int().min(1).max(3650),
    description: 'Days the backup scripts keep local backups.',
    targets: ['vps'],
    advanced: true,
  },
  caddy_image: {
    schema: imageRef,
    description: 'Caddy image (a pinned 2.x tag).',
    targets: ['vps'],
    advanced: true,
  },
  postgres_image: {
    schema: imageRef,
    description: 'Postgres image used when local_postgres is on.',
    targets: ['vps'],
    advanced: true,
  },
  redis_image: {
    schema: imageRef,
    description: 'Redis image used when local_redis is on.',
    targets: ['vps'],
    advanced: true,
  },
  minio_image: {
    schema: imageRef,
    description: 'MinIO image used when storage_provider is minio.',
    targets: ['vps'],
    advanced: true,
  },
} as const satisfies Record<string, FieldSpec>;

export type VpsKeys = KeysOf<typeof VPS_FIELDS>;
/** The contract the vps view, files and checks read. */
export type VpsContract = Contract & VpsKeys;

/** Env names the target sets on top of MANAGED_ENV: the local MinIO's endpoint. */
const MINIO_ENV = { MINIO_ENDPOINT: 'the target (local MinIO)', MINIO_SECURE: 'the target (local MinIO)' };

export const VPS_KEYS: TargetKeySet<typeof VPS_FIELDS> = {
  id: 'vps',
  fields: VPS_FIELDS,
  required: ['acme_email', 'local_postgres', 'local_redis', 'backup_retention_days', 'caddy_image', 'postgres_image', 'redis_image', 'minio_image'],
  defaults: {
    local_postgres: true,
    local_redis: true,
    backup_retention_days: 14,
    caddy_image: 'caddy:2.8.4',
    postgres_image: 'postgres:16',
    redis_image: 'redis:7',
    minio_image: 'bigbeartechworld/big-bear-minio:RELEASE.2025-10-15T17-29-55Z',
  },
  storageProviders: ['s3', 'minio'],
  rules: vpsProblems,
  managedEnv: MINIO_ENV,
  providedEnv: (answers) => (answers.storage_provider === 'minio' ? Object.keys(MINIO_ENV) : []),
  relevance: {
    // Asked right after acme_email, as the two public-site questions of a single server.
    api_public_url: { after: ['acme_email'], when: () => true, reason: 'whenever the target reads it' },
    postgres_image: { after: ['local_postgres'], when: (a) => a.local_postgres !== false, reason: 'only with local_postgres' },
    redis_image: { after: ['local_redis'], when: (a) => a.local_redis !== false, reason: 'only with local_redis' },
    minio_image: { after: ['storage_provider'], when: (a) => a.storage_provider === 'minio', reason: 'only with storage_provider minio' },
  },
};

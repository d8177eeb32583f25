/**
 * What the `other` target adds to the contract: no keys of its own, every storage provider, and the
 * rule that its plain env files read the same under docker and Compose. Light on purpose (zod and
 * src/contract only), like every target's key set.
 */
import type { TargetKeySet } from '../../contract/target-keys.js';
import { otherTargetProblems } from './rules.js';

export const OTHER_KEYS: TargetKeySet<Record<never, never>> = {
  id: 'other',
  fields: {},
  required: [],
  defaults: {},
  storageProviders: ['s3', 'azure_blob', 'gcs', 'minio'],
  rules: otherTargetProblems,
};

/** Commander's raw options through a command's zod schema; a bad value is a usage error (exit 2) with a sentence. */
import type { z } from 'zod';
import { UsageError } from '../errors.js';

const flagName = (key: PropertyKey | undefined) => (typeof key === 'string' ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'an option');

export function parseFlags<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const sentences = parsed.error.issues.map((issue) => `${flagName(issue.path[0])} ${issue.message}`);
  throw new UsageError(sentences.join('; '), 'see --help for the options and their values');
}

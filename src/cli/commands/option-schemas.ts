/**
 * Each command's zod schema for commander's raw options. Kept out of the command files, which
 * `main` loads on every start: a command imports this (and zod) only when its action runs, so
 * `--version` and `--help` do not load zod.
 */
import { z } from 'zod';

export const setupWizardOptions = z.object({
  nonInteractive: z.boolean().default(false),
  resume: z.boolean().default(false),
  preset: z.string().optional(),
  answersFile: z.array(z.string()).default([]),
  var: z.array(z.string()).default([]),
  out: z.string().trim().min(1, 'must name a directory (it is empty)').default('deploy'),
  adopt: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  check: z.boolean().default(false),
  force: z.boolean().default(false),
  validate: z.boolean().default(true),
  requireTools: z.boolean().default(false),
  includeSecrets: z.boolean().default(false),
  verifySecrets: z.boolean().default(false),
});

export const validateOptions = z.object({ requireTools: z.boolean().default(false) });

export const terraformExportOptions = z.object({
  provider: z.enum(['aws', 'azure', 'gcp'], { message: 'must be aws, azure or gcp' }),
  mode: z.enum(['template', 'filled'], { message: 'must be template or filled' }).default('template'),
  format: z.enum(['hcl', 'json'], { message: 'must be hcl or json' }).default('hcl'),
  output: z.string().trim().min(1).optional(),
  answersFile: z.array(z.string()).default([]),
  var: z.array(z.string()).default([]),
  includeSecrets: z.boolean().default(false),
});

export const doctorOptions = z.object({ requireTools: z.boolean().default(false) });

export const secretsOnboardOptions = z.object({
  provider: z.string().trim().min(1, 'must name a secrets provider').optional(),
  nonInteractive: z.boolean().default(false),
  answersFile: z.array(z.string()).default([]),
  var: z.array(z.string()).default([]),
  verify: z.boolean().default(true),
  writeEnv: z.string().trim().min(1, 'must name a file').optional(),
  answersOut: z.string().trim().min(1, 'must name a file').optional(),
});

/**
 * The resume file: the answers of an interrupted wizard run, without secret values, so that
 * `setup wizard --resume` continues where the run stopped.
 *
 * Where: beside the bundle directory, `<parent of --out>/.<name of --out>.wizard-resume.yaml`
 * (for `--out deploy`: `.deploy.wizard-resume.yaml`). Beside, never inside: the bundle is swapped
 * in as a whole directory, so the file can neither end up in a bundle nor be taken for one of its
 * files; and its name does not start with `.<name>.starter-`, the prefix of the staging
 * directories a run cleans up. Mode 0600, written atomically (temp file + rename), removed after a
 * successful run.
 */
import { readFile, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { redactAnswers } from '../bundle/answers-file.js';
import { writeFileAtomic } from '../bundle/fs.js';
import { UsageError } from '../errors.js';
import { shellQuote } from './replay.js';
import type { WizardState } from './state.js';

export function resumePath(out: string): string {
  const dir = resolve(out);
  return join(dirname(dir), `.${basename(dir)}.wizard-resume.yaml`);
}

const fileSchema = z.object({
  version: z.literal(1),
  advanced: z.boolean().optional(),
  skipped: z.array(z.string()).default([]),
  followed: z.array(z.string()).default([]),
  answers: z.record(z.string(), z.unknown()).default({}),
});

/** The file's text: answers with every secret value replaced by the redaction marker. */
export function resumeText(state: WizardState, out: string): string {
  const data = {
    version: 1,
    ...(state.advanced !== undefined ? { advanced: state.advanced } : {}),
    skipped: [...state.skipped].sort(),
    followed: [...state.followed].sort(),
    answers: redactAnswers(state.answers),
  };
  return [
    `# Answers of an interrupted \`starter-console setup wizard\` run (secret values are never saved).`,
    `# Continue with: starter-console setup wizard --resume --out ${shellQuote(out)}`,
    stringify(data, { lineWidth: 0 }),
  ].join('\n');
}

export async function saveResume(path: string, state: WizardState, out: string): Promise<void> {
  await writeFileAtomic(path, resumeText(state, out), 0o600);
}

export async function loadResume(path: string): Promise<WizardState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    data = undefined;
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new UsageError(`${path} is not a wizard resume file`, 'delete it and run the wizard without --resume');
  return { answers: parsed.data.answers, skipped: parsed.data.skipped, followed: parsed.data.followed, remembered: {}, ...(parsed.data.advanced !== undefined ? { advanced: parsed.data.advanced } : {}) };
}

export async function removeResume(path: string): Promise<void> {
  await rm(path, { force: true });
}

export async function resumeExists(path: string): Promise<boolean> {
  return (await loadResume(path).catch(() => undefined)) !== undefined;
}

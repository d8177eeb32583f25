/**
 * The validate use case: re-run a bundle's checks on the files as they are on disk, with the
 * contract read back from the bundle's own answers file.
 */
import { basename, dirname, resolve } from 'node:path';
import { resolveContract } from '../targets/contract.js';
import { ContractError, fsErrorFrom, UsageError } from '../errors.js';
import { runChecks, runEmbedded } from '../checks/runner.js';
import type { CheckResult } from '../checks/types.js';
import { loadTarget } from '../targets/registry.js';
import { readAnswersText } from '../contract/read-answers.js';
import { readExisting } from './fs.js';
import { ANSWERS_PATH, MANIFEST_PATH, RECORD_PATHS, sha256 } from './manifest.js';
import { MODE_FILE } from './plan.js';

export interface ValidateResult {
  dir: string;
  preset: string;
  checks: CheckResult[];
  outcome: 0 | 1 | 3;
  /** Entries of the directory that were not read (FIFOs, sockets, devices, symlinks, big files). */
  notes: string[];
}

export async function validateBundle(dir: string, options: { requireTools: boolean; onCheck?: (r: CheckResult) => void }): Promise<ValidateResult> {
  if (dir.trim() === '') throw new UsageError('the bundle directory is empty', 'pass the directory given to --out, e.g. validate deploy');
  let existing;
  try {
    existing = await readExisting(dir);
  } catch (error) {
    throw fsErrorFrom(error) ?? error;
  }
  if (!existing.exists) throw new UsageError(`no bundle at ${dir}`, 'pass the directory given to --out');
  if (!existing.manifest) throw new UsageError(`${dir} has no ${MANIFEST_PATH}: it is not a starter-console bundle`);
  const answersText = existing.disk.get(ANSWERS_PATH)?.content;
  if (answersText === undefined) throw new UsageError(`${dir} has no ${ANSWERS_PATH}`, 're-generate the bundle');
  // The same reader as --answers-file: exact, silent, and no message quotes the file.
  const read = readAnswersText(answersText, `${dir}/${ANSWERS_PATH}`, 'yaml');
  if (!read.ok) throw new ContractError(read.problems);
  const resolved = resolveContract([read.layer]);
  if (!resolved.ok) throw new ContractError(resolved.problems);

  const manifest = existing.manifest;
  const integrity = runEmbedded(
    {
      id: 'manifest',
      title: 'generated files match the manifest (no hand edits, nothing missing)',
      run: () =>
        Object.entries(manifest.files)
          .filter(([path, entry]) => entry.kind !== 'secret' && !RECORD_PATHS.includes(path))
          .flatMap(([path, entry]) => {
            const current = existing.disk.get(path);
            if (!current) return [`${path} is missing`];
            if (current.kind && current.kind !== 'file') return [`${path} is not a regular file`];
            return sha256(current.content) === entry.sha256 ? [] : [`${path} was edited by hand since it was generated`];
          }),
    },
    new Map(),
  );
  options.onCheck?.(integrity);
  const target = await loadTarget(resolved.contract.target);
  const files = [...existing.disk].filter(([path, f]) => (f.kind ?? 'file') === 'file' && !isOperatorSecret(path, manifest.files)).map(([path, f]) => ({ path, content: f.content, mode: f.mode || MODE_FILE }));
  const run = await runChecks({
    files,
    embedded: target.embeddedChecks(resolved.contract),
    tools: target.toolChecks(resolved.contract),
    requireTools: options.requireTools,
    scratch: { parentDir: dirname(resolve(dir)), outName: basename(resolve(dir)) },
    ...(options.onCheck ? { onResult: options.onCheck } : {}),
  });
  const checks = [integrity, ...run.results];
  return { dir, preset: resolved.preset.name, notes: existing.notes, checks, outcome: run.toolProblem ? 3 : checks.some((c) => c.status === 'fail') ? 1 : 0 };
}

/**
 * Secret files the operator filled in (env files, or a chart's secret values) are never copied into
 * check scratch space: placeholders stand in.
 */
function isOperatorSecret(path: string, recorded: Record<string, unknown>): boolean {
  return /(^|\/)secrets\/[^/]+\.(env|yaml)$/.test(path) && !Object.hasOwn(recorded, path);
}

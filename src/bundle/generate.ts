/**
 * The generate use case: answers → contract → plan → (dry run | drift check | stage → checks →
 * commit). Returns data; the CLI decides how to print it and which exit code it means.
 */
import { basename, dirname, resolve } from 'node:path';
import { resolveContract, type AnswerLayer } from '../contract/resolve.js';
import { ContractError, DriftError, type Problem } from '../errors.js';
import { runChecks } from '../checks/runner.js';
import type { CheckResult } from '../checks/types.js';
import { TARGETS } from '../targets/registry.js';
import { redactedSecretKeys } from './answers-file.js';
import { buildBundle } from './build.js';
import { planChanges, type FileChange } from './drift.js';
import { commitStage, discardStage, readExisting, recoverInterrupted, stageBundle, writeFiles } from './fs.js';
import { MANIFEST_PATH, REPORT_PATH } from './manifest.js';
import { file } from './plan.js';

export interface GenerateOptions {
  layers: readonly AnswerLayer[];
  out: string;
  version: string;
  dryRun: boolean;
  check: boolean;
  force: boolean;
  validate: boolean;
  requireTools: boolean;
  includeSecrets: boolean;
  onCheck?: (result: CheckResult) => void;
  /** Marks the moments a Ctrl-C must wait for (the swap). */
  critical?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Registers a clean-up to run if the run is cancelled. */
  onCancel?: (cleanup: () => Promise<void>) => void;
}

export interface GenerateResult {
  mode: 'write' | 'dry-run' | 'check';
  out: string;
  preset: string;
  target: string;
  changes: FileChange[];
  checks: CheckResult[];
  /** 0 ok, 1 checks failed, 3 a required tool missing or unable to run. */
  outcome: 0 | 1 | 3;
  /** The staged bundle was swapped in (false for a dry run, a check, failed checks, or nothing to change). */
  committed: boolean;
  notes: string[];
  /** Answers the contract accepts but that look wrong (e.g. an env name no service reads). */
  warnings: Problem[];
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const resolved = resolveContract(options.layers);
  if (!resolved.ok) throw new ContractError(resolved.problems);
  if (options.includeSecrets) {
    const redacted = redactedSecretKeys(resolved.answers);
    if (redacted.length > 0) {
      throw new ContractError(
        redacted.map((key) => ({ key, message: 'is redacted, so --include-secrets cannot write it', hint: `give the value with --var ${key}=... or another answers file` })),
      );
    }
  }
  const notes = await recoverInterrupted(options.out);
  const bundle = buildBundle({ contract: resolved.contract, preset: resolved.preset, answers: resolved.answers, version: options.version, includeSecrets: options.includeSecrets });
  const existing = await readExisting(options.out);
  const changes = planChanges(bundle.files, existing.manifest, existing.disk);
  const base = { out: options.out, preset: resolved.preset.name, target: resolved.contract.target, changes, notes, warnings: resolved.warnings };
  const pending = changes.filter((c) => c.action !== 'unchanged' && c.action !== 'keep');

  if (options.check) {
    if (pending.length > 0) {
      throw new DriftError(
        `${pending.length} file${pending.length === 1 ? '' : 's'} would change in ${options.out}`,
        pending.map((c) => ({ path: c.path, reason: c.reason ?? c.action, ...(c.diff ? { diff: c.diff } : {}) })),
        'run without --check to regenerate',
      );
    }
    return { ...base, mode: 'check', checks: [], outcome: 0, committed: false };
  }
  if (options.dryRun) return { ...base, mode: 'dry-run', checks: [], outcome: 0, committed: false };

  const conflicts = changes.filter((c) => c.action === 'conflict');
  if (conflicts.length > 0 && !options.force) {
    throw new DriftError(
      `${conflicts.length} file${conflicts.length === 1 ? '' : 's'} in ${options.out} would be overwritten`,
      conflicts.map((c) => ({ path: c.path, reason: c.reason ?? 'conflict', ...(c.diff ? { diff: c.diff } : {}) })),
      'keep your change by moving it into the answers, or pass --force to overwrite',
    );
  }

  const keep = changes.filter((c) => c.action === 'keep').map((c) => c.path);
  const stage = await stageBundle(options.out, bundle.files, keep);
  options.onCancel?.(() => discardStage(stage));
  try {
    const target = TARGETS[resolved.contract.target];
    const run = options.validate
      ? await runChecks({
          files: bundle.files,
          embedded: target.embeddedChecks(resolved.contract),
          tools: target.toolChecks(resolved.contract),
          requireTools: options.requireTools,
          scratch: { parentDir: dirname(resolve(options.out)), outName: basename(resolve(options.out)) },
          ...(options.onCheck ? { onResult: options.onCheck } : {}),
        })
      : { results: [], toolProblem: false };
    const outcome = run.toolProblem ? 3 : run.results.some((r) => r.status === 'fail') ? 1 : 0;
    if (outcome !== 0) {
      await discardStage(stage);
      return { ...base, mode: 'write', checks: run.results, outcome, committed: false };
    }
    const records = [
      file(REPORT_PATH, `${JSON.stringify({ validated: options.validate, checks: run.results }, null, 2)}\n`),
      file(MANIFEST_PATH, `${JSON.stringify(bundle.manifest, null, 2)}\n`),
    ];
    // Nothing to create, update or delete and the records say the same: leave the bundle untouched
    // (no swap, so every file keeps its bytes, mode and mtime).
    if (pending.length === 0 && records.every((r) => existing.disk.get(r.path)?.content === r.content)) {
      await discardStage(stage);
      return { ...base, mode: 'write', checks: run.results, outcome: 0, committed: false };
    }
    await writeFiles(stage, records);
    const swap = () => commitStage(stage, options.out);
    await (options.critical ? options.critical(swap) : swap());
    return { ...base, mode: 'write', checks: run.results, outcome: 0, committed: true };
  } catch (error) {
    await discardStage(stage);
    throw error;
  }
}

/**
 * The generate use case: answers → contract → plan → (dry run | drift check | stage → checks →
 * commit). Returns data; the CLI decides how to print it and which exit code it means.
 */
import { basename, dirname, resolve } from 'node:path';
import type { AnswerLayer } from '../contract/resolve.js';
import { resolveContract } from '../targets/contract.js';
import { mkdir } from 'node:fs/promises';
import { ContractError, DriftError, fsErrorFrom, type Problem } from '../errors.js';
import { runChecks } from '../checks/runner.js';
import type { CheckResult } from '../checks/types.js';
import { loadTarget } from '../targets/registry.js';
import { redactedSecretKeys } from './answers-file.js';
import { buildBundle } from './build.js';
import { planChanges, type FileChange } from './drift.js';
import { discardStage, recoverLeftovers, siblings, stageBundle, swapIn, writeFileTo, writeInPlace } from './commit.js';
import { fsStep, lstatOrNone, readExisting, toEntry, walkEntries, type DiskEntry, type ExistingBundle } from './fs.js';
import { acquireLock, newToken, type HeldLock } from './lock.js';
import { decideOut, type OutDecision } from './ownership.js';
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
  /** Add the bundle's files to an existing directory the generator did not create, never replacing it. */
  adopt?: boolean;
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
  // Refusals come first: a directory the generator may not take over is left exactly as it is.
  const adopt = { adopt: Boolean(options.adopt) };
  let decision = await decideOut(options.out, adopt);
  const writing = !options.check && !options.dryRun;
  const notes: string[] = [];
  const token = newToken();
  let lock: HeldLock | undefined;
  try {
    if (writing) {
      await fsStep(() => mkdir(dirname(resolve(options.out)), { recursive: true }));
      const acquired = await acquireLock(options.out, token);
      lock = acquired.lock;
      const held = lock;
      options.onCancel?.(async () => held.release());
      notes.push(...acquired.notes, ...(await fsStep(() => recoverLeftovers(options.out, token))));
      decision = await decideOut(options.out, adopt); // a restored bundle may have changed it
    }
    return await generateLocked(options, resolved, decision, token, notes);
  } catch (error) {
    throw fsErrorFrom(error) ?? error;
  } finally {
    lock?.release();
  }
}

type Resolved = Extract<ReturnType<typeof resolveContract>, { ok: true }>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Empty directories of --out (the stage must recreate them: a rename does not carry them). */
function emptyDirs(existing: ExistingBundle, planned: ReadonlySet<string>): DiskEntry[] {
  const paths = [...existing.entries.keys()];
  return [...existing.entries.values()].filter((e) => e.type === 'dir' && !planned.has(e.path) && !paths.some((p) => p.startsWith(`${e.path}/`)));
}

async function generateLocked(options: GenerateOptions, resolved: Resolved, decision: OutDecision, token: string, notes: string[]): Promise<GenerateResult> {
  const target = await loadTarget(resolved.contract.target);
  const bundle = buildBundle({ contract: resolved.contract, target, preset: resolved.preset, answers: resolved.answers, version: options.version, includeSecrets: options.includeSecrets });
  if (decision.adopted) bundle.manifest.adopted = true;
  const existing = await readExisting(options.out);
  notes.push(...existing.notes);
  const dirs = new Set([...existing.entries.values()].filter((e) => e.type === 'dir').map((e) => e.path));
  const changes = planChanges(bundle.files, existing.manifest, existing.disk, dirs);
  const base = { out: options.out, preset: resolved.preset.name, target: resolved.contract.target, changes, notes, warnings: resolved.warnings };
  const pending = changes.filter((c) => c.action !== 'unchanged' && c.action !== 'keep');

  if (options.check) {
    if (pending.length > 0) {
      throw new DriftError(
        `${plural(pending.length, 'file')} would change in ${options.out}`,
        pending.map((c) => ({ path: c.path, reason: c.reason ?? c.action, ...(c.diff ? { diff: c.diff } : {}) })),
        'run without --check to regenerate',
      );
    }
    return { ...base, mode: 'check', checks: [], outcome: 0, committed: false };
  }
  if (options.dryRun) return { ...base, mode: 'dry-run', checks: [], outcome: 0, committed: false };

  const conflicts = changes.filter((c) => c.action === 'conflict');
  const blocking = conflicts.filter((c) => !options.force || !c.forceable);
  if (blocking.length > 0) {
    const hard = blocking.some((c) => !c.forceable);
    throw new DriftError(
      `${plural(blocking.length, 'file')} in ${options.out} would be overwritten`,
      blocking.map((c) => ({ path: c.path, reason: c.reason ?? 'conflict', ...(c.diff ? { diff: c.diff } : {}) })),
      hard
        ? 'move the files starter-console did not write out of the way (--force never overwrites them)'
        : 'keep your change by moving it into the answers, or pass --force to overwrite',
    );
  }

  const action = new Map(changes.map((c) => [c.path, c.action]));
  const manifestText = `${JSON.stringify(bundle.manifest, null, 2)}\n`;
  const manifestSame = existing.disk.get(MANIFEST_PATH)?.content === manifestText;
  const check = () =>
    options.validate
      ? runChecks({
          files: bundle.files,
          embedded: target.embeddedChecks(resolved.contract),
          tools: target.toolChecks(resolved.contract),
          requireTools: options.requireTools,
          scratch: { parentDir: dirname(resolve(options.out)), outName: basename(resolve(options.out)) },
          ...(options.onCheck ? { onResult: options.onCheck } : {}),
        })
      : Promise.resolve({ results: [], toolProblem: false });
  const outcomeOf = (run: Awaited<ReturnType<typeof check>>) => (run.toolProblem ? 3 : run.results.some((r) => r.status === 'fail') ? 1 : 0);
  const reportOf = (run: Awaited<ReturnType<typeof check>>) => file(REPORT_PATH, `${JSON.stringify({ validated: options.validate, checks: run.results }, null, 2)}\n`);
  const critical = options.critical ?? (<T>(work: () => Promise<T>) => work());
  const changedFiles = bundle.files.filter((f) => action.get(f.path) !== 'unchanged');
  const dropped = changes.filter((c) => c.action === 'delete').map((c) => c.path);

  // Nothing to create, update or delete, and the manifest says the same: the bundle stays as it is.
  // Only the report may differ (e.g. a run with tools after one without): it alone is replaced, in
  // place and atomically, so no other file changes inode or mtime.
  if (pending.length === 0 && manifestSame) {
    const run = await check();
    const outcome = outcomeOf(run);
    const report = reportOf(run);
    if (outcome === 0 && existing.disk.get(REPORT_PATH)?.content !== report.content) {
      await critical(() => writeInPlace(options.out, token, [report]));
      notes.push(`updated ${REPORT_PATH} in place: only the check results changed`);
    }
    return { ...base, mode: 'write', checks: run.results, outcome, committed: false };
  }

  if (decision.mode === 'in-place') {
    const run = await check();
    const outcome = outcomeOf(run);
    if (outcome !== 0) return { ...base, mode: 'write', checks: run.results, outcome, committed: false };
    const final = await walkEntries(options.out);
    const late = [...changedFiles.map((f) => f.path), ...dropped].filter((path) => {
      const before = existing.entries.get(path);
      const now = final.get(path);
      return before?.ino !== now?.ino || before?.mtimeMs !== now?.mtimeMs || before?.size !== now?.size;
    });
    if (late.length > 0) {
      throw new DriftError(`${plural(late.length, 'file')} in ${options.out} changed while the run was in progress; nothing was written`, late.map((path) => ({ path, reason: 'changed while the run was in progress' })), 'look at them and run again');
    }
    const removals = dropped.map((path) => existing.entries.get(path)).filter((e): e is DiskEntry => e !== undefined);
    await critical(() => writeInPlace(options.out, token, [...changedFiles, reportOf(run), file(MANIFEST_PATH, manifestText)], removals));
    return { ...base, mode: 'write', checks: run.results, outcome: 0, committed: true };
  }

  const { stage } = siblings(options.out, token);
  options.onCancel?.(() => discardStage(stage));
  try {
    const planned = new Set(bundle.files.map((f) => f.path));
    const keep = changes
      .filter((c) => c.action === 'keep' || c.action === 'unchanged')
      .map((c) => existing.entries.get(c.path))
      .filter((e): e is DiskEntry => e !== undefined);
    const outRoot = existing.exists ? (await walkRoot(options.out)) : undefined;
    await stageBundle({ outDir: options.out, stage, write: changedFiles, keep: [...keep, ...emptyDirs(existing, planned)], entries: existing.exists ? existing.entries : undefined, outRoot });
    const run = await check();
    const outcome = outcomeOf(run);
    if (outcome !== 0) {
      await discardStage(stage);
      return { ...base, mode: 'write', checks: run.results, outcome, committed: false };
    }
    for (const record of [reportOf(run), file(MANIFEST_PATH, manifestText)]) await writeFileTo(stage, record);
    notes.push(...(await swapIn({ outDir: options.out, token, entries: existing.entries, planned, dropped: new Set(dropped), critical })));
    return { ...base, mode: 'write', checks: run.results, outcome: 0, committed: true };
  } catch (error) {
    await discardStage(stage);
    throw error;
  }
}

async function walkRoot(outDir: string): Promise<DiskEntry | undefined> {
  const info = await lstatOrNone(outDir);
  return info ? toEntry('', info) : undefined;
}

/**
 * The command line: wires the commands, and is the one place that turns errors into exit codes.
 * Exit codes: 0 ok, 1 checks failed, 2 usage or contract error, 3 a required tool missing or unable
 * to run, 4 drift or hand-edited files in the way, 5 file-system error, 130 cancelled (SIGINT),
 * 129 SIGHUP, 143 SIGTERM, 70 internal error.
 */
import { Command, CommanderError } from 'commander';
import { AppError, ContractError, DriftError, fsErrorFrom, SIGNAL_EXIT_CODES, UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import * as contracts from './commands/contracts.js';
import * as doctor from './commands/doctor.js';
import * as infra from './commands/infra.js';
import * as presets from './commands/presets.js';
import * as schema from './commands/schema.js';
import * as secrets from './commands/secrets.js';
import * as setupWizard from './commands/setup-wizard.js';
import * as validate from './commands/validate.js';
import { colorDiff, createOutput, escapeControl, guardStreams, writeErr, writeOut, type Output } from './output.js';
import type { Runtime } from './runtime.js';

const INTERNAL_ERROR = 70;

/** How long a signal waits for clean-ups (removing the stage) before the process exits anyway. */
const CLEANUP_TIMEOUT_MS = 5_000;

function asAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const fs = fsErrorFrom(error);
  if (fs) return fs;
  // Duck-typed: importing zod here would load it on every start, --version included.
  if (isZodError(error)) return new UsageError(error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
  return error;
}

function reportError(out: Output, raw: unknown): number {
  const error = asAppError(raw);
  const e = escapeControl;
  if (error instanceof AppError) {
    const problems = error instanceof ContractError ? error.problems : [];
    if (out.json) {
      out.data({
        ok: false,
        errors: problems.length > 0 ? problems : [{ key: null, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }],
        ...(error instanceof DriftError ? { files: error.files } : {}),
      });
    } else {
      out.info(out.color.red(`error: ${e(error.message)}`));
      for (const p of problems) out.info(`  ${out.color.bold(e(p.key))}: ${e(p.message)}${p.hint ? out.color.dim(`  (${e(p.hint)})`) : ''}`);
      if (error instanceof DriftError) {
        for (const f of error.files) {
          out.info(`  ${out.color.bold(e(f.path))}: ${e(f.reason)}`);
          if (f.diff) out.info(colorDiff(out, f.diff));
        }
      }
      if (error.hint) out.info(out.color.dim(`hint: ${e(error.hint)}`));
      if (out.debug && error.stack) out.info(error.stack);
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (out.json) out.data({ ok: false, errors: [{ key: null, message: `internal error: ${message}` }] });
  else {
    out.info(out.color.red(`internal error: ${e(message)}`));
    out.info(out.debug && error instanceof Error && error.stack ? error.stack : 'run again with --debug for details, and please report it');
  }
  return INTERNAL_ERROR;
}

export async function main(argv: readonly string[]): Promise<number> {
  guardStreams();
  let exitCode = 0;
  let output: Output | undefined;
  let cancelling = false;
  let inCritical = 0;
  const cleanups: (() => Promise<void>)[] = [];
  const program = new Command('starter-console')
    .description('Deployment bundles for the SaaS starter: one validated contract, checked with the real tools.')
    .version(VERSION)
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'no colour in messages')
    .option('--debug', 'show stack traces')
    .exitOverride()
    .configureOutput({ writeErr: (s) => writeErr(escapeControl(s)), writeOut: (s) => writeOut(s) });
  const out = () => (output ??= createOutput(program.opts<{ json?: boolean; color?: boolean; debug?: boolean }>()));
  const runtime: Runtime = {
    get output() {
      return out();
    },
    setExitCode: (code) => {
      exitCode = code;
    },
    critical: async (work) => {
      inCritical++;
      try {
        return await work();
      } finally {
        inCritical--;
      }
    },
    onCancel: (cleanup) => {
      cleanups.push(cleanup);
    },
  };
  // Ctrl-C, SIGTERM and SIGHUP end the run the same way: wait for a swap in progress, remove the
  // stage, release the lock (an exit handler), and exit 128 + the signal number. A clean-up that
  // hangs cannot keep the process alive: after CLEANUP_TIMEOUT_MS it exits anyway.
  const onSignal = async (signal: keyof typeof SIGNAL_EXIT_CODES) => {
    if (cancelling) return;
    cancelling = true;
    const code = SIGNAL_EXIT_CODES[signal];
    setTimeout(() => process.exit(code), CLEANUP_TIMEOUT_MS).unref();
    while (inCritical > 0) await new Promise((r) => setTimeout(r, 10));
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    const message = signal === 'SIGINT' ? 'cancelled' : `cancelled (${signal})`;
    if (out().json) out().data({ ok: false, errors: [{ key: null, message }] });
    else out().info(out().color.yellow(message));
    process.exit(code);
  };
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as (keyof typeof SIGNAL_EXIT_CODES)[]).map((signal) => {
    const handler = () => void onSignal(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });

  const setup = program.command('setup').description('set up a deployment');
  setupWizard.register(setup, runtime);
  validate.register(program, runtime);
  presets.register(program, runtime);
  schema.register(program);
  infra.register(program, runtime);
  doctor.register(program, runtime);
  contracts.register(program, runtime);
  secrets.register(program, runtime);
  for (const command of [program, setup, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) {
    command.exitOverride();
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    return reportError(out(), error);
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

function isZodError(error: unknown): error is { issues: { path: PropertyKey[]; message: string }[] } {
  return error instanceof Error && error.name === 'ZodError' && Array.isArray((error as { issues?: unknown }).issues);
}

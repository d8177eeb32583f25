/**
 * The command line: wires the commands, and is the one place that turns errors into exit codes.
 * Exit codes: 0 ok, 1 checks failed, 2 usage or contract error, 3 a required tool missing or unable
 * to run, 4 drift or hand-edited files in the way, 130 cancelled, 70 internal error.
 */
import { Command, CommanderError } from 'commander';
import { AppError, ContractError, DriftError } from '../errors.js';
import { VERSION } from '../version.js';
import * as presets from './commands/presets.js';
import * as schema from './commands/schema.js';
import * as setupWizard from './commands/setup-wizard.js';
import * as validate from './commands/validate.js';
import { colorDiff, createOutput, type Output } from './output.js';
import type { Runtime } from './runtime.js';

const INTERNAL_ERROR = 70;

function reportError(out: Output, error: unknown): number {
  if (error instanceof AppError) {
    const problems = error instanceof ContractError ? error.problems : [];
    if (out.json) {
      out.data({
        ok: false,
        errors: problems.length > 0 ? problems : [{ key: null, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }],
        ...(error instanceof DriftError ? { files: error.files } : {}),
      });
    } else {
      out.info(out.color.red(`error: ${error.message}`));
      for (const p of problems) out.info(`  ${out.color.bold(p.key)}: ${p.message}${p.hint ? out.color.dim(`  (${p.hint})`) : ''}`);
      if (error instanceof DriftError) {
        for (const f of error.files) {
          out.info(`  ${out.color.bold(f.path)}: ${f.reason}`);
          if (f.diff) out.info(colorDiff(out, f.diff));
        }
      }
      if (error.hint) out.info(out.color.dim(`hint: ${error.hint}`));
      if (out.debug && error.stack) out.info(error.stack);
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (out.json) out.data({ ok: false, errors: [{ key: null, message: `internal error: ${message}` }] });
  else {
    out.info(out.color.red(`internal error: ${message}`));
    out.info(out.debug && error instanceof Error && error.stack ? error.stack : 'run again with --debug for details, and please report it');
  }
  return INTERNAL_ERROR;
}

export async function main(argv: readonly string[]): Promise<number> {
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
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
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
  const onSigint = async () => {
    if (cancelling) return;
    cancelling = true;
    while (inCritical > 0) await new Promise((r) => setTimeout(r, 10));
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    if (out().json) out().data({ ok: false, errors: [{ key: null, message: 'cancelled' }] });
    else out().info(out().color.yellow('cancelled'));
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);

  const setup = program.command('setup').description('set up a deployment');
  setupWizard.register(setup, runtime);
  validate.register(program, runtime);
  presets.register(program, runtime);
  schema.register(program);
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
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

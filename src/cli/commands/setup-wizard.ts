/**
 * `setup wizard`: answers from the flags, then (on a terminal) the interactive wizard for the rest,
 * then the one generate path. Without a terminal it never waits: it runs non-interactively.
 */
import type { Command } from 'commander';
import { parseFlags } from '../flags.js';
import type { CheckResult } from '../../checks/types.js';
import type { AnswerLayer } from '../../contract/resolve.js';
import { UsageError } from '../../errors.js';
import { VERSION } from '../../version.js';
import { checkLine } from '../output.js';
import { printGenerateResult } from '../print-result.js';
import type { Runtime } from '../runtime.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(setup: Command, runtime: Runtime): void {
  setup
    .command('wizard')
    .description('ask for the answers (or take them from flags), validate the contract and write a checked deployment bundle')
    .option('--non-interactive', 'never prompt: take answers from --preset, --answers-file and --var only')
    .option('--resume', 'continue an interrupted interactive run from its saved answers')
    .option('--preset <name>', 'preset (target and defaults), see `presets list`')
    .option('--answers-file <path>', 'YAML or JSON answers; repeatable, later files win', collect)
    .option('--var <key=value>', 'one answer (JSON for maps, dotted keys like api_secrets.DATABASE_URL); repeatable, wins over files', collect)
    .option('--out <dir>', 'bundle directory', 'deploy')
    .option('--dry-run', 'print the plan and the diff, write nothing')
    .option('--check', 'exit 4 if a re-run would change any file; write nothing')
    .option('--force', 'overwrite generated files that were edited by hand')
    .option('--adopt', 'write into an existing directory starter-console did not create, adding files only (never replacing it or anything in it)')
    .option('--no-validate', 'skip the checks (not recommended)')
    .option('--require-tools', 'fail (exit 3) when a real tool is missing instead of skipping its check')
    .option('--include-secrets', 'also write secret values into 0600 secret files (the wizard then asks them, masked)')
    .option('--verify-secrets', 'once the bundle is written, run the secrets provider\'s `secrets onboard` check on its answers (reads the signing secret; a failure is a warning)')
    .action(async (raw: unknown) => {
      const { setupWizardOptions } = await import('./option-schemas.js');
      const options = parseFlags(setupWizardOptions, raw);
      const out = runtime.output;
      const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      const interactive = !options.nonInteractive && !out.json && terminal;
      if (options.resume && !interactive) throw new UsageError('--resume continues the interactive wizard: it needs a terminal, without --non-interactive or --json');
      if (!options.nonInteractive && !interactive) out.info(out.color.dim(`note: ${terminal ? '--json' : 'no terminal'}; running non-interactively.`));
      const [{ generate }, { answerLayers }] = await Promise.all([import('../../bundle/generate.js'), import('../inputs.js')]);
      let checking = interactive; // the wizard announces the checks itself
      const onCheck = (r: CheckResult) => {
        if (out.json) return;
        if (!checking) out.info(`checking the bundle for ${options.out}:`);
        checking = true;
        out.info(checkLine(out, r));
      };
      const run = (layers: readonly AnswerLayer[]) => generate({ ...options, layers, version: VERSION, onCheck, critical: runtime.critical, onCancel: runtime.onCancel });
      const layers = await answerLayers(options);
      const verify = async (result: { outcome: number; mode: string }) => {
        if (!options.verifySecrets || result.outcome !== 0 || result.mode !== 'write' || out.json) return;
        const { verifySecretsOf } = await import('../verify-secrets.js');
        await verifySecretsOf(options.out, out);
      };
      if (!interactive) {
        const result = await run(layers);
        printGenerateResult(out, result);
        await verify(result);
        runtime.setExitCode(result.outcome);
        return;
      }
      const [{ runWizard }, { createInquirerPrompter }] = await Promise.all([import('../../wizard/session.js'), import('../../wizard/inquirer-prompter.js')]);
      const io = { prompter: createInquirerPrompter(), say: (line: string) => out.info(line), style: out.color };
      const wizard = await runWizard({ ...options, layers, io, generate: run });
      printGenerateResult(out, wizard.result);
      await verify(wizard.result);
      if (wizard.replay) {
        out.info('');
        out.info(out.color.bold('Reproduce this bundle without questions:'));
        out.info(`  ${wizard.replay}`);
        if (wizard.replay.includes('=...')) out.info(out.color.dim('  (replace each ... with the secret value; values are never printed or saved)'));
      }
      runtime.setExitCode(wizard.result.outcome);
    });
}

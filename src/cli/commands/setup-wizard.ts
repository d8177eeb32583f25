/** `setup wizard`: collect the answers and write the bundle (non-interactive until the wizard lands). */
import type { Command } from 'commander';
import { z } from 'zod';
import type { GenerateResult } from '../../bundle/generate.js';
import { VERSION } from '../../version.js';
import { changeLine, checkLine, colorDiff, type Output } from '../output.js';
import type { Runtime } from '../runtime.js';

const optionsSchema = z.object({
  nonInteractive: z.boolean().default(false),
  preset: z.string().optional(),
  answersFile: z.array(z.string()).default([]),
  var: z.array(z.string()).default([]),
  out: z.string().min(1).default('deploy'),
  dryRun: z.boolean().default(false),
  check: z.boolean().default(false),
  force: z.boolean().default(false),
  validate: z.boolean().default(true),
  requireTools: z.boolean().default(false),
  includeSecrets: z.boolean().default(false),
});

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(setup: Command, runtime: Runtime): void {
  setup
    .command('wizard')
    .description('collect the answers, validate the contract and write a checked deployment bundle')
    .option('--non-interactive', 'never prompt: take answers from --preset, --answers-file and --var only')
    .option('--preset <name>', 'preset (target and defaults), see `presets list`')
    .option('--answers-file <path>', 'YAML or JSON answers; repeatable, later files win', collect)
    .option('--var <key=value>', 'one answer (JSON for maps, dotted keys like api_secrets.DATABASE_URL); repeatable, wins over files', collect)
    .option('--out <dir>', 'bundle directory', 'deploy')
    .option('--dry-run', 'print the plan and the diff, write nothing')
    .option('--check', 'exit 4 if a re-run would change any file; write nothing')
    .option('--force', 'overwrite generated files that were edited by hand')
    .option('--no-validate', 'skip the checks (not recommended)')
    .option('--require-tools', 'fail (exit 3) when a real tool is missing instead of skipping its check')
    .option('--include-secrets', 'also write secret values into 0600 secret files')
    .action(async (raw: unknown) => {
      const options = optionsSchema.parse(raw);
      const out = runtime.output;
      if (!options.nonInteractive) {
        out.info(out.color.dim(process.stdin.isTTY ? 'note: the interactive wizard is not available yet; running non-interactively.' : 'note: no terminal; running non-interactively.'));
      }
      const [{ generate }, { answerLayers }] = await Promise.all([import('../../bundle/generate.js'), import('../inputs.js')]);
      const result = await generate({
        layers: await answerLayers(options),
        out: options.out,
        version: VERSION,
        dryRun: options.dryRun,
        check: options.check,
        force: options.force,
        validate: options.validate,
        requireTools: options.requireTools,
        includeSecrets: options.includeSecrets,
        onCheck: (r) => !out.json && out.info(checkLine(out, r)),
        critical: runtime.critical,
        onCancel: runtime.onCancel,
      });
      printResult(out, result);
      runtime.setExitCode(result.outcome);
    });
}

function printResult(out: Output, result: GenerateResult): void {
  if (out.json) {
    out.data({
      ok: result.outcome === 0,
      mode: result.mode,
      out: result.out,
      preset: result.preset,
      target: result.target,
      committed: result.committed,
      files: result.changes.map(({ path, action, reason, diff }) => ({ path, action, ...(reason ? { reason } : {}), ...(diff && result.mode === 'dry-run' ? { diff } : {}) })),
      checks: result.checks,
      errors: [],
    });
    return;
  }
  for (const note of result.notes) out.info(out.color.yellow(`note: ${note}`));
  out.info(`${result.mode === 'dry-run' ? 'plan' : 'files'} for ${result.out} (preset ${result.preset}):`);
  for (const change of result.changes) {
    out.info(changeLine(out, change));
    if (result.mode === 'dry-run' && change.diff && change.action !== 'create') out.info(colorDiff(out, change.diff));
  }
  const failed = result.checks.filter((c) => c.status === 'fail').length;
  const skipped = result.checks.filter((c) => c.status === 'skip').length;
  const checks = `${result.checks.length - failed - skipped} checks passed, ${failed} failed, ${skipped} skipped`;
  if (result.mode === 'dry-run') out.info('dry run: nothing written.');
  else if (result.mode === 'check') out.info(out.color.green(`up to date: no file would change in ${result.out}.`));
  else if (result.committed) out.info(out.color.green(`wrote ${result.out} (${checks}). Next: read ${result.out}/README.md.`));
  else if (result.outcome === 0) out.info(out.color.green(`up to date: no file changed in ${result.out} (${checks}).`));
  else out.info(out.color.red(`nothing written: ${checks}${result.outcome === 3 ? '; a required tool is missing or could not run' : ''}.`));
}

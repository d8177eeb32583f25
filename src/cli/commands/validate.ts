/** `validate [DIR]`: re-run a bundle's checks on the files as they are. */
import type { Command } from 'commander';
import { parseFlags } from '../flags.js';
import { checkLine } from '../output.js';
import type { Runtime } from '../runtime.js';

export function register(program: Command, runtime: Runtime): void {
  program
    .command('validate')
    .description("re-run a bundle's checks (embedded and real tools) on the files as they are on disk")
    .argument('[dir]', 'bundle directory', 'deploy')
    .option('--require-tools', 'fail (exit 3) when a real tool is missing instead of skipping its check')
    .action(async (dir: string, raw: unknown) => {
      const { validateOptions } = await import('./option-schemas.js');
      const options = parseFlags(validateOptions, raw);
      const out = runtime.output;
      const { validateBundle } = await import('../../bundle/validate.js');
      const result = await validateBundle(dir, { requireTools: options.requireTools, onCheck: (r) => !out.json && out.info(checkLine(out, r)) });
      if (out.json) {
        out.data({ ok: result.outcome === 0, dir: result.dir, preset: result.preset, checks: result.checks, errors: [] });
      } else {
        for (const note of result.notes) out.info(out.color.yellow(`note: ${note}`));
        const failed = result.checks.filter((c) => c.status === 'fail').length;
        const skipped = result.checks.filter((c) => c.status === 'skip').length;
        const summary = `${result.checks.length - failed - skipped} checks passed, ${failed} failed, ${skipped} skipped`;
        out.info(result.outcome === 0 ? out.color.green(`${dir}: ${summary}`) : out.color.red(`${dir}: ${summary}`));
      }
      runtime.setExitCode(result.outcome);
    });
}

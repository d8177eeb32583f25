/** `contracts export|check`: the contract snapshots in docs/contracts (literal sets, answers schema). */
import type { Command } from 'commander';
import type { Runtime } from '../runtime.js';

export function register(program: Command, runtime: Runtime): void {
  const contracts = program.command('contracts').description('the contract snapshots in docs/contracts (literals, answers JSON Schema)');
  contracts
    .command('export')
    .description('write docs/contracts/provider_literals.json and docs/contracts/answers.schema.json from the contract')
    .option('--root <dir>', 'project directory that holds docs/contracts', '.')
    .action(async (options: { root: string }) => {
      const { exportContracts } = await import('../../bundle/contracts.js');
      const written = await exportContracts(options.root);
      if (runtime.output.json) runtime.output.data({ ok: true, written });
      else for (const path of written) runtime.output.info(`wrote ${path}`);
      runtime.setExitCode(0);
    });
  contracts
    .command('check')
    .description('exit 1 when the checked-in snapshots differ from what the contract generates')
    .option('--root <dir>', 'project directory that holds docs/contracts', '.')
    .action(async (options: { root: string }) => {
      const { checkContracts } = await import('../../bundle/contracts.js');
      const drift = await checkContracts(options.root);
      const out = runtime.output;
      if (out.json) out.data({ ok: drift.length === 0, drift });
      else if (drift.length === 0) out.info(out.color.green('contract snapshots are up to date'));
      else {
        for (const d of drift) out.info(out.color.red(`${d.path}: ${d.state === 'missing' ? 'missing' : 'differs from what the contract generates'}`));
        out.info('run `starter-console contracts export` and commit the result');
      }
      runtime.setExitCode(drift.length === 0 ? 0 : 1);
    });
}

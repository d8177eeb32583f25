/** `presets list` and `presets show NAME`. */
import type { Command } from 'commander';
import { closest } from '../../contract/suggest.js';
import { UsageError } from '../../errors.js';
import type { Runtime } from '../runtime.js';

export function register(program: Command, runtime: Runtime): void {
  const presets = program.command('presets').description('the presets: a target and its defaults');
  presets
    .command('list')
    .description('list the presets')
    .action(async () => {
      const { PRESETS } = await import('../../contract/presets.js');
      const out = runtime.output;
      if (out.json) return out.data(PRESETS.map(({ name, target, title }) => ({ name, target, title })));
      for (const p of PRESETS) process.stdout.write(`${p.name.padEnd(8)} ${p.title}\n`);
    });
  presets
    .command('show')
    .description('show one preset and its defaults')
    .argument('<name>', 'preset name')
    .action(async (name: string) => {
      const { findPreset, PRESETS, presetText } = await import('../../contract/presets.js');
      const preset = findPreset(name);
      if (!preset) {
        const suggestion = closest(name, PRESETS.map((p) => p.name));
        throw new UsageError(`unknown preset ${JSON.stringify(name)}`, suggestion ? `did you mean ${suggestion}?` : `see \`presets list\``);
      }
      if (runtime.output.json) return runtime.output.data(preset);
      process.stdout.write(presetText(preset));
    });
}

/** `doctor`: which real tools, cloud CLIs and Terraform providers this machine has, and so which checks run here. */
import type { Command } from 'commander';
import { parseFlags } from '../flags.js';
import type { Runtime } from '../runtime.js';

export function register(program: Command, runtime: Runtime): void {
  program
    .command('doctor')
    .description('show the Node version, the real tools and cloud CLIs found, whether Terraform can install each provider, and which checks will run here')
    .option('--require-tools', 'exit 3 when a real tool the checks use, or a Terraform provider, is missing')
    .action(async (raw: unknown) => {
      const { doctorOptions } = await import('./option-schemas.js');
      const options = parseFlags(doctorOptions, raw);
      const { diagnose } = await import('../../checks/doctor.js');
      const report = await diagnose();
      const out = runtime.output;
      const missing = report.targets.some((t) => !t.complete) || !report.node.ok;
      if (out.json) {
        out.data({ ok: !missing, ...report });
      } else {
        const mark = (ok: boolean) => (ok ? out.color.green('ok     ') : out.color.yellow('missing'));
        out.info(`${mark(report.node.ok)} node ${report.node.version} (needs ${report.node.required})`);
        for (const t of report.tools) out.info(`${mark(Boolean(t.version))} ${t.name}${t.version ? ` ${t.version} (${t.path})` : `: ${t.problems.join('; ')}${t.hint ? ` (${t.hint})` : ''}`}`);
        for (const c of report.clis) out.info(`${c.version ? out.color.green('ok     ') : out.color.dim('absent ')} ${c.name}${c.version ? ` ${c.version}` : `: ${c.problems.join('; ')}`}`);
        for (const p of report.providers) out.info(`${mark(Boolean(p.source))} terraform provider ${p.provider} (${p.cloud}): ${p.detail}`);
        for (const t of report.targets) out.info(`${t.complete ? out.color.green('every check runs') : out.color.yellow('some checks SKIP')} for ${t.target}${t.missing.length ? `: ${t.missing.join(', ')}` : ''}`);
      }
      runtime.setExitCode(options.requireTools && missing ? 3 : 0);
    });
}

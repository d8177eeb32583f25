/** `infra terraform export`: a cloud blueprint's variables file from the answers (template or filled). */
import type { Command } from 'commander';
import { parseFlags } from '../flags.js';
import type { Runtime } from '../runtime.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command, runtime: Runtime): void {
  const infra = program.command('infra').description('infrastructure helpers');
  const terraform = infra.command('terraform').description('Terraform helpers');
  terraform
    .command('export')
    .description("write a blueprint's terraform.tfvars from the answers: placeholders for what is missing (template) or every input validated (filled)")
    .requiredOption('--provider <provider>', 'cloud blueprint: aws, azure or gcp')
    .option('--mode <mode>', 'template: placeholders for missing inputs, secret maps redacted; filled: fail listing every missing or invalid input', 'template')
    .option('--format <format>', 'hcl (terraform.tfvars) or json (terraform.tfvars.json)', 'hcl')
    .option('--output <path>', 'file to write (default var/infra/<provider>/terraform.tfvars)')
    .option('--answers-file <path>', 'YAML or JSON answers (the same as setup wizard reads); repeatable, later files win', collect)
    .option('--var <key=value>', 'one answer; repeatable, wins over files', collect)
    .option('--include-secrets', 'template mode: keep the secret maps instead of redacting them (trusted local use only)')
    .action(async (raw: unknown) => {
      const { terraformExportOptions } = await import('./option-schemas.js');
      const options = parseFlags(terraformExportOptions, raw);
      const out = runtime.output;
      const [{ terraformExport }, { answerLayers }] = await Promise.all([import('../../bundle/terraform-export.js'), import('../inputs.js')]);
      const layers = await answerLayers(options);
      const result = await terraformExport({ ...options, layers });
      if (out.json) {
        out.data({ ok: true, path: result.path, provider: options.provider, mode: options.mode, variables: result.variables, warnings: result.warnings });
      } else {
        for (const w of result.warnings) out.info(out.color.yellow(`warning: ${w.key}: ${w.message}${w.hint ? ` (${w.hint})` : ''}`));
        out.info(`wrote ${result.path} (${options.mode}, ${result.variables.length} variables for ${options.provider})`);
      }
      runtime.setExitCode(0);
    });
}

/** `secrets onboard`: point the app at a secrets provider and prove the signing secret is readable. */
import type { Command } from 'commander';
import { parseFlags } from '../flags.js';
import { escapeControl } from '../output.js';
import type { Runtime } from '../runtime.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const REDACTED = '<redacted>';

export function register(program: Command, runtime: Runtime): void {
  const secrets = program.command('secrets').description('secrets providers of the app');
  secrets
    .command('onboard')
    .description('collect a secrets provider\'s settings, print the env to set (secrets redacted) and probe that the signing secret is readable')
    .option('--provider <literal>', 'vault_dev, vault_hcp, infisical_cloud, infisical_self_host, aws_sm, azure_kv or gcp_sm (asked when omitted on a terminal)')
    .option('--non-interactive', 'never prompt: take the settings from --answers-file, --var and their defaults')
    .option('--answers-file <path>', 'YAML or JSON answers (env names or contract keys); repeatable, later files win', collect)
    .option('--var <KEY=value>', 'one setting, e.g. GCP_SM_PROJECT_ID=acme-prod; repeatable, wins over files', collect)
    .option('--no-verify', 'skip the probe (no network, no credentials needed)')
    .option('--write-env <file>', 'update this dotenv file in place (other lines kept; atomic; mode 0600)')
    .option('--answers-out <file>', 'write the settings as contract answers for `setup wizard --answers-file`')
    .action(async (raw: unknown) => {
      const { secretsOnboardOptions } = await import('./option-schemas.js');
      const options = parseFlags(secretsOnboardOptions, raw);
      const out = runtime.output;
      const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      const interactive = !options.nonInteractive && !out.json && terminal;
      const [{ onboard }, { answerLayers }] = await Promise.all([import('../../secrets/onboard.js'), import('../inputs.js')]);
      const layers = await answerLayers(options);
      const prompter = interactive ? (await import('../../wizard/inquirer-prompter.js')).createInquirerPrompter() : undefined;
      const say = out.json ? undefined : (line: string) => out.info(out.color.dim(line));
      const result = await onboard({ ...options, layers, env: process.env, ...(prompter ? { prompter } : {}), ...(say ? { say } : {}) });
      const env = result.env.map((l) => ({ ...l, value: l.secret ? REDACTED : l.value }));
      if (out.json) {
        out.data({ ok: true, ...result, env });
      } else {
        const v = result.verification;
        out.info(out.color.bold(`Secrets provider configured: ${result.provider} (${result.label})`));
        out.info('Add or update these environment variables (secret values redacted):');
        for (const line of env) out.info(`  ${line.name}=${escapeControl(line.value)}`);
        if (result.written.env) out.info(`updated ${result.written.env} (mode 0600)`);
        if (result.written.answers) out.info(`wrote ${result.written.answers}: pass it to setup wizard --answers-file`);
        out.info('Next steps:');
        for (const step of result.steps) out.info(`  - ${step}`);
        if (v.status === 'passed') out.info(`Verification: ${out.color.green('passed')}: ${v.detail}`);
        for (const warning of result.warnings) out.info(out.color.yellow(`warning: ${warning}`));
        if (v.fix) out.info(out.color.yellow(`  fix: ${v.fix}`));
      }
      runtime.setExitCode(0);
    });
}

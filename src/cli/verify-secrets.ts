/**
 * `setup wizard --verify-secrets`: after the bundle is written, the `secrets onboard` flow of its
 * secrets provider on the env the bundle gives the API (what the app will read; secret values from
 * this environment, never from the bundle): its settings checked and its probe run (the signing
 * secret read). Anything that fails is a warning with the fix; the bundle stays written.
 */
import { join } from 'node:path';
import { ANSWERS_PATH } from '../bundle/manifest.js';
import { escapeControl } from '../checks/safe-text.js';
import { AppError } from '../errors.js';
import { readAnswersFile } from './inputs.js';
import type { Output } from './output.js';

/** The API's plain env, as the onboarding flow reads settings (GCP_PROJECT_ID stands in for GCP_SM_PROJECT_ID, as in the app). */
async function apiEnvOf(outDir: string): Promise<Record<string, string> | undefined> {
  const [{ resolveContract }, { loadTarget }] = await Promise.all([import('../targets/contract.js'), import('../targets/registry.js')]);
  const resolved = resolveContract([await readAnswersFile(join(outDir, ANSWERS_PATH))]);
  if (!resolved.ok) return undefined;
  const target = await loadTarget(resolved.contract.target);
  const env = Object.fromEntries(target.env(resolved.contract).api.map((v) => [v.name, v.value]));
  if (env.GCP_SM_PROJECT_ID === undefined && env.GCP_PROJECT_ID !== undefined) env.GCP_SM_PROJECT_ID = env.GCP_PROJECT_ID;
  return env;
}

export async function verifySecretsOf(outDir: string, out: Output): Promise<void> {
  const warn = (text: string) => out.info(out.color.yellow(`warning: ${escapeControl(text)}`));
  try {
    const env = await apiEnvOf(outDir);
    if (!env) return warn(`--verify-secrets: the answers in ${join(outDir, ANSWERS_PATH)} no longer make a contract; run \`starter-console secrets onboard\` by hand`);
    const { onboard } = await import('../secrets/onboard.js');
    const result = await onboard({ provider: env.SECRETS_PROVIDER, layers: [{ source: `the bundle's API env (${outDir})`, values: env }], verify: true, env: process.env });
    const v = result.verification;
    if (v.status === 'passed') out.info(`secrets provider ${result.provider}: ${out.color.green('verified')}: ${escapeControl(v.detail)}`);
    for (const warning of result.warnings) warn(warning);
    if (v.fix) out.info(out.color.yellow(`  fix: ${escapeControl(v.fix)}`));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    warn(`--verify-secrets: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
    if ('problems' in error && Array.isArray(error.problems)) for (const p of error.problems as { key: string; message: string }[]) warn(`  ${p.key}: ${p.message}`);
  }
}

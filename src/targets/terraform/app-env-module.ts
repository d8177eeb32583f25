/**
 * The provider-free app-env module every cloud blueprint calls (`source = "../modules/app-env"`): its
 * static files, copied into the bundle byte for byte under ops/infra/modules/app-env, each with its
 * build-time parse.
 */
import appEnvMain from '../../../templates/terraform/modules/app-env/main.tf?hcl';
import appEnvOutputs from '../../../templates/terraform/modules/app-env/outputs.tf?hcl';
import appEnvVariables from '../../../templates/terraform/modules/app-env/variables.tf?hcl';
import appEnvVersions from '../../../templates/terraform/modules/app-env/versions.tf?hcl';
import appEnvTests from '../../../templates/terraform/modules/app-env/tests/app_env.tftest.hcl?hcl';
import type { KnownParse } from './hcl.js';

export const APP_ENV_DIR = 'ops/infra/modules/app-env';

const FILES: Readonly<Record<string, KnownParse>> = {
  'main.tf': appEnvMain,
  'outputs.tf': appEnvOutputs,
  'variables.tf': appEnvVariables,
  'versions.tf': appEnvVersions,
  'tests/app_env.tftest.hcl': appEnvTests,
};

/** The module's files, by path inside ops/infra/modules/app-env. */
export const APP_ENV_MODULE_FILES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(FILES).map(([path, f]) => [path, f.text]));
export const APP_ENV_PARSES: readonly KnownParse[] = Object.values(FILES);

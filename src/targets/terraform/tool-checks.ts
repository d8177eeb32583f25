/**
 * The real-tool checks of a Terraform bundle, for any cloud: `terraform fmt` over every Terraform
 * directory (read-only, in the shared copy), and per root module `init -backend=false` then
 * `validate -json`, and `init` then `terraform test` (also in the shared modules that have tests).
 * init writes `.terraform/` and a lock file: those checks get a copy of their own. A provider that
 * cannot be installed here (no registry access, no mirror holding it) makes them a SKIP naming it.
 */
import type { ToolCheck, ToolStep } from '../../checks/types.js';
import { fmtProblems, initOutcome, testProblems, validateProblems } from './tool-output.js';

/** What reaches terraform from the caller's environment: its CLI config, plugin cache, HOME and proxies. */
export const TERRAFORM_ENV_PASS = [
  'HOME',
  'TF_CLI_CONFIG_FILE',
  'TF_PLUGIN_CACHE_DIR',
  'TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'TMPDIR',
] as const;

const environment = { pass: TERRAFORM_ENV_PASS, set: { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' } };

const init: ToolStep = { args: ['init', '-backend=false', '-input=false', '-no-color'], interpret: initOutcome };

/** The deepest directory holding every given one (`ops/infra/aws`, `ops/infra/gcp` → `ops/infra`). */
export function commonDir(dirs: readonly string[]): string {
  const split = dirs.map((d) => d.split('/'));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n++;
  return n === 0 ? '.' : first.slice(0, n).join('/');
}

/** The parent of the roots: with `-recursive`, fmt reaches the roots and the shared modules beside them. */
const parentOf = (dir: string) => (dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '.');

function testCheck(dir: string): ToolCheck {
  return {
    id: `terraform-test:${dir}`,
    title: `terraform test passes in ${dir} (after terraform init)`,
    tool: 'terraform',
    before: [init],
    args: ['test', '-no-color'],
    cwd: dir,
    interpret: (run) => testProblems(run, dir),
    ownCopy: true,
    environment,
  };
}

/**
 * roots: the bundle's root module directories (e.g. `ops/infra/aws`); testedModules: shared module
 * directories whose own tests run too (e.g. `ops/infra/modules/app-env`).
 */
export function terraformToolChecks(roots: readonly string[], testedModules: readonly string[] = []): ToolCheck[] {
  if (roots.length === 0) return [];
  const fmtDir = commonDir(roots.map(parentOf));
  return [
    {
      id: 'terraform-fmt',
      title: `terraform fmt finds nothing to change under ${fmtDir}`,
      tool: 'terraform',
      args: ['fmt', '-check', '-recursive', '-diff', '-no-color'],
      cwd: fmtDir,
      interpret: (run) => fmtProblems(run, fmtDir),
      environment,
    },
    ...roots.map(
      (root): ToolCheck => ({
        id: `terraform-validate:${root}`,
        title: `terraform validate accepts ${root} (after terraform init -backend=false)`,
        tool: 'terraform',
        before: [init],
        args: ['validate', '-json', '-no-color'],
        cwd: root,
        interpret: (run) => validateProblems(run, root),
        ownCopy: true,
        environment,
      }),
    ),
    ...[...roots, ...testedModules].map(testCheck),
  ];
}

/**
 * Terraform for tests, offline: the machine's provider filesystem mirror (hashicorp/aws only) behind
 * a CLI config written into a temp dir. With REQUIRE_REAL_TOOLS=1 a missing mirror fails the tests
 * instead of skipping them.
 *
 *   const gate = terraformGate();
 *   describe.skipIf(gate.skip)(`terraform checks${gate.label}`, () => {
 *     beforeAll(() => { restore = gate.useMirror(); });   // sets TF_CLI_CONFIG_FILE & co in process.env
 *     afterAll(() => restore());
 *   });
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireOrSkip, requireRealTools, type ToolGate } from './real-tools.js';

const DEFAULT_MIRROR = '/opt/tf-plugins';

/** The directory holding `registry.terraform.io/hashicorp/aws/…`, or undefined. */
export function findProviderMirror(): string | undefined {
  const given = process.env.STARTER_CONSOLE_TF_MIRROR;
  if (given && existsSync(join(given, 'registry.terraform.io'))) return given;
  if (existsSync(join(DEFAULT_MIRROR, 'registry.terraform.io', 'hashicorp', 'aws'))) return DEFAULT_MIRROR;
  let found = '';
  try {
    found = execFileSync('find', ['/', '-xdev', '-name', 'terraform-provider-aws*', '-path', '*registry.terraform.io*'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 });
  } catch (error) {
    found = String((error as { stdout?: string }).stdout ?? '');
  }
  const first = found.split('\n').find((line) => line.includes('/registry.terraform.io/'));
  return first ? first.slice(0, first.indexOf('/registry.terraform.io/')) : undefined;
}

/** A CLI config that installs every provider from the mirror only. */
export function mirrorCliConfig(mirror: string): string {
  return `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`;
}

export interface TerraformEnv {
  TF_CLI_CONFIG_FILE: string;
  CHECKPOINT_DISABLE: '1';
  TF_IN_AUTOMATION: '1';
  TF_INPUT: '0';
}

/** Write the CLI config into a fresh temp dir; the env that points terraform at it, and a clean-up. */
export function terraformMirrorEnv(mirror: string): { env: TerraformEnv; dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'starter-console-tf-cli-'));
  const file = join(dir, 'terraform.rc');
  writeFileSync(file, mirrorCliConfig(mirror));
  return { env: { TF_CLI_CONFIG_FILE: file, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' }, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TerraformGate extends Pick<ToolGate, 'skip' | 'reason' | 'label'> {
  /** The terraform binary (throws the clear message when it is missing). */
  terraform(): string;
  /** The mirror's env set in process.env (throws when there is no mirror); returns the undo. */
  useMirror(): () => void;
}

/** Gate tests on terraform and the provider mirror: a visible SKIP, or a failure under REQUIRE_REAL_TOOLS=1. */
export function terraformGate(): TerraformGate {
  const tool = requireOrSkip('terraform');
  const mirror = findProviderMirror();
  const missing = [...(tool.reason ? [tool.reason] : []), ...(mirror ? [] : [`no Terraform provider mirror (${DEFAULT_MIRROR} or any registry.terraform.io/hashicorp/aws)`])];
  const reason = missing.join('; ');
  const skip = missing.length > 0 && !requireRealTools();
  return {
    skip,
    reason,
    label: skip ? ` (SKIP: ${reason})` : '',
    terraform: () => tool.path('terraform'),
    useMirror() {
      if (!mirror) throw new Error(`a Terraform provider mirror holding hashicorp/aws is required (REQUIRE_REAL_TOOLS=1) but none was found at ${DEFAULT_MIRROR} or by find; set STARTER_CONSOLE_TF_MIRROR to one`);
      const { env, remove } = terraformMirrorEnv(mirror);
      const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
      Object.assign(process.env, env);
      return () => {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
        remove();
      };
    },
  };
}

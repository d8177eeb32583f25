/**
 * `doctor`: what this machine can check. Node, each real tool the checks use (probed like the checks
 * probe them), the cloud CLIs, whether Terraform can install each cloud's provider (a filesystem
 * mirror from the CLI config or an implied one, the plugin cache, or the registry over the network),
 * and so which checks of each target will run here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { toolLimits } from './limits.js';
import { runProcess } from './process.js';
import { escapeControl } from './safe-text.js';
import { discoverTools, INSTALL_HINT, whichAll } from './tools.js';
import type { ToolName } from './types.js';

export const DOCTOR_TOOLS: readonly ToolName[] = ['terraform', 'helm', 'docker-compose', 'caddy', 'bash'];
const CLOUD_CLIS = [
  { name: 'gcloud', args: ['--version'] },
  { name: 'aws', args: ['--version'] },
  { name: 'az', args: ['--version'] },
] as const;
export const CLOUD_PROVIDERS = { aws: 'hashicorp/aws', gcp: 'hashicorp/google', azure: 'hashicorp/azurerm' } as const;
export type Cloud = keyof typeof CLOUD_PROVIDERS;

export interface ToolStatus {
  name: string;
  version?: string;
  path?: string;
  /** Why it is missing, or the candidates that failed. */
  problems: string[];
  hint?: string;
}

export interface ProviderStatus {
  cloud: Cloud;
  provider: string;
  /** Where `terraform init` would get it from, or undefined when it cannot. */
  source?: string;
  detail: string;
}

/** The real tools each target's checks use, and the Terraform provider its validate/test need. */
export const TARGET_NEEDS: Readonly<Record<string, { tools: readonly ToolName[]; cloud?: Cloud }>> = {
  vps: { tools: ['docker-compose', 'caddy', 'bash'] },
  k8s: { tools: ['helm'] },
  other: { tools: [] },
  aws: { tools: ['terraform'], cloud: 'aws' },
  azure: { tools: ['terraform'], cloud: 'azure' },
  gcp: { tools: ['terraform'], cloud: 'gcp' },
};

export interface TargetAvailability {
  target: string;
  /** Every tool check of the target can run here. */
  complete: boolean;
  missing: string[];
}

export interface DoctorReport {
  node: { version: string; ok: boolean; required: string };
  tools: ToolStatus[];
  clis: ToolStatus[];
  providers: ProviderStatus[];
  targets: TargetAvailability[];
}

const REQUIRED_NODE = [20, 19] as const;

function nodeOk(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > REQUIRED_NODE[0] || (major === REQUIRED_NODE[0] && minor >= REQUIRED_NODE[1]);
}

async function cliStatus(name: string, args: readonly string[]): Promise<ToolStatus> {
  const [path] = whichAll(name);
  if (!path) return { name, problems: ['not found on PATH'] };
  const limits = toolLimits();
  const run = await runProcess(path, args, { timeoutMs: limits.probeTimeoutMs, graceMs: limits.graceMs, capBytes: 64 * 1024, env: process.env });
  const line = escapeControl(`${run.stdout}\n${run.stderr}`.trim().split('\n')[0] ?? '').slice(0, 200);
  if (run.exitCode !== 0 || !line) return { name, path, problems: [`\`${name} ${args.join(' ')}\` ${run.timedOut ? 'did not answer' : `exited with code ${String(run.exitCode)}`}`] };
  return { name, path, version: line, problems: [] };
}

/** Filesystem mirror directories Terraform would read: the CLI config's, then the implied ones. */
export function mirrorDirs(env: NodeJS.ProcessEnv = process.env): { dirs: string[]; config?: string; configPath: string } {
  const home = env.HOME ?? homedir();
  const configPath = env.TF_CLI_CONFIG_FILE || join(home, '.terraformrc');
  const dirs: string[] = [];
  let config: string | undefined;
  if (existsSync(configPath)) {
    config = configPath;
    const text = readFileSync(configPath, 'utf8');
    for (const block of text.matchAll(/filesystem_mirror\s*\{([^}]*)\}/g)) {
      const path = /path\s*=\s*"([^"]+)"/.exec(block[1] ?? '')?.[1];
      if (path) dirs.push(path);
    }
    // An explicit provider_installation block replaces the implied mirrors.
    if (/provider_installation\s*\{/.test(text)) return { dirs, config, configPath };
  }
  dirs.push(join(home, '.terraform.d', 'plugins'), join(home, '.local', 'share', 'terraform', 'plugins'), '/usr/local/share/terraform/plugins', '/usr/share/terraform/plugins');
  return { dirs, config, configPath };
}

function hasProvider(dir: string, provider: string): boolean {
  const at = join(dir, 'registry.terraform.io', ...provider.split('/'));
  try {
    return readdirSync(at).length > 0;
  } catch {
    return false;
  }
}

async function registryReachable(): Promise<boolean> {
  try {
    const response = await fetch('https://registry.terraform.io/.well-known/terraform.json', { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function providerStatuses(): Promise<ProviderStatus[]> {
  const { dirs, config, configPath } = mirrorDirs();
  const cache = process.env.TF_PLUGIN_CACHE_DIR;
  const online = registryReachable();
  return Promise.all(
    (Object.entries(CLOUD_PROVIDERS) as [Cloud, string][]).map(async ([cloud, provider]) => {
      const mirror = dirs.find((dir) => hasProvider(dir, provider));
      if (mirror) return { cloud, provider, source: `mirror ${mirror}`, detail: `from the filesystem mirror ${mirror}${config ? ` (${config})` : ''}` };
      if (cache && hasProvider(cache, provider)) return { cloud, provider, source: `plugin cache ${cache}`, detail: `from the plugin cache TF_PLUGIN_CACHE_DIR=${cache}` };
      if (await online) return { cloud, provider, source: 'registry', detail: 'from registry.terraform.io (network)' };
      return {
        cloud,
        provider,
        detail: `cannot be installed: no mirror holds it${config ? ` (CLI config ${config})` : ` (the CLI config ${configPath} does not exist; point TF_CLI_CONFIG_FILE at one with a filesystem_mirror)`}, no plugin cache, and registry.terraform.io is not reachable; terraform validate and test of ${cloud} bundles will SKIP`,
      };
    }),
  );
}

export async function diagnose(): Promise<DoctorReport> {
  const [tools, clis, providers] = await Promise.all([
    discoverTools(DOCTOR_TOOLS),
    Promise.all(CLOUD_CLIS.map((c) => cliStatus(c.name, c.args))),
    providerStatuses(),
  ]);
  const toolStatus = DOCTOR_TOOLS.map((name): ToolStatus => {
    const found = tools.get(name);
    return found?.found
      ? { name, version: found.found.version, path: [found.found.command, ...found.found.prefix].join(' '), problems: found.failed }
      : { name, problems: found?.failed.length ? found.failed : ['not found on PATH or in .tools/bin'], hint: INSTALL_HINT[name] };
  });
  const targets = Object.entries(TARGET_NEEDS).map(([target, needs]): TargetAvailability => {
    const missing = needs.tools.filter((t) => !toolStatus.find((s) => s.name === t)?.version).map((t) => `${t} (its checks SKIP)`);
    const provider = needs.cloud && providers.find((p) => p.cloud === needs.cloud);
    if (provider && !provider.source) missing.push(`the ${provider.provider} provider (terraform validate and test SKIP)`);
    return { target, complete: missing.length === 0, missing };
  });
  return {
    targets,
    node: { version: process.versions.node, ok: nodeOk(process.versions.node), required: `>= ${REQUIRED_NODE.join('.')}` },
    tools: toolStatus,
    clis,
    providers,
  };
}

/**
 * Finding the real tools: on PATH, then in the project's own `.tools/bin` (filled by
 * `npm run tools`). docker compose may be the standalone v2 binary or the docker CLI plugin.
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { ToolName } from './types.js';

export interface ResolvedTool {
  /** Executable and the leading arguments (e.g. ['docker', 'compose']). */
  command: string;
  prefix: string[];
  version: string;
}

function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'presets'))) return dir;
    dir = dirname(dir);
  }
  return undefined;
}

export function searchPath(): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const root = packageRoot();
  if (root) dirs.push(join(root, '.tools', 'bin'));
  return dirs;
}

function which(name: string): string | undefined {
  for (const dir of searchPath()) {
    const candidate = join(dir, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

async function versionOf(command: string, args: string[]): Promise<string | undefined> {
  const run = await execa(command, args, { reject: false, timeout: 15_000, env: { DOCKER_CLI_HINTS: 'false' } });
  if (run.exitCode !== 0) return undefined;
  return `${run.stdout}`.trim().split('\n')[0];
}

async function resolve(tool: ToolName): Promise<ResolvedTool | undefined> {
  if (tool === 'docker-compose') {
    const standalone = which('docker-compose');
    if (standalone) {
      const version = await versionOf(standalone, ['version', '--short']);
      if (version && /^v?[2-9]/.test(version)) return { command: standalone, prefix: [], version };
    }
    const docker = which('docker');
    if (docker) {
      const version = await versionOf(docker, ['compose', 'version', '--short']);
      if (version) return { command: docker, prefix: ['compose'], version };
    }
    return undefined;
  }
  const path = which(tool);
  if (!path) return undefined;
  const args: Record<Exclude<ToolName, 'docker-compose'>, string[]> = {
    caddy: ['version'],
    bash: ['--version'],
    helm: ['version', '--short'],
    terraform: ['version'],
  };
  const version = await versionOf(path, args[tool]);
  return version ? { command: path, prefix: [], version } : undefined;
}

const cache = new Map<ToolName, Promise<ResolvedTool | undefined>>();

export function findTool(tool: ToolName): Promise<ResolvedTool | undefined> {
  let found = cache.get(tool);
  if (!found) {
    found = resolve(tool);
    cache.set(tool, found);
  }
  return found;
}

export const INSTALL_HINT: Record<ToolName, string> = {
  'docker-compose': 'install Docker Compose v2 (or run `npm run tools` in a starter-console checkout)',
  caddy: 'install Caddy 2 (or run `npm run tools` in a starter-console checkout)',
  bash: 'install bash',
  helm: 'install Helm 3 (or run `npm run tools` in a starter-console checkout)',
  terraform: 'install Terraform 1.x',
};

/**
 * Finding the real tools: every candidate on PATH, in order, then the project's own `.tools/bin`
 * (filled by `npm run tools`). docker compose may be the standalone v2 binary or the docker CLI
 * plugin. Each candidate must answer a version probe, which runs under the same rules as a check
 * (own process group, short timeout, capped output): a candidate that is broken, silent or hangs is
 * recorded as "found but failed" and the next one is tried. Only when none works is the tool missing.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { duration, toolLimits, type ToolLimits } from './limits.js';
import { runProcess } from './process.js';
import { escapeControl } from './safe-text.js';
import type { ToolName } from './types.js';

export interface ResolvedTool {
  /** Executable and the leading arguments (e.g. ['docker', 'compose']). */
  command: string;
  prefix: string[];
  version: string;
}

export interface ToolDiscovery {
  tool: ToolName;
  /** The first candidate that answered its probe, if any. */
  found?: ResolvedTool;
  /** Candidates tried before it (or instead of it): `<path>: found but failed: <why>`. */
  failed: string[];
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

/** Every executable file called `name` on the search path, in order, each path once. */
export function whichAll(name: string): string[] {
  const found: string[] = [];
  for (const dir of searchPath()) {
    const candidate = resolvePath(dir, name);
    if (found.includes(candidate)) continue;
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      found.push(candidate);
    } catch {
      /* not here */
    }
  }
  return found;
}

interface Candidate {
  command: string;
  prefix: string[];
  versionArgs: string[];
  /** Why this version does not do, or undefined when it does. */
  refuse?: (version: string) => string | undefined;
}

const VERSION_ARGS: Record<Exclude<ToolName, 'docker-compose'>, string[]> = {
  caddy: ['version'],
  bash: ['--version'],
  helm: ['version', '--short'],
  terraform: ['version'],
};

function candidates(tool: ToolName): Candidate[] {
  if (tool !== 'docker-compose') return whichAll(tool).map((command) => ({ command, prefix: [], versionArgs: VERSION_ARGS[tool] }));
  return [
    ...whichAll('docker-compose').map((command) => ({
      command,
      prefix: [],
      versionArgs: ['version', '--short'],
      refuse: (v: string) => (/^v?[2-9]/.test(v) ? undefined : `version ${v} is not Compose v2`),
    })),
    ...whichAll('docker').map((command) => ({ command, prefix: ['compose'], versionArgs: ['compose', 'version', '--short'] })),
  ];
}

function firstLine(text: string): string {
  return escapeControl(text.trim().split('\n')[0]?.trim() ?? '').slice(0, 200);
}

/** The candidate's version, or why it failed. */
async function probe(candidate: Candidate, limits: ToolLimits): Promise<{ version: string } | { failed: string }> {
  const shown = [candidate.command.split('/').pop(), ...candidate.versionArgs].join(' ');
  const run = await runProcess(candidate.command, candidate.versionArgs, {
    timeoutMs: limits.probeTimeoutMs,
    graceMs: limits.graceMs,
    capBytes: 64 * 1024,
    env: { ...process.env, DOCKER_CLI_HINTS: 'false' },
  });
  if (run.spawnError) return { failed: `\`${shown}\` could not start: ${escapeControl(run.spawnError)}` };
  if (run.timedOut) return { failed: `\`${shown}\` did not answer within ${duration(limits.probeTimeoutMs)}` };
  if (run.signal) return { failed: `\`${shown}\` was killed by ${run.signal}` };
  if (run.exitCode !== 0) {
    const said = firstLine(run.stderr) || firstLine(run.stdout);
    return { failed: `\`${shown}\` exited with code ${run.exitCode}${said ? `: ${said}` : ''}` };
  }
  const version = firstLine(run.stdout);
  if (!version) return { failed: `\`${shown}\` printed no version` };
  const refused = candidate.refuse?.(version);
  return refused ? { failed: refused } : { version };
}

/** Try the candidates of one tool in order until one answers its probe. */
export async function discoverTool(tool: ToolName, limits: ToolLimits = toolLimits()): Promise<ToolDiscovery> {
  const failed: string[] = [];
  for (const candidate of candidates(tool)) {
    const result = await probe(candidate, limits);
    if ('version' in result) return { tool, found: { command: candidate.command, prefix: candidate.prefix, version: result.version }, failed };
    failed.push(`${candidate.command}: found but failed: ${result.failed}`);
  }
  return { tool, failed };
}

/**
 * Probe the given tools (each once), all at the same time: one promise per tool, so that a check
 * can start as soon as its own tool answered.
 */
export function discoverEach(tools: Iterable<ToolName>, limits: ToolLimits = toolLimits()): Map<ToolName, Promise<ToolDiscovery>> {
  return new Map([...new Set(tools)].map((tool) => [tool, discoverTool(tool, limits)]));
}

/** Probe the given tools (each once), in parallel. */
export async function discoverTools(tools: Iterable<ToolName>, limits: ToolLimits = toolLimits()): Promise<Map<ToolName, ToolDiscovery>> {
  const found = await Promise.all(discoverEach(tools, limits).values());
  return new Map(found.map((d) => [d.tool, d]));
}

/** Whether any candidate for the tool is on the search path at all (no probe). */
export function hasCandidate(tool: ToolName): boolean {
  return candidates(tool).length > 0;
}

/** The first working candidate of a tool, or undefined. */
export async function findTool(tool: ToolName): Promise<ResolvedTool | undefined> {
  return (await discoverTool(tool)).found;
}

export const INSTALL_HINT: Record<ToolName, string> = {
  'docker-compose': 'install Docker Compose v2 (or run `npm run tools` in a starter-console checkout)',
  caddy: 'install Caddy 2 (or run `npm run tools` in a starter-console checkout)',
  bash: 'install bash',
  helm: 'install Helm 3 (or run `npm run tools` in a starter-console checkout)',
  terraform: 'install Terraform 1.x',
};

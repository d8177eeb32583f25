/**
 * The bounds every real-tool run lives within: how long a check may take, how long a version probe
 * may take, how long a process group gets between SIGTERM and SIGKILL, and how much output is kept.
 * Operators (and tests) change the time limits through environment variables; callers may pass
 * their own on top.
 */
import { UsageError } from '../errors.js';

export interface ToolLimits {
  /** One tool check (e.g. `helm template`), from spawn to the end of its process group. */
  timeoutMs: number;
  /** One `--version` probe during discovery. */
  probeTimeoutMs: number;
  /** Between SIGTERM and SIGKILL to a process group. */
  graceMs: number;
  /** Bytes kept per stream (stdout, stderr); the rest is counted and dropped. */
  outputCapBytes: number;
}

export const DEFAULT_LIMITS: ToolLimits = {
  timeoutMs: 60_000,
  probeTimeoutMs: 10_000,
  graceMs: 2_000,
  outputCapBytes: 1024 * 1024,
};

/** The environment variables that override the defaults (documented in README, Checks). */
export const LIMIT_ENV = {
  timeoutMs: 'STARTER_CONSOLE_TOOL_TIMEOUT_MS',
  probeTimeoutMs: 'STARTER_CONSOLE_TOOL_PROBE_TIMEOUT_MS',
  graceMs: 'STARTER_CONSOLE_TOOL_KILL_GRACE_MS',
} as const satisfies Partial<Record<keyof ToolLimits, string>>;

function fromEnv(name: string, env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) throw new UsageError(`${name}=${raw} is not a positive whole number of milliseconds`, `unset ${name} or give e.g. ${name}=30000`);
  return Number(raw);
}

/** Defaults, then the environment, then the caller's own values. */
export function toolLimits(overrides: Partial<ToolLimits> = {}, env: NodeJS.ProcessEnv = process.env): ToolLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, name] of Object.entries(LIMIT_ENV) as [keyof typeof LIMIT_ENV, string][]) {
    const value = fromEnv(name, env);
    if (value !== undefined) limits[key] = value;
  }
  return { ...limits, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
}

/** `1.5s`, `60s`, `250ms`: for messages. */
export function duration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(1))}s`;
}

/** `1 MiB`, `512 KiB`, `300 bytes`. */
export function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

/**
 * Env files shared by the targets that hand env to containers as files: one non-secret file per
 * service, and per secret group an example file listing the keys (or, with --include-secrets, the
 * real 0600 file). Every file is parsed back with the dotenv reader compose uses before it is planned.
 */
import { file, secretFile, type PlannedFile } from '../../bundle/plan.js';
import type { Contract } from '../../contract/contract.js';
import type { EnvVar } from '../../contract/env.js';
import { render } from '../../render/engine.js';
import { parseDotenv } from '../../render/dotenv.js';
import envTemplate from '../../../templates/common/service.env.hbs?raw';
import secretsTemplate from '../../../templates/common/secrets.env.example.hbs?raw';

export interface SecretKey {
  name: string;
  /** Where the operator gets the value; never the value itself. */
  hint: string;
}

export function envFile(path: string, title: string, vars: readonly EnvVar[]): PlannedFile {
  const content = render('service.env', envTemplate, { title, vars });
  assertRoundTrip(path, content, vars);
  return file(path, content);
}

export function secretsExample(path: string, title: string, keys: readonly SecretKey[], target: string): PlannedFile {
  const content = render('secrets.env.example', secretsTemplate, { title, keys, target });
  const parsed = parseDotenv(content);
  const names = keys.map((k) => k.name);
  if (JSON.stringify([...parsed.keys()]) !== JSON.stringify(names)) throw new Error(`internal: ${path} does not list exactly its keys`);
  return file(path, content);
}

export function secretsFile(path: string, title: string, values: Record<string, string>): PlannedFile {
  const vars = Object.keys(values)
    .sort()
    .map((name) => ({ name, value: values[name] ?? '', from: 'secret' }));
  const content = render('service.env', envTemplate, { title, vars });
  assertRoundTrip(path, content, vars);
  return secretFile(path, content);
}

function assertRoundTrip(path: string, content: string, vars: readonly EnvVar[]): void {
  const parsed = parseDotenv(content);
  for (const { name, value } of vars) {
    if (parsed.get(name) !== value) throw new Error(`internal: ${path} does not carry ${name} unchanged`);
  }
  if (parsed.size !== new Set(vars.map((v) => v.name)).size) throw new Error(`internal: ${path} has unexpected keys`);
}

/** Secret keys a contract gives each service, with a hint where the value comes from. */
export function secretKeys(map: Record<string, string>, hints: Record<string, string>): SecretKey[] {
  return Object.keys(map)
    .sort()
    .map((name) => ({ name, hint: hints[name] ?? `the value of the ${name} secret` }));
}

export function hasSecrets(contract: Contract): { web: boolean } {
  return { web: Object.keys(contract.web_secrets).length > 0 };
}

/**
 * Embedded compose checks: the Compose Specification JSON Schema (all errors at once) and the
 * semantic checks the schema cannot express.
 */
import { parse } from 'yaml';
import validateSpec from '../../../schemas/vendor/compose-spec.json?validator';
import type { BundleFiles } from '../types.js';

type Json = Record<string, unknown>;
const asObject = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

export function parseCompose(content: string): Json {
  return asObject(parse(content));
}

/**
 * The compose file of a bundle, parsed once however many checks read it (the checks only read it).
 * Keyed by the bundle, so a check run on other files never sees a stale document.
 */
export function composeDocuments(composePath: string): (files: BundleFiles) => Json | undefined {
  const parsed = new WeakMap<BundleFiles, Json>();
  return (files) => {
    const content = files.get(composePath);
    if (content === undefined) return undefined;
    let doc = parsed.get(files);
    if (!doc) {
      doc = parseCompose(content);
      parsed.set(files, doc);
    }
    return doc;
  };
}

/** Problems of a parsed compose file against the Compose Specification (validated by code generated at build time). */
export function composeSchemaProblems(doc: Json): string[] {
  if (validateSpec(doc)) return [];
  return (validateSpec.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

/** Interpolations compose would resolve from the environment: every one needs a default here. */
export function unresolvedVariables(content: string): string[] {
  const withoutEscapes = content.replaceAll('$$', '');
  const problems: string[] = [];
  for (const match of withoutEscapes.matchAll(/\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const braced = match[1];
    if (braced !== undefined && /^[A-Za-z_][A-Za-z0-9_]*(:?-|:?\?)/.test(braced) && !/:?\?/.test(braced)) continue;
    problems.push(`\${${braced ?? match[2]}} has no value or default (write $$ for a literal $)`);
  }
  return problems;
}

/**
 * depends_on, volumes, networks and env files all refer to things that exist. A relative bind mount
 * source must be a bundle file, or one of `madeOnServer`: paths (relative to the bundle) that a
 * bundle script creates on the server, such as TLS files that must never be generated or committed.
 * `parsed` is the compose file already parsed (see composeDocuments), if the caller has it.
 */
export function composeSemanticProblems(composePath: string, files: BundleFiles, madeOnServer: readonly string[] = [], parsed?: Json): string[] {
  const content = files.get(composePath);
  if (content === undefined) return [`${composePath} is missing`];
  const doc = parsed ?? parseCompose(content);
  const dir = composePath.split('/').slice(0, -1).join('/');
  const services = asObject(doc.services);
  const volumes = asObject(doc.volumes);
  const networks = asObject(doc.networks);
  const problems: string[] = [...unresolvedVariables(content)];
  for (const [name, raw] of Object.entries(services)) {
    const service = asObject(raw);
    const dependsOn = Array.isArray(service.depends_on) ? service.depends_on.map(String) : Object.keys(asObject(service.depends_on));
    for (const target of dependsOn) {
      if (!Object.hasOwn(services, target)) problems.push(`services.${name}.depends_on: no service named ${target}`);
    }
    for (const volume of Array.isArray(service.volumes) ? service.volumes : []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] ?? '' : String(asObject(volume).source ?? '');
      if (source.startsWith('./') || source.startsWith('../')) {
        const path = normalize(`${dir}/${source}`);
        if (!files.has(path) && !madeOnServer.includes(path)) problems.push(`services.${name}.volumes: ${source} is not in the bundle`);
      } else if (!source.startsWith('/') && !Object.hasOwn(volumes, source)) {
        problems.push(`services.${name}.volumes: volume ${source} is not declared under volumes`);
      }
    }
    const serviceNetworks = Array.isArray(service.networks) ? service.networks.map(String) : Object.keys(asObject(service.networks));
    for (const network of serviceNetworks) {
      if (!Object.hasOwn(networks, network)) problems.push(`services.${name}.networks: network ${network} is not declared`);
    }
    for (const entry of Array.isArray(service.env_file) ? service.env_file : service.env_file ? [service.env_file] : []) {
      const ref = typeof entry === 'string' ? entry : String(asObject(entry).path ?? '');
      const path = normalize(`${dir}/${ref}`);
      if (!files.has(path) && !files.has(`${path}.example`)) {
        problems.push(`services.${name}.env_file: ${ref} is neither generated nor described by ${ref}.example`);
      }
    }
    if (service.restart !== 'unless-stopped') problems.push(`services.${name}: restart must be unless-stopped`);
    if (!service.healthcheck) problems.push(`services.${name}: has no healthcheck`);
  }
  return problems;
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Cross-checks within and between a bundle's Terraform modules: every reference resolves in its own
 * module, every local module source is a directory of the bundle, and every module call passes
 * variables the called module declares (all of those without a default among them).
 */
import { closest } from '../../contract/suggest.js';
import type { TfModule, TfReference } from './modules.js';

/** `ops/infra/aws` + `../modules/app-env` → `ops/infra/modules/app-env` (undefined when it leaves the bundle). */
export function joinModulePath(dir: string, source: string): string | undefined {
  const parts = dir === '.' ? [] : dir.split('/');
  for (const part of source.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

export const isLocalSource = (source: string): boolean => source.startsWith('./') || source.startsWith('../');

const hint = (input: string, candidates: Iterable<string>, shown: (name: string) => string) => {
  const near = closest(input, [...candidates]);
  return near ? ` (did you mean ${shown(near)}?)` : '';
};

function dangling(module: TfModule, ref: TfReference, modules: ReadonlyMap<string, TfModule>, unread: ReadonlySet<string>): string | undefined {
  const at = `${ref.file}: ${ref.where} refers to ${ref.text}`;
  switch (ref.kind) {
    case 'var':
      if (module.variables.has(ref.name)) return undefined;
      return `${at}, but ${module.dir} declares no variable "${ref.name}"${hint(ref.name, module.variables.keys(), (n) => `var.${n}`)}; declare it or fix the name`;
    case 'local':
      if (module.locals.has(ref.name)) return undefined;
      return `${at}, but ${module.dir} defines no local "${ref.name}"${hint(ref.name, module.locals, (n) => `local.${n}`)}; define it in a locals block or fix the name`;
    case 'data':
      if (module.dataSources.has(ref.name)) return undefined;
      return `${at}, but ${module.dir} has no data "${ref.name.replace('.', '" "')}"${hint(ref.name, module.dataSources, (n) => `data.${n}`)}; declare the data source or fix the name`;
    case 'ephemeral':
      if (module.ephemerals.has(ref.name)) return undefined;
      return `${at}, but ${module.dir} has no ephemeral "${ref.name.replace('.', '" "')}"${hint(ref.name, module.ephemerals, (n) => `ephemeral.${n}`)}; declare the ephemeral resource or fix the name`;
    case 'resource':
      if (module.resources.has(ref.name)) return undefined;
      return `${at}, but ${module.dir} has no resource "${ref.name.replace('.', '" "')}"${hint(ref.name, module.resources, (n) => n)}; declare the resource or fix the name`;
    case 'module': {
      const call = module.moduleCalls.get(ref.name);
      if (!call) return `${at}, but ${module.dir} has no module "${ref.name}"${hint(ref.name, module.moduleCalls.keys(), (n) => `module.${n}`)}; add the module block or fix the name`;
      const target = call.source && isLocalSource(call.source) ? modules.get(joinModulePath(module.dir, call.source) ?? '') : undefined;
      if (target && unread.has(target.dir)) return undefined;
      if (!target || ref.attribute === undefined || target.outputs.has(ref.attribute)) return undefined;
      return `${at}, but ${target.dir} has no output "${ref.attribute}"${hint(ref.attribute, target.outputs, (n) => `module.${ref.name}.${n}`)}; add the output to ${target.dir} or fix the name`;
    }
  }
}

function callProblems(module: TfModule, modules: ReadonlyMap<string, TfModule>, unread: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const call of module.moduleCalls.values()) {
    const at = `${call.file}: module "${call.name}"`;
    if (call.source === undefined) {
      problems.push(`${at} has no source; set source, e.g. source = "../modules/app-env"`);
      continue;
    }
    if (!isLocalSource(call.source)) continue; // a registry or remote module: terraform init checks it
    const dir = joinModulePath(module.dir, call.source);
    if (dir !== undefined && unread.has(dir)) continue; // its files do not all parse: terraform-parse says so
    const target = dir === undefined ? undefined : modules.get(dir);
    if (!target) {
      problems.push(`${at}: source "${call.source}" is ${dir === undefined ? 'outside the bundle' : `${dir}, which holds no .tf file in the bundle`}; point it at a module directory of the bundle`);
      continue;
    }
    for (const input of call.inputs) {
      if (target.variables.has(input)) continue;
      problems.push(`${at} passes ${input}, but ${target.dir} declares no variable "${input}"${hint(input, target.variables.keys(), (n) => n)}; remove the argument or declare the variable`);
    }
    for (const variable of target.variables.values()) {
      if (variable.hasDefault || call.inputs.includes(variable.name)) continue;
      problems.push(`${at} does not pass ${variable.name}, which ${target.dir} requires (no default, ${variable.file}); pass ${variable.name} = … or give the variable a default`);
    }
  }
  return problems;
}

/**
 * Every problem of every module, module by module (in path order), references before calls. The
 * `unread` directories (a file there does not parse) are neither checked nor checked against.
 */
export function referenceProblems(modules: ReadonlyMap<string, TfModule>, unread: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  for (const dir of [...modules.keys()].sort()) {
    const module = modules.get(dir);
    if (!module || unread.has(dir)) continue;
    const seen = new Set<string>();
    for (const ref of module.references) {
      const problem = dangling(module, ref, modules, unread);
      if (problem && !seen.has(problem)) {
        seen.add(problem);
        problems.push(problem);
      }
    }
    problems.push(...callProblems(module, modules, unread));
  }
  return problems;
}

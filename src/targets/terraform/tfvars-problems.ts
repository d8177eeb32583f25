/**
 * A root module's variable files (`*.tfvars`, `*.tfvars.json` in the root directory) against the
 * variables the root declares: every key declared, every value a literal that fits the declared
 * type, null only where the variable is nullable, and every variable without a default given.
 */
import type { TfModule } from './modules.js';
import { describeType, parseType, typeMisfits, TypeSyntaxError } from './type-fit.js';

export const isTfvarsFile = (path: string): boolean => /\.tfvars(\.json)?$/.test(path);

/** The variable files directly in a directory, in path order. */
export function tfvarsFilesOf(dir: string, paths: Iterable<string>): string[] {
  return [...paths].filter((p) => isTfvarsFile(p) && p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/')).sort();
}

/**
 * A value from a parsed HCL tfvars file (template form) as Terraform reads it: `$${` and `%%{`
 * are literal `${` and `%{`; an interpolation or directive left in a string means the file holds an
 * expression, which a variable file cannot (the paths of those go to `expressions`).
 */
export function literalOf(value: unknown, path: string, expressions: string[]): unknown {
  if (typeof value === 'string') {
    let out = '';
    for (let i = 0; i < value.length; i++) {
      const ch = value[i] ?? '';
      const next = value[i + 1];
      if ((ch === '$' || ch === '%') && next === ch && value[i + 2] === '{') {
        out += `${ch}{`;
        i += 2;
      } else if ((ch === '$' || ch === '%') && next === '{') {
        expressions.push(path);
        return value;
      } else out += ch;
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((item, i) => literalOf(item, `${path}[${i}]`, expressions));
  if (value !== null && typeof value === 'object') {
    // Map keys are templates too: `"$${a}" = 1` is the key `${a}`.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [literalOf(k, `${path} (a key)`, expressions), literalOf(v, `${path}.${k}`, expressions)]));
  }
  return value;
}

/** One variable file's values (literal), as read from its parsed form. */
export interface TfvarsFile {
  path: string;
  values: Record<string, unknown>;
  /** Paths of values that are expressions (HCL files only). */
  expressions: string[];
}

export function readTfvarsFile(path: string, parsed: Record<string, unknown>, format: 'hcl' | 'json'): TfvarsFile {
  const expressions: string[] = [];
  const values = format === 'json' ? parsed : Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, literalOf(v, k, expressions)]));
  return { path, values, expressions };
}

export function tfvarsProblems(root: TfModule, files: readonly TfvarsFile[]): string[] {
  const problems: string[] = [];
  const given = new Set<string>();
  for (const file of files) {
    for (const path of file.expressions) problems.push(`${file.path}: ${path} is an expression; a variable file holds literal values only (write the value itself, or escape a literal \${ as $\${)`);
    for (const [name, value] of Object.entries(file.values)) {
      given.add(name);
      const variable = root.variables.get(name);
      if (!variable) {
        problems.push(`${file.path}: ${name} is not a variable of ${root.dir}; remove it, or declare variable "${name}" in ${root.dir}`);
        continue;
      }
      if (file.expressions.some((p) => p === name || p.startsWith(`${name}.`) || p.startsWith(`${name}[`))) continue;
      if (value === null) {
        if (!variable.nullable) problems.push(`${file.path}: ${name} is null, but variable "${name}" (${variable.file}) is not nullable; give a value or remove the line`);
        continue;
      }
      if (variable.type === undefined) continue;
      let type;
      try {
        type = parseType(variable.type);
      } catch (error) {
        if (!(error instanceof TypeSyntaxError)) throw error;
        problems.push(`${variable.file}: variable "${name}": cannot read its type: ${error.message}`);
        continue;
      }
      for (const misfit of typeMisfits(type, value, name)) problems.push(`${file.path}: ${misfit} (variable "${name}" in ${variable.file} is ${describeType(type)}); fix the value`);
    }
  }
  for (const variable of root.variables.values()) {
    if (variable.hasDefault || given.has(variable.name)) continue;
    const where = files.length > 0 ? files.map((f) => f.path).join(', ') : `${root.dir}/terraform.tfvars (there is no variable file)`;
    problems.push(`${root.dir}: variable "${variable.name}" (${variable.file}) has no default and no value in ${where}; set ${variable.name} there`);
  }
  return problems;
}

/**
 * The embedded checks of a Terraform bundle, for any cloud: every Terraform file parses, every
 * reference resolves, and each root module's variable files fit its declared variables. They share
 * one parse of the bundle, done in their prepare (the HCL parser is WebAssembly, started only here).
 */
import type { BundleFiles, EmbeddedCheck } from '../../checks/types.js';
import { parseHclFiles, type HclJson, type KnownParses } from './hcl.js';
import { dirOf, groupModules, type TfModule } from './modules.js';
import { referenceProblems } from './reference-problems.js';
import { readTfvarsFile, tfvarsFilesOf, tfvarsProblems, type TfvarsFile } from './tfvars-problems.js';

/** The files the HCL parser reads: configuration, variable files and test files. */
export const isHclFile = (path: string): boolean => path.endsWith('.tf') || path.endsWith('.tfvars') || path.endsWith('.tftest.hcl');

interface ParsedBundle {
  /** Parsed HCL and JSON files, by path. */
  json: Map<string, HclJson>;
  /** Syntax problems, `path:line:col: message`, in path order. */
  syntax: string[];
  /** Directories with a file that does not parse. */
  broken: Set<string>;
  modules: Map<string, TfModule>;
}

const parsing = new WeakMap<BundleFiles, Promise<ParsedBundle>>();
const parsed = new WeakMap<BundleFiles, ParsedBundle>();

async function parseBundle(files: BundleFiles, known: KnownParses): Promise<ParsedBundle> {
  const hcl = new Map([...files].filter(([path]) => isHclFile(path)));
  const results = await parseHclFiles(hcl, known);
  const bundle: ParsedBundle = { json: new Map(), syntax: [], broken: new Set(), modules: new Map() };
  const jsonFiles = [...files.keys()].filter((p) => p.endsWith('.tfvars.json'));
  for (const path of [...hcl.keys(), ...jsonFiles].sort()) {
    const result = results.get(path);
    if (result === undefined) {
      try {
        bundle.json.set(path, JSON.parse(files.get(path) ?? '') as HclJson);
      } catch (error) {
        bundle.syntax.push(`${path}: not valid JSON: ${(error as Error).message}; fix the file (or re-generate the bundle)`);
        bundle.broken.add(dirOf(path));
      }
    } else if (result.ok) {
      bundle.json.set(path, result.json);
    } else {
      bundle.syntax.push(result.problem);
      bundle.broken.add(dirOf(path));
    }
  }
  bundle.modules = groupModules(bundle.json);
  return bundle;
}

/**
 * Parse the bundle's Terraform files once per file set (the checks of one run share it); `known`: the
 * target's build-time parses of its static files.
 */
export function prepareTerraform(files: BundleFiles, known: KnownParses = new Map()): Promise<ParsedBundle> {
  let promise = parsing.get(files);
  if (!promise) {
    promise = parseBundle(files, known).then((bundle) => {
      parsed.set(files, bundle);
      return bundle;
    });
    parsing.set(files, promise);
  }
  return promise;
}

function parsedOf(files: BundleFiles): ParsedBundle {
  const bundle = parsed.get(files);
  if (!bundle) throw new Error('internal: a Terraform check ran before its prepare');
  return bundle;
}

function parseCheck(roots: readonly string[]): string[] | undefined {
  return roots.length === 0 ? ['no Terraform root module is declared for this target'] : undefined;
}

function referencesCheck(files: BundleFiles): string[] {
  const bundle = parsedOf(files);
  const skipped = [...bundle.broken].filter((dir) => bundle.modules.has(dir)).map((dir) => `${dir}: not cross-checked, a file there does not parse (see terraform-parse); fix it first`);
  return [...skipped, ...referenceProblems(bundle.modules, bundle.broken)];
}

function tfvarsCheck(files: BundleFiles, roots: readonly string[]): string[] {
  const bundle = parsedOf(files);
  const problems: string[] = [];
  for (const root of roots) {
    const module = bundle.modules.get(root);
    if (!module) {
      problems.push(`${root}: no .tf file, so no variables to check the variable files against; the bundle is incomplete (re-generate it)`);
      continue;
    }
    if (bundle.broken.has(root)) {
      problems.push(`${root}: not checked, a file there does not parse (see terraform-parse); fix it first`);
      continue;
    }
    const tfvars: TfvarsFile[] = tfvarsFilesOf(root, files.keys()).flatMap((path) => {
      const json = bundle.json.get(path);
      return json ? [readTfvarsFile(path, json, path.endsWith('.json') ? 'json' : 'hcl')] : [];
    });
    problems.push(...tfvarsProblems(module, tfvars));
  }
  return problems;
}

export function terraformEmbeddedChecks(roots: readonly string[], known: KnownParses = new Map()): EmbeddedCheck[] {
  const prepare = (files: BundleFiles) => prepareTerraform(files, known);
  return [
    {
      id: 'terraform-parse',
      title: 'every Terraform file parses (.tf, .tfvars, .tfvars.json, .tftest.hcl)',
      prepare,
      run: (files) => parseCheck(roots) ?? parsedOf(files).syntax,
    },
    {
      id: 'terraform-references',
      title: 'Terraform references resolve in their module, and module calls fit the modules they call',
      prepare,
      run: referencesCheck,
    },
    {
      id: 'terraform-tfvars',
      title: `variable files set only declared variables, with values of their types, and every required one (${roots.join(', ')})`,
      prepare,
      run: (files) => tfvarsCheck(files, roots),
    },
  ];
}


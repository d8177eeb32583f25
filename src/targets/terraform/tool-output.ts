/**
 * What terraform's output means: `init` that could not install a provider (a SKIP: the bundle is not
 * at fault, the machine lacks registry access or a mirror), `fmt -check -diff`, `validate -json`
 * diagnostics as one line each, and `test` failures.
 */
import type { Interpretation, ToolRun } from '../../checks/types.js';
import { joinModulePath } from './reference-problems.js';

/** Terraform's boxed messages on one line each: box drawing and wrapping taken out. */
function flatten(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^[\s│╷╵]+/u, '').trimEnd())
    .join('\n')
    .replace(/\n(?!\n)/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

const PROVIDER_UNAVAILABLE = /Failed to query available provider packages|could not connect to registry\.terraform\.io|Failed to install provider|was not found in any of the search locations/;

/** `terraform init`: a provider that could not be installed is a skip naming it; any other failure a problem. */
export function initOutcome(run: ToolRun): Interpretation {
  if (run.exitCode === 0) return [];
  const text = flatten(`${run.stderr}\n${run.stdout}`);
  if (PROVIDER_UNAVAILABLE.test(text)) {
    const providers = [...new Set([...text.matchAll(/(?:for provider|provider) (?:registry\.terraform\.io\/)?([a-z0-9-]+\/[a-z0-9-]+)/gi)].map((m) => (m[1] ?? '').toLowerCase()))];
    const named = providers.length > 0 ? providers.join(', ') : 'a provider';
    const why = /Error: ([^\n]*?)(?= To see|$)/m.exec(text)?.[1]?.trim();
    return {
      skip:
        `terraform init could not install ${named}${why ? ` (${why.slice(0, 400)})` : ''}; ` +
        `point TF_CLI_CONFIG_FILE at a CLI config with a filesystem_mirror holding ${named}, or allow registry access`,
    };
  }
  return [text.trim() || `terraform init exited with code ${run.exitCode}`];
}

/** `terraform fmt -check -recursive -diff` in `dir`: each file it would change, then its diff. */
export function fmtProblems(run: ToolRun, dir: string): string[] {
  if (run.exitCode === 0) return [];
  const lines = run.stdout.split('\n');
  const files = lines.filter((l) => /^[^\s+\-@].*\.(tf|tfvars|tftest\.hcl)$/.test(l.trim()) && !l.startsWith('---') && !l.startsWith('+++'));
  const shown = (f: string) => (dir === '.' ? f.trim() : `${dir}/${f.trim()}`);
  const problems = files.map((f) => `${shown(f)} is not formatted as terraform fmt writes it; run \`terraform fmt -recursive ${dir}\``);
  const diff = lines.filter((l) => !files.includes(l)).join('\n').trim();
  if (problems.length === 0) return [flatten(run.stderr).trim() || `terraform fmt exited with code ${run.exitCode}`];
  return diff ? [...problems, diff] : problems;
}

interface Diagnostic {
  severity?: string;
  summary?: string;
  detail?: string;
  range?: { filename?: string; start?: { line?: number } };
}

/** `terraform validate -json` in root `dir`: each error diagnostic as `file:line: summary — detail`. */
export function validateProblems(run: ToolRun, dir: string): string[] {
  let report: { valid?: boolean; diagnostics?: Diagnostic[] };
  try {
    report = JSON.parse(run.stdout) as typeof report;
  } catch {
    return [flatten(`${run.stderr}\n${run.stdout}`).trim() || `terraform validate exited with code ${run.exitCode} without JSON`];
  }
  const errors = (report.diagnostics ?? []).filter((d) => d.severity === 'error');
  const problems = errors.map((d) => {
    const file = d.range?.filename ? (joinModulePath(dir, d.range.filename) ?? d.range.filename) : dir;
    const line = d.range?.start?.line;
    const detail = d.detail ? ` — ${d.detail.replace(/\s+/g, ' ').trim()}` : '';
    return `${file}${line ? `:${line}` : ''}: ${d.summary ?? 'error'}${detail}`;
  });
  if (problems.length === 0 && report.valid === false) return [`${dir}: terraform validate reports the configuration invalid without an error diagnostic`];
  return problems;
}

/**
 * One `Error:` block of terraform's plain (-no-color) output as one line:
 * `dir/file:line: summary — message (values)`.
 */
function errorBlockLine(block: string, dir: string): string {
  const lines = block.split('\n');
  const summary = (lines[0] ?? '').replace(/^Error: /, '').trim();
  const at = lines.map((l) => /^\s*on (\S+) line (\d+)/.exec(l)).find(Boolean);
  const where = at ? `${joinModulePath(dir, at[1] ?? '') ?? at[1]}:${at[2]}` : dir;
  const values = lines.filter((l) => /^\s*│ /.test(l)).map((l) => l.replace(/^\s*│ /, '').trim());
  const paragraphs = block.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1] : undefined;
  const message = last && !/^\s*on \S+ line/.test(last) && !last.includes('│') && !/^\d+:/.test(last) ? ` — ${last.replace(/\s+/g, ' ')}` : '';
  return `${where}: ${summary}${message}${values.length > 0 ? ` (${values.join('; ')})` : ''}`;
}

/** `terraform test`: the failed runs, then each error as one line, then the summary. */
export function testProblems(run: ToolRun, dir: string): string[] {
  if (run.exitCode === 0) return [];
  const out = `${run.stdout}\n${run.stderr}`;
  const failed = run.stdout
    .split('\n')
    .map((l) => /^\s*run "([^"]+)"\.\.\. fail$/.exec(l)?.[1])
    .filter((name): name is string => name !== undefined)
    .map((name) => `${dir}: run "${name}" failed`);
  const errors = `\n${run.stderr}`
    .split(/\n(?=Error: )/)
    .filter((b) => b.startsWith('Error: '))
    .map((b) => errorBlockLine(b.trimEnd(), dir));
  const summary = out.split('\n').find((l) => /^Failure!|^Success!/.test(l.trim()))?.trim();
  const problems = [...failed, ...errors, ...(summary ? [summary] : [])];
  return problems.length > 0 ? problems : [flatten(out).trim() || `terraform test exited with code ${run.exitCode}`];
}

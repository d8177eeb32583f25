/** How a generate run is printed: the file list and the checks' outcome, or the JSON document. */
import type { GenerateResult } from '../bundle/generate.js';
import { changeLine, colorDiff, escapeControl, type Output } from './output.js';

export function printGenerateResult(out: Output, result: GenerateResult): void {
  if (out.json) {
    out.data({
      ok: result.outcome === 0,
      mode: result.mode,
      out: result.out,
      preset: result.preset,
      target: result.target,
      committed: result.committed,
      files: result.changes.map(({ path, action, reason, diff }) => ({ path, action, ...(reason ? { reason } : {}), ...(diff && result.mode === 'dry-run' ? { diff } : {}) })),
      checks: result.checks,
      warnings: result.warnings,
      errors: [],
    });
    return;
  }
  for (const note of result.notes) out.info(out.color.yellow(`note: ${escapeControl(note)}`));
  for (const w of result.warnings) out.info(out.color.yellow(escapeControl(`warning: ${w.key}: ${w.message}${w.hint ? ` (${w.hint})` : ''}`)));
  out.info(escapeControl(`${result.mode === 'dry-run' ? 'plan' : 'files'} for ${escapeControl(result.out)} (preset ${result.preset}):`));
  for (const change of result.changes) {
    out.info(changeLine(out, change));
    if (result.mode === 'dry-run' && change.diff && change.action !== 'create') out.info(colorDiff(out, change.diff));
  }
  const failed = result.checks.filter((c) => c.status === 'fail').length;
  const skipped = result.checks.filter((c) => c.status === 'skip').length;
  const checks = `${result.checks.length - failed - skipped} checks passed, ${failed} failed, ${skipped} skipped`;
  if (result.mode === 'dry-run') out.info('dry run: nothing written.');
  else if (result.mode === 'check') out.info(out.color.green(`up to date: no file would change in ${escapeControl(result.out)}.`));
  else if (result.committed) out.info(out.color.green(`wrote ${escapeControl(result.out)} (${checks}). Next: read ${escapeControl(result.out)}/README.md.`));
  else if (result.outcome === 0) out.info(out.color.green(`up to date: no file changed in ${escapeControl(result.out)} (${checks}).`));
  else out.info(out.color.red(`nothing written: ${checks}${result.outcome === 3 ? '; a required tool is missing or could not run' : ''}.`));
}

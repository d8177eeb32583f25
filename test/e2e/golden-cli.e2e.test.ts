/**
 * The built CLI (templates precompiled at build time, Handlebars runtime only) writes exactly the
 * golden bundles that the in-process renderer (templates compiled at run time) produces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli, VERSION, workspace, type Workspace } from './helpers.js';

const casesDir = join(ROOT, 'test', 'golden', 'cases');
const expectedDir = join(ROOT, 'test', 'golden', 'expected');
const cases = readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).sort();
/** Files that record the run (version, checks) rather than the deployment. */
const RECORDS = new Set(['starter-manifest.json', 'starter-report.json']);

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (RECORDS.has(path)) continue;
    try {
      out[path] = readFileSync(join(dir, path), 'utf8').replace(`starter-console ${VERSION}`, 'starter-console 0.0.0-golden');
    } catch {
      /* a directory */
    }
  }
  return out;
}

let ws: Workspace;
beforeAll(async () => {
  await ensureBuilt();
  ws = await workspace('golden-cli');
});
afterAll(() => ws.cleanup());

describe('the built CLI writes the golden bundles', () => {
  for (const caseFile of cases) {
    it(caseFile, async () => {
      const out = join(await ws.sub(caseFile.replace('.yaml', '')), 'deploy');
      const r = await runCli(['setup', 'wizard', '--non-interactive', '--answers-file', join(casesDir, caseFile), '--out', out, '--no-validate'], { tmp: ws.tmp });
      expect(r.code, r.stderr).toBe(0);
      expect(tree(out)).toEqual(tree(join(expectedDir, caseFile.replace('.yaml', ''))));
    });
  }
});

/**
 * Golden bundles: every case under cases/ rendered and compared byte for byte with expected/<case>/.
 * Update on purpose with `UPDATE_GOLDEN=1 npx vitest run test/golden` and review the diff. In CI a
 * missing golden file fails.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build.js';
import { resolveContract } from '../../src/targets/contract.js';
import { PRESETS } from '../../src/contract/presets.js';
import { TARGET_IDS } from '../../src/contract/literals.js';
import { parsePlainEnv } from '../../src/render/plain-env.js';
import { TARGETS } from '../targets.js';

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, 'cases');
const expectedDir = join(here, 'expected');
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).sort();

function render(caseFile: string) {
  const values = parse(readFileSync(join(casesDir, caseFile), 'utf8')) as Record<string, unknown>;
  const resolved = resolveContract([{ source: caseFile, values }]);
  if (!resolved.ok) throw new Error(`${caseFile}: ${JSON.stringify(resolved.problems)}`);
  const bundle = buildBundle({ contract: resolved.contract, target: TARGETS[resolved.contract.target], preset: resolved.preset, answers: resolved.answers, version: '0.0.0-golden', includeSecrets: false });
  return { resolved, files: [...bundle.files.map((f) => ({ path: f.path, content: f.content })), { path: 'starter-manifest.json', content: `${JSON.stringify(bundle.manifest, null, 2)}\n` }] };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(dir, p)).isFile())
    .map((p) => p.split('\\').join('/'))
    .sort();
}

describe('golden bundles', () => {
  it('cover every preset and every target', () => {
    const presets = new Set(cases.map((c) => (parse(readFileSync(join(casesDir, c), 'utf8')) as { preset: string }).preset));
    for (const preset of PRESETS) expect(presets, `preset ${preset.name} has no golden case`).toContain(preset.name);
    const targets = new Set(PRESETS.filter((p) => presets.has(p.name)).map((p) => p.target));
    for (const target of TARGET_IDS) expect(targets, `target ${target} has no golden case`).toContain(target);
  });

  for (const caseFile of cases) {
    const name = caseFile.replace(/\.yaml$/, '');
    it(`${name} matches expected/${name}`, () => {
      const { files } = render(caseFile);
      const dir = join(expectedDir, name);
      if (update) {
        rmSync(dir, { recursive: true, force: true });
        for (const f of files) {
          mkdirSync(dirname(join(dir, f.path)), { recursive: true });
          writeFileSync(join(dir, f.path), f.content);
        }
      }
      expect(listFiles(dir), `expected/${name} is missing or incomplete: run UPDATE_GOLDEN=1`).toEqual(files.map((f) => f.path).sort());
      for (const f of files) {
        expect(f.content, `${name}/${f.path}`).toBe(readFileSync(join(dir, f.path), 'utf8'));
      }
    });

    it(`${name} renders the same bytes twice`, () => {
      expect(render(caseFile).files).toEqual(render(caseFile).files);
    });

    if (name.startsWith('other-')) {
      // docker run --env-file and kubectl --from-env-file keep quotes literally (docker/cli issue 3630).
      it(`${name}: env files are plain NAME=value lines, no value quoted`, () => {
        const envFiles = listFiles(join(expectedDir, name)).filter((p) => /\.env(\.example)?$/.test(p));
        expect(envFiles.length).toBeGreaterThanOrEqual(3);
        for (const path of envFiles) {
          const entries = parsePlainEnv(readFileSync(join(expectedDir, name, path), 'utf8'));
          expect(entries.length, path).toBeGreaterThan(0);
          for (const entry of entries) {
            expect('value' in entry, `${path}: ${entry.name} has a value`).toBe(true);
            if ('value' in entry) expect(entry.value, `${path}: ${entry.name}`).not.toMatch(/^['"]|['"]$/);
          }
        }
      });
    }
  }
});

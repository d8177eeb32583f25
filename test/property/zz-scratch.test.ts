import { it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildBundle } from '../../src/bundle/build.js';
import { resolveContract } from '../../src/contract/resolve.js';
import { layer, VPS_ANSWERS } from '../fixtures.js';
it('dump', () => {
  const r = resolveContract([layer({ ...VPS_ANSWERS, api_public_url: 'https://api.example.com' })]);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const b = buildBundle({ contract: r.contract, preset: r.preset, answers: r.answers, version: '0.0.0', includeSecrets: true });
  for (const f of b.files) { const p = join('/tmp/scratch', f.path); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, f.content); }
  console.log(b.files.map((f) => f.path));
});

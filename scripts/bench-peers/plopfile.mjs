// The benchmark's plop peer (scripts/bench.mjs): renders the VPS bundle's Handlebars templates with
// the contexts recorded from a real generation (BENCH_PLOP_CONTEXTS) and the same helpers, which
// call the project's serializers (BENCH_PLOP_SERIALIZERS, bundled from src/render/serializers.ts).
// Plop compiles each template at run time and HTML-escapes plain {{expressions}} (helpers return
// SafeStrings here); there is no contract, no parse-back and no check: only rendering and writing.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

export default async function (plop) {
  const s = await import(pathToFileURL(process.env.BENCH_PLOP_SERIALIZERS).href);
  const safe = (f) => (value) => new plop.handlebars.SafeString(f(String(value)));
  const helpers = { yaml: s.yamlString, compose: s.composeString, dotenv: s.dotenvValue, caddy: s.caddyToken, sh: s.shellWord, code: s.markdownCode, text: (v) => v };
  for (const [name, f] of Object.entries(helpers)) plop.setHelper(name, safe(f));
  plop.setHelper('composeList', (value) => new plop.handlebars.SafeString(`[${value.map((item) => s.composeString(String(item))).join(', ')}]`));
  const renders = JSON.parse(readFileSync(process.env.BENCH_PLOP_CONTEXTS, 'utf8'));
  plop.setGenerator('vps', {
    description: 'the VPS bundle templates',
    prompts: [],
    actions: renders.map((r, i) => ({ type: 'add', path: `${String(i).padStart(2, '0')}-${basename(r.name)}`, templateFile: r.template, data: r.data, force: true })),
  });
}

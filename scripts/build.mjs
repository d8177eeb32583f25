// Bundles the CLI into one ESM file (dist/cli.js). Text assets (templates, presets) are inlined
// through the `?raw` import suffix, the same one the tests use, so the core never reads the disk.
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: new URL(args.path.slice(0, -'?raw'.length), `file://${args.resolveDir}/`).pathname,
      namespace: 'raw-text',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

await build({
  entryPoints: ['src/cli/index.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [rawText],
  legalComments: 'none',
  logLevel: 'warning',
});

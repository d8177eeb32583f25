// Bundles the CLI into one ESM file (dist/cli.js). Text assets (templates, presets) are inlined
// through the `?raw` import suffix, the same one the tests use, so the core never reads the disk.
import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import Handlebars from 'handlebars';
import { build } from 'esbuild';
import { esbuildBuildTimeModules } from './build-time-modules.mjs';

await rm('dist', { recursive: true, force: true });

const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: new URL(args.path.slice(0, -'?raw'.length), `file://${args.resolveDir}/`).pathname,
      namespace: 'raw-text',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!args.path.endsWith('.hbs')) return { contents: text, loader: 'text' };
      // Handlebars templates are precompiled here, with the options the engine uses, so the CLI
      // ships only the Handlebars runtime and never compiles a template at run time.
      const spec = Handlebars.precompile(text, { strict: true, noEscape: true });
      return { contents: `export default { precompiled: ${spec} };`, loader: 'js' };
    });
  },
};

// Data computed here instead of on every run (scripts/build-time-modules.mjs): JSON Schemas as Ajv
// standalone validators (`?validator`), YAML files already parsed (`?yaml`, `?yaml-1.1`).
const result = await build({
  entryPoints: { cli: 'src/cli/index.ts' },
  outdir: 'dist',
  // Dependencies are bundled too, so start-up pays no module resolution; code split per command
  // so `--version` does not load the renderer, the schema compiler or the tool runner.
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [rawText, esbuildBuildTimeModules],
  // Templates arrive precompiled (above): the runtime is all the CLI needs.
  alias: { handlebars: 'handlebars/runtime' },
  // The HCL parser finds its WebAssembly (main.wasm.gz) and Go glue next to its own files at run
  // time (__dirname): it stays a package of node_modules, imported only by the Terraform checks.
  external: ['@cdktf/hcl2json'],
  legalComments: 'none',
  logLevel: 'warning',
  metafile: Boolean(process.env.BUILD_METAFILE),
});
// The top-level help as main() prints it to a pipe (width 80, no colour: commander reads no terminal
// then), inlined into the entry point so `--help` does not load commander (src/cli/index.ts).
const marker = JSON.stringify('@@STARTER_CONSOLE_PIPED_HELP@@');
const entry = await readFile('dist/cli.js', 'utf8');
if (!entry.includes(marker)) throw new Error('build: the help marker is missing from dist/cli.js');
const { NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE, ...helpEnv } = process.env;
const help = spawnSync(process.execPath, ['dist/cli.js', '--help'], { encoding: 'utf8', env: helpEnv, stdio: ['ignore', 'pipe', 'pipe'] });
if (help.status !== 0 || !help.stdout) throw new Error(`build: starter-console --help failed (exit ${help.status}): ${help.stderr}`);
await writeFile('dist/cli.js', entry.replaceAll(marker, JSON.stringify(help.stdout)));
// BUILD_METAFILE=path writes esbuild's metafile (which inputs went into which chunk), for size work.
if (process.env.BUILD_METAFILE) await writeFile(process.env.BUILD_METAFILE, JSON.stringify(result.metafile));

import { dirname, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';
import { moduleFor, splitSuffix } from './scripts/build-time-modules.mjs';

/** The build's `?validator` and `?yaml` modules (scripts/build-time-modules.mjs), so tests run the CLI's generated code. */
const buildTimeModules: Plugin = {
  name: 'build-time-modules',
  enforce: 'pre',
  resolveId(id, importer) {
    const split = splitSuffix(id);
    if (!split || !importer) return undefined;
    return `\0build-time:${resolve(dirname(importer), split.path)}${split.suffix}`;
  },
  load(id) {
    if (!id.startsWith('\0build-time:')) return undefined;
    const split = splitSuffix(id.slice('\0build-time:'.length));
    return split ? moduleFor(split.path, split.suffix) : undefined;
  },
};

export default defineConfig({
  plugins: [buildTimeModules],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Real-tool and end-to-end tests spawn processes; two workers match the machines' two cores.
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Real-tool and end-to-end tests spawn processes; two workers match the machines' two cores.
    maxWorkers: 2,
  },
});

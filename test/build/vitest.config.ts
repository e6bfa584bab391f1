// The build tier (`npm run test:build`): scaffolded apps built into real components. Kept apart
// from `npm test` (minutes, ~1.3 GB per componentize); files are `test/build/**/*.build.ts`.
// One file at a time: the 2-core machine runs one `jco componentize` at once.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/build/**/*.build.ts'],
    testTimeout: 10 * 60_000,
    hookTimeout: 15 * 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});

/**
 * The root vitest.config.ts only collects `src/` and `test/`: this one runs the
 * screen-pop benchmark's own unit tests (`npx vitest run --config bench/screenpop/vitest.config.ts`).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['bench/screenpop/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});

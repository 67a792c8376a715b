import { defineConfig } from 'vitest/config';

/**
 * End-to-end suites: a real browser (Debian's chromium via playwright-core) against the
 * real server on the simulated phone system. Run with
 *   npx vitest run --config test/e2e/vitest.config.ts
 * The global setup builds web/dist once; each file starts its own server (free port,
 * temporary data dir) so flows never share call state.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

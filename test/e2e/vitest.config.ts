import { spawnSync } from 'node:child_process';
import { defineConfig } from 'vitest/config';

/**
 * End-to-end suites: a real browser (Debian's chromium via playwright-core) against the
 * real server on the simulated phone system. Run with
 *   npx vitest run --config test/e2e/vitest.config.ts
 * The global setup builds web/dist once; each file starts its own server (free port,
 * temporary data dir) so flows never share call state.
 *
 * Without chromium every file here would fail: the whole browser suite is skipped, and
 * said so (with the install line); with REQUIRE_PEERS=1 (CI) that is an error.
 */
const chromium = spawnSync('which', ['chromium']).status === 0;
if (!chromium) {
  const line = 'skipped the browser suites (test/e2e): chromium not installed — `apt-get install chromium`';
  if (process.env.REQUIRE_PEERS === '1') throw new Error(`${line}; REQUIRE_PEERS=1 requires every peer suite to run`);
  process.stdout.write(`${line}\n`);
}

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: chromium ? ['test/e2e/**/*.e2e.ts'] : [],
    passWithNoTests: !chromium,
    globalSetup: chromium ? ['test/support/peer-report.ts', 'test/e2e/support/global-setup.ts'] : [],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

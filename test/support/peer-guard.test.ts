/**
 * Issue 12 §1: a suite that needs a real peer never passes silently. Every test file goes
 * through `describeWith` / `itWith` (test/support/peers.ts), which record the skip and
 * print it at the end of the run; a bare `skipIf(!hasBinary(…))` or `if (hasBinary(…))`
 * would skip without a word (or leave a file with no suite, which vitest counts as failed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarise } from './peer-report.js';

const root = new URL('../..', import.meta.url).pathname;
const testFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
  const p = join(dir, d.name);
  if (d.isDirectory()) return d.name === 'node_modules' ? [] : testFiles(p);
  return /\.(test|e2e)\.tsx?$/.test(d.name) ? [p] : [];
});

describe('peer suites skip visibly', () => {
  it('no test file skips on a peer check of its own (skipIf/runIf/if on hasBinary or TEST_DATABASE_URL)', () => {
    const silent = [...testFiles(join(root, 'test')), ...testFiles(join(root, 'src')), ...testFiles(join(root, 'web'))]
      .filter((f) => f !== new URL(import.meta.url).pathname)
      .filter((f) => /(skipIf|runIf)\(\s*!?\s*(hasBinary|HAVE|process\.env\.TEST_DATABASE_URL)|if\s*\(\s*!?\s*hasBinary\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(silent, 'use describeWith/itWith from test/support/peers.ts').toEqual([]);
  });

  it('the summary names each missing peer once, with what was skipped and the install line', () => {
    const lines = summarise([
      { peers: ['baresip'], file: 'a.test.ts', kind: 'suite' },
      { peers: ['baresip', 'sipp'], file: 'b.test.ts', kind: 'suite' },
      { peers: ['baresip'], file: 'c.test.ts', kind: 'suite' },
      { peers: ['svwar'], file: 'c.test.ts', kind: 'test' },
      { peers: ['postgresql'], file: 'd.test.ts', kind: 'dialect' },
    ]);
    expect(lines).toEqual([
      'skipped 3 suites: baresip not installed — `apt-get install baresip-core`',
      'skipped 1 suite: sipp not installed — `apt-get install sip-tester`',
      'skipped 1 test: sipvicious (svwar) not installed — `apt-get install sipvicious`',
      'skipped the PostgreSQL half of 1 database test file: PostgreSQL not configured (TEST_DATABASE_URL unset) — `apt-get install postgresql, then set TEST_DATABASE_URL as .ci/run does`',
    ]);
  });
});

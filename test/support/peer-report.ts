/**
 * Global setup of the test runs: gives the test files a folder to record the suites they
 * skip for want of a real peer (`peers.ts`), and prints them once at the end of the run:
 *
 *   skipped 3 suites: baresip not installed — `apt-get install baresip-core`
 *
 * With REQUIRE_PEERS=1 (CI) any such skip fails the run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PEERS, type PeerName, type PeerSkip } from './peers.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary lines, one per missing peer (a suite missing two peers counts under each). */
export const summarise = (skips: readonly PeerSkip[]): string[] => {
  const byPeer = new Map<PeerName, PeerSkip[]>();
  for (const s of skips) for (const p of s.peers) byPeer.set(p, [...(byPeer.get(p) ?? []), s]);
  return [...byPeer].map(([peer, list]) => {
    const count = (kind: PeerSkip['kind']): number => list.filter((s) => s.kind === kind).length;
    const what = [
      count('suite') > 0 ? plural(count('suite'), 'suite') : '',
      count('test') > 0 ? plural(count('test'), 'test') : '',
      count('dialect') > 0 ? `the PostgreSQL half of ${plural(count('dialect'), 'database test file')}` : '',
    ].filter(Boolean).join(' and ');
    return `skipped ${what}: ${PEERS[peer].missing} — \`${PEERS[peer].install}\``;
  });
};

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'sb-peer-skips-'));
  project.provide('peerSkipsDir', dir);
  return () => {
    const skips = readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as PeerSkip));
    rmSync(dir, { recursive: true, force: true });
    if (skips.length === 0) return;
    const lines = summarise(skips);
    const files = [...new Set(skips.map((s) => relative(process.cwd(), s.file)))].sort();
    process.stdout.write(`\n${lines.join('\n')}\n  in ${files.join(', ')}\n`);
    if (process.env.REQUIRE_PEERS === '1') {
      process.stdout.write('REQUIRE_PEERS=1: every peer suite must run here; failing the run.\n');
      process.exitCode = 1;
    }
  };
}

/**
 * Suites that need a real peer (a SIP phone, a load generator, a browser, PostgreSQL)
 * skip VISIBLY when it is missing: each skip is recorded, and the run ends with one line
 * per missing peer and the command that installs it (`peer-report.ts`, the global setup).
 * With `REQUIRE_PEERS=1` (what `.ci/run` sets) a missing peer fails the run instead:
 * CI must run every peer suite.
 *
 *   describeWith(['baresip'])('audio through the SIP provider', () => { … });
 *   describeWith(['baresip']).each(DIALECTS)('… (%s)', (dialect) => { … });
 *   itWith(['svwar'])('svwar finds nothing', async () => { … });
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

export type PeerName = 'baresip' | 'sipp' | 'sipsak' | 'svwar' | 'svcrack' | 'kamailio' | 'chromium' | 'postgresql';

interface Peer {
  present: () => boolean;
  /** What the summary line says is missing. */
  missing: string;
  install: string;
}

const onPath = (name: string): boolean => spawnSync('which', [name]).status === 0;

export const PEERS: Record<PeerName, Peer> = {
  baresip: { present: () => onPath('baresip'), missing: 'baresip not installed', install: 'apt-get install baresip-core' },
  sipp: { present: () => onPath('sipp'), missing: 'sipp not installed', install: 'apt-get install sip-tester' },
  sipsak: { present: () => onPath('sipsak'), missing: 'sipsak not installed', install: 'apt-get install sipsak' },
  svwar: { present: () => onPath('svwar'), missing: 'sipvicious (svwar) not installed', install: 'apt-get install sipvicious' },
  svcrack: { present: () => onPath('svcrack'), missing: 'sipvicious (svcrack) not installed', install: 'apt-get install sipvicious' },
  kamailio: { present: () => onPath('kamailio'), missing: 'kamailio not installed', install: 'apt-get install kamailio' },
  chromium: { present: () => onPath('chromium'), missing: 'chromium not installed', install: 'apt-get install chromium' },
  postgresql: {
    present: () => (process.env.TEST_DATABASE_URL ?? '') !== '',
    missing: 'PostgreSQL not configured (TEST_DATABASE_URL unset)',
    install: 'apt-get install postgresql, then set TEST_DATABASE_URL as .ci/run does',
  },
};

const known = new Map<PeerName, boolean>();
/** Whether the peer is here (looked up once per test file). */
export const hasPeer = (name: PeerName): boolean => {
  let v = known.get(name);
  if (v === undefined) known.set(name, v = PEERS[name].present());
  return v;
};

/** One skipped suite or test, as the global setup collects them. */
/** `dialect`: a database test file whose PostgreSQL half did not run. */
export interface PeerSkip { peers: PeerName[]; file: string; kind: 'suite' | 'test' | 'dialect' }

/** Records that the suite or test now being collected is skipped for want of `missing`. */
export const recordSkip = (missing: PeerName[], kind: PeerSkip['kind']): void => {
  const dir = inject('peerSkipsDir');
  if (dir === undefined || dir === '') return;
  const skip: PeerSkip = { peers: missing, file: expect.getState().testPath ?? '?', kind };
  appendFileSync(join(dir, `skips-${process.pid}.jsonl`), `${JSON.stringify(skip)}\n`);
};

const missingOf = (peers: readonly PeerName[]): PeerName[] => peers.filter((p) => !hasPeer(p));

/** `describe` when every peer is here, else a skipped `describe` (recorded). */
export const describeWith = (peers: readonly PeerName[]) => {
  const missing = missingOf(peers);
  if (missing.length > 0) recordSkip(missing, 'suite');
  return describe.skipIf(missing.length > 0);
};

/** `it` when every peer is here, else a skipped `it` (recorded). */
export const itWith = (peers: readonly PeerName[]) => {
  const missing = missingOf(peers);
  if (missing.length > 0) recordSkip(missing, 'test');
  return it.skipIf(missing.length > 0);
};

declare module 'vitest' {
  export interface ProvidedContext {
    peerSkipsDir: string;
  }
}

/**
 * RTP port ranges for the real phones, reserved ACROSS processes. Test files run in
 * parallel forks (and other checkouts may run theirs on the same machine); two baresip
 * phones given overlapping `rtp_ports` can both end up receiving on one port, and then a
 * phone hears nothing: the audio tests failed 1 in 3 on a busy machine that way. Each
 * range is claimed with an exclusive lock file naming its owner's PID (a dead owner's
 * lock is taken over), checked free for UDP, and released when the process exits.
 *
 * The ranges lie below Linux's ephemeral ports (32768–60999), where the relay and every
 * `bind(0)` socket of the server under test land, so a phone never races the relay.
 */
import dgram from 'node:dgram';
import { mkdirSync, openSync, closeSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const FIRST = 20_000;
const LAST = 32_000;
const lockDir = path.join(tmpdir(), 'switchboard-rtp-locks');
const mine = new Set<string>();

process.once('exit', () => {
  for (const f of mine) {
    try { unlinkSync(f); } catch { /* already gone */ }
  }
});

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock file, or takes it over from a dead owner; false when a live process holds it. */
const claim = (file: string): boolean => {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      mine.add(file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) return false;
      try { unlinkSync(file); } catch { /* another process took it over first */ }
    }
  }
  return false;
};

const udpFree = (port: number): Promise<boolean> => new Promise((resolve) => {
  const s = dgram.createSocket('udp4');
  s.once('error', () => resolve(false));
  s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
});

/** The first port of `size` consecutive UDP ports that no other test process holds. */
export const reserveRtpRange = async (size = 20): Promise<number> => {
  mkdirSync(lockDir, { recursive: true });
  const slots = Math.floor((LAST - FIRST) / size);
  const start = Math.floor(Math.random() * slots);
  for (let i = 0; i < slots; i++) {
    const base = FIRST + ((start + i) % slots) * size;
    const file = path.join(lockDir, `${base}-${size}`);
    if (!claim(file)) continue;
    const ports = Array.from({ length: size }, (_, k) => base + k);
    if ((await Promise.all(ports.map(udpFree))).every(Boolean)) return base;
    // held by something outside these tests: keep the lock (so nobody retries it) and move on
  }
  throw new Error(`no free RTP range of ${size} ports in ${FIRST}–${LAST}`);
};

/** Gives a range back (its phone has stopped). */
export const releaseRtpRange = (base: number, size = 20): void => {
  const file = path.join(lockDir, `${base}-${size}`);
  if (!mine.delete(file)) return;
  try { unlinkSync(file); } catch { /* already gone */ }
};

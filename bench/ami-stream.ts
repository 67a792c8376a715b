/**
 * Builds a busy Asterisk's AMI byte stream from the recorded sessions: many copies of the
 * fixtures' calls, interleaved in time, each copy with its own Uniqueids, Linkedids, channel
 * names and bridge ids, so the mapper sees thousands of distinct overlapping calls.
 */
import { loadFixture, FIXTURE_IDS, type FixtureId } from '../test/asterisk/ami-fixtures.js';

export interface TemplateMessage {
  /** ms since the scenario's start. */
  t: number;
  data: string;
}

/** Every received event of S01–S14 but S13 (its restart closes the link), with its time. */
export const loadTemplates = (): TemplateMessage[][] => FIXTURE_IDS
  .filter((id: FixtureId) => id !== 'S13')
  .map((id) => loadFixture(id).lines
    .filter((l) => l.dir === 'recv' && l.data.startsWith('Event:'))
    .map((l) => ({ t: l.t, data: l.data })));

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** Gives copy `copy` of a recorded message its own identifiers. */
export const rewriteForCopy = (data: string, copy: number): string => data
  // Uniqueid / Linkedid `<epoch>.<sequence>`: sequences stay below 100 in the recordings.
  .replace(/\b(\d{10})\.(\d+)\b/g, (_m, epoch: string, seq: string) => `${epoch}.${copy * 1000 + Number(seq)}`)
  // Channel names `PJSIP/6001-0000001c`, `Local/6002@from-internal-00000000;1`.
  .replace(/((?:PJSIP|Local)\/\S+?)-([0-9a-f]{8})\b/g, (_m, base: string, seq: string) => `${base}-${hex8(copy * 0x100 + parseInt(seq, 16))}`)
  // Bridge ids (UUIDs).
  .replace(/\b[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g, (_m, rest: string) => `${hex8(copy)}${rest}`);

/** A small deterministic PRNG (mulberry32), so every run interleaves the same way. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * `copies` calls started at random times within `spreadMs`, merged by time: the stream a
 * PBX with about `copies × (call length / spreadMs)` calls in progress would send.
 */
export const interleave = (templates: TemplateMessage[][], copies: number, spreadMs: number, firstCopy = 0, seed = 7): string[] => {
  const random = prng(seed + firstCopy);
  const timed: Array<{ at: number; data: string }> = [];
  for (let i = 0; i < copies; i += 1) {
    const copy = firstCopy + i;
    const template = templates[copy % templates.length] ?? [];
    const offset = random() * spreadMs;
    for (const m of template) timed.push({ at: offset + m.t, data: rewriteForCopy(m.data, copy) });
  }
  timed.sort((a, b) => a.at - b.at);
  return timed.map((m) => m.data);
};

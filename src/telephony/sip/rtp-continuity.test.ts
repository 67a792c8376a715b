/**
 * Issue 12 §1 / issue 17: what a phone receives from one relay side is one RTP stream,
 * whichever sources it is made of (a party, another relay after a transfer, the music on
 * hold), so no jitter buffer drops the new source as "late".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RtpContinuity } from './rtp-continuity.js';

const packet = (ssrc: number, seq: number, ts: number): Buffer => {
  const b = Buffer.alloc(12 + 160);
  b[0] = 0x80;
  b.writeUInt16BE(seq & 0xffff, 2);
  b.writeUInt32BE(ts >>> 0, 4);
  b.writeUInt32BE(ssrc >>> 0, 8);
  return b;
};
const header = (b: Buffer) => ({ seq: b.readUInt16BE(2), ts: b.readUInt32BE(4), ssrc: b.readUInt32BE(8), marker: ((b[1] ?? 0) & 0x80) !== 0 });

describe('one RTP stream out of a relay side, whatever its sources', () => {
  it('keeps one SSRC and consecutive sequence numbers across any switch of source (property)', () => {
    const source = fc.record({ ssrc: fc.integer({ min: 0, max: 0xffffffff }), seq: fc.integer({ min: 0, max: 0xffff }), ts: fc.integer({ min: 0, max: 0xffffffff }), packets: fc.integer({ min: 1, max: 40 }) });
    fc.assert(fc.property(fc.array(source, { minLength: 1, maxLength: 8 }), (sources) => {
      const out = new RtpContinuity();
      let now = 1_000;
      const sent: Array<ReturnType<typeof header>> = [];
      for (const s of sources) {
        for (let i = 0; i < s.packets; i++) {
          sent.push(header(out.rewrite(packet(s.ssrc, s.seq + i, s.ts + 160 * i), now)));
          now += 20;
        }
      }
      expect(new Set(sent.map((h) => h.ssrc)).size).toBe(1);
      for (let i = 1; i < sent.length; i++) {
        expect(sent[i]?.seq).toBe(((sent[i - 1]?.seq ?? 0) + 1) & 0xffff);
        // timestamps move forward by one 20 ms frame (8 kHz), across switches too
        expect(((sent[i]?.ts ?? 0) - (sent[i - 1]?.ts ?? 0)) >>> 0).toBe(160);
      }
    }));
  });

  it('marks the first packet of each new source as the start of a talkspurt, and only that one', () => {
    const out = new RtpContinuity();
    const marks = [
      out.rewrite(packet(1, 100, 0), 1000), out.rewrite(packet(1, 101, 160), 1020),
      out.rewrite(packet(2, 7, 5), 1040), out.rewrite(packet(2, 8, 165), 1060),
    ].map((b) => header(b).marker);
    expect(marks).toEqual([true, false, true, false]);
  });

  it('a new source that starts below the last sequence number sent still comes after it', () => {
    const out = new RtpContinuity();
    const a = header(out.rewrite(packet(1, 40_000, 0), 1000));
    const b = header(out.rewrite(packet(2, 3, 0), 1020));
    expect(b.seq).toBe((a.seq + 1) & 0xffff);
  });

  it('advances the timestamp by the silence between two sources', () => {
    const out = new RtpContinuity();
    const a = header(out.rewrite(packet(1, 1, 1000), 1000));
    const b = header(out.rewrite(packet(2, 1, 9), 1500));
    expect((b.ts - a.ts) >>> 0).toBe(4000);
  });

  it('keeps a reordered packet of the same source in its place', () => {
    const out = new RtpContinuity();
    const p1 = header(out.rewrite(packet(1, 10, 0), 1000));
    const p3 = header(out.rewrite(packet(1, 12, 320), 1040));
    const p2 = header(out.rewrite(packet(1, 11, 160), 1041));
    expect([p1.seq, p2.seq, p3.seq].map((s) => (s - p1.seq) & 0xffff)).toEqual([0, 1, 2]);
  });
});

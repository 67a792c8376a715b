/**
 * One continuous RTP stream out of each side of a relay.
 *
 * A relay side's party is sent media from whoever it talks to now: the other party, a
 * chained relay after a transfer, the music on hold. Each of those is its own RTP source
 * (RFC 3550 §3: its SSRC, sequence numbers and timestamps), and the phone is not told when
 * one replaces another (a transfer re-INVITEs only the party that moves). Phones keep one
 * jitter buffer per stream and drop packets whose sequence number is "older" than the last
 * one played: a new source starting below it was dropped for up to 65,536 packets, so a
 * held caller heard no music, or a transferred call no voice, about half of the time.
 *
 * So the relay speaks as one source per side (what an RTP translator that changes sources
 * must do, RFC 3550 §7.1, and what SBCs call sequence normalisation): its own SSRC, and a
 * new source's sequence numbers and timestamps shifted to follow the last ones sent, the
 * timestamp advanced by the time that passed (the marker bit set: a new talkspurt, RFC 3551
 * §4.1). Packets of one source keep their spacing, so reordering and loss still show.
 */
import { randomBytes } from 'node:crypto';

/** `a` comes after `b` in sequence-number space (RFC 3550 §A.1, modulo 2^16). */
const seqAfter = (a: number, b: number): boolean => a !== b && ((a - b) & 0xffff) < 0x8000;

export class RtpContinuity {
  private readonly ssrc = randomBytes(4).readUInt32BE(0);
  private seq = randomBytes(2).readUInt16BE(0);
  private ts = randomBytes(4).readUInt32BE(0);
  private sentAt = 0;
  private source: number | undefined;
  private seqOffset = 0;
  private tsOffset = 0;

  /** @param clockRate the payload's RTP clock (8,000 Hz for G.711, RFC 3551 §4.5.14). */
  constructor(private readonly clockRate = 8000) {}

  /** Rewrites an RTP packet in place (SSRC, sequence number, timestamp, marker) and returns it. */
  rewrite(packet: Buffer, now = Date.now()): Buffer {
    const inSsrc = packet.readUInt32BE(8);
    const inSeq = packet.readUInt16BE(2);
    const inTs = packet.readUInt32BE(4);
    if (inSsrc !== this.source) {
      // A new source: its first packet follows our last one, timed by the gap since then
      // (at least one 20 ms frame).
      const first = this.source === undefined && this.sentAt === 0;
      const gap = first ? 0 : Math.max(this.clockRate / 50, Math.round(((now - this.sentAt) * this.clockRate) / 1000));
      this.seqOffset = (((this.seq + 1) & 0xffff) - inSeq) & 0xffff;
      this.tsOffset = ((this.ts + gap) >>> 0) - inTs;
      this.source = inSsrc;
      packet[1] = (packet[1] ?? 0) | 0x80;
    }
    const seq = (inSeq + this.seqOffset) & 0xffff;
    const ts = (inTs + this.tsOffset) >>> 0;
    packet.writeUInt16BE(seq, 2);
    packet.writeUInt32BE(ts, 4);
    packet.writeUInt32BE(this.ssrc, 8);
    if (seqAfter(seq, this.seq) || this.sentAt === 0) {
      this.seq = seq;
      this.ts = ts;
    }
    this.sentAt = now;
    return packet;
  }
}

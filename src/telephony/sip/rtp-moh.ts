/**
 * Music on hold: G.711 RTP (RFC 3550 §5.1 fixed header; RFC 3551 payload types 0 PCMU /
 * 8 PCMA, 20 ms packets of 160 samples) looped from the bundled 8 kHz file.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encodeG711, readWavPcm16, type G711Codec } from './g711.js';

const FRAME = 160;

export interface MohSource {
  pcmu: Buffer;
  pcma: Buffer;
}

/** Loads and encodes a 16-bit 8 kHz mono WAVE once; every held call shares it. */
export const loadMoh = (file: string): MohSource => {
  const { rate, samples } = readWavPcm16(readFileSync(file));
  if (rate !== 8000) throw new Error(`music on hold must be 8 kHz (got ${rate})`);
  return { pcmu: encodeG711(samples, 'PCMU'), pcma: encodeG711(samples, 'PCMA') };
};

/** The music as one RTP stream (own SSRC, sequence and timestamp), 20 ms per packet. */
export class MusicStream {
  private seq = randomBytes(2).readUInt16BE(0);
  private ts = randomBytes(4).readUInt32BE(0);
  private readonly ssrc = randomBytes(4).readUInt32BE(0);
  private offset = 0;
  private first = true;

  constructor(private readonly source: MohSource) {}

  /** Marks the next packet as the start of a talkspurt (RFC 3551 §4.1). */
  restart(): void {
    this.first = true;
  }

  next(codec: G711Codec): Buffer {
    const audio = codec === 'PCMU' ? this.source.pcmu : this.source.pcma;
    const pkt = Buffer.alloc(12 + FRAME);
    pkt[0] = 0x80; // V=2, no padding, no extension, no CSRC
    pkt[1] = (this.first ? 0x80 : 0) | (codec === 'PCMU' ? 0 : 8);
    this.first = false;
    pkt.writeUInt16BE(this.seq, 2);
    pkt.writeUInt32BE(this.ts >>> 0, 4);
    pkt.writeUInt32BE(this.ssrc, 8);
    for (let i = 0; i < FRAME; i++) pkt[12 + i] = audio[(this.offset + i) % audio.length] as number;
    this.offset = (this.offset + FRAME) % audio.length;
    this.seq = (this.seq + 1) & 0xffff;
    this.ts = (this.ts + FRAME) >>> 0;
    return pkt;
  }
}

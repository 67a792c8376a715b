import { describe, expect, it } from 'vitest';
import { encodeG711, linearToAlaw, linearToUlaw, loudness, readWavPcm16, ulawToLinear, writeWavPcm16 } from './g711.js';

describe('G.711 (ITU-T G.711)', () => {
  it('encodes silence as the µ-law and A-law idle codes 0xFF and 0xD5', () => {
    expect(linearToUlaw(0)).toBe(0xff);
    expect(linearToAlaw(0)).toBe(0xd5);
  });

  it('round-trips µ-law within its quantisation step', () => {
    for (const s of [-30000, -1000, -10, 10, 1000, 8000, 30000]) {
      expect(Math.abs(ulawToLinear(linearToUlaw(s)) - s)).toBeLessThanOrEqual(Math.abs(s) / 16 + 8);
    }
  });

  it('a WAVE file written is read back, and a tone is loud while silence is not', () => {
    const tone = new Int16Array(8000).map((_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
    const back = readWavPcm16(writeWavPcm16(tone, 8000));
    expect(back.rate).toBe(8000);
    expect(Array.from(back.samples.slice(0, 50))).toEqual(Array.from(tone.slice(0, 50)));
    expect(loudness(back.samples, 8000).nonSilentRatio).toBe(1);
    expect(loudness(new Int16Array(8000), 8000).nonSilentRatio).toBe(0);
    expect(encodeG711(tone, 'PCMA')).toHaveLength(8000);
  });

  it('a recording still being written (sizes left 0 until the recorder closes it, as libsndfile does) is read to its end when asked', () => {
    const tone = new Int16Array(800).map((_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
    const open = writeWavPcm16(tone, 8000);
    open.writeUInt32LE(8, 4);
    open.writeUInt32LE(0, 40);
    expect(readWavPcm16(open).samples).toHaveLength(0);
    expect(Array.from(readWavPcm16(open, { unfinished: true }).samples)).toEqual(Array.from(tone));
  });
});

/**
 * G.711 encoders (ITU-T G.711 §A.2 / §B.2 tables, the classic Sun reference algorithm):
 * 16-bit linear PCM → µ-law (PCMU, RTP payload type 0) or A-law (PCMA, type 8), RFC 3551 §4.5.14.
 */
const BIAS = 0x84;
const CLIP = 32635;

export const linearToUlaw = (sample: number): number => {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  if (s > CLIP) s = CLIP;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
};

export const linearToAlaw = (sample: number): number => {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s >= 0 ? 0x80 : 0;
  if (!sign) s = -s - 1;
  if (s > 32767) s = 32767;
  let out: number;
  if (s < 256) out = s >> 4;
  else {
    let exponent = 7;
    for (let mask = 0x4000; (s & mask) === 0 && exponent > 1; mask >>= 1) exponent--;
    out = (exponent << 4) | ((s >> (exponent + 3)) & 0x0f);
  }
  return (out | sign) ^ 0x55;
};

export const ulawToLinear = (u: number): number => {
  const x = ~u & 0xff;
  const t = (((x & 0x0f) << 3) + BIAS) << ((x & 0x70) >> 4);
  return x & 0x80 ? BIAS - t : t - BIAS;
};

export type G711Codec = 'PCMU' | 'PCMA';

export const encodeG711 = (pcm: Int16Array, codec: G711Codec): Buffer => {
  const out = Buffer.alloc(pcm.length);
  const f = codec === 'PCMU' ? linearToUlaw : linearToAlaw;
  for (let i = 0; i < pcm.length; i++) out[i] = f(pcm[i] as number);
  return out;
};

/**
 * Samples of a 16-bit mono PCM RIFF/WAVE file (the `data` chunk). `unfinished`: the file
 * may still be being written (a recorder fills in the chunk sizes when it closes), so a
 * `data` chunk of size 0 runs to the end of the file.
 */
export const readWavPcm16 = (file: Buffer, opts: { unfinished?: boolean } = {}): { rate: number; samples: Int16Array } => {
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAVE file');
  let off = 12;
  let rate = 8000;
  while (off + 8 <= file.length) {
    const id = file.toString('ascii', off, off + 4);
    const size = file.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      if (file.readUInt16LE(off + 8) !== 1 || file.readUInt16LE(off + 10) !== 1 || file.readUInt16LE(off + 22) !== 16) throw new Error('need 16-bit mono PCM');
      rate = file.readUInt32LE(off + 12);
    } else if (id === 'data') {
      const available = file.length - off - 8;
      const n = Math.floor((opts.unfinished && size === 0 ? available : Math.min(size, available)) / 2);
      const samples = new Int16Array(n);
      for (let i = 0; i < n; i++) samples[i] = file.readInt16LE(off + 8 + i * 2);
      return { rate, samples };
    }
    off += 8 + size + (size % 2);
  }
  throw new Error('WAVE file without data');
};

/** A 16-bit mono PCM WAVE file. */
export const writeWavPcm16 = (samples: Int16Array, rate: number): Buffer => {
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(samples[i] as number, i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii'); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii'); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24); h.writeUInt32LE(rate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii'); h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
};

/** Root mean square and the share of 20 ms frames louder than `threshold` (for audio checks). */
export const loudness = (samples: Int16Array, rate: number, threshold = 300): { rms: number; nonSilentRatio: number } => {
  const frame = Math.max(1, Math.round(rate / 50));
  let sum = 0;
  let loud = 0;
  let frames = 0;
  for (let i = 0; i + frame <= samples.length; i += frame) {
    let fs = 0;
    for (let j = i; j < i + frame; j++) fs += (samples[j] as number) ** 2;
    sum += fs;
    frames++;
    if (Math.sqrt(fs / frame) > threshold) loud++;
  }
  return { rms: frames === 0 ? 0 : Math.sqrt(sum / (frames * frame)), nonSilentRatio: frames === 0 ? 0 : loud / frames };
};

/**
 * A Bloom filter of strings (Bloom 1970): `mayContain` is false only for a string never
 * added, true for every added one and for about 1 % of the others (10 bits and 7 hashes
 * per expected string). Two FNV-1a hashes combined by double hashing (Kirsch and
 * Mitzenmacher 2006) stand for the 7.
 */
const BITS_PER_KEY = 10;
const HASHES = 7;

function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class KeyBloom {
  private readonly bits: Uint32Array;
  private readonly size: number;
  private count = 0;

  /** Sized for `expected` strings; more may be added, at a higher false-positive rate. */
  constructor(readonly expected: number) {
    this.size = Math.max(1024, Math.ceil(expected * BITS_PER_KEY / 32) * 32);
    this.bits = new Uint32Array(this.size / 32);
  }

  get added(): number { return this.count; }

  add(key: string): void {
    const h1 = fnv1a(key, 0x811c9dc5);
    const h2 = fnv1a(key, 0x9747b28c) | 1;
    for (let i = 0; i < HASHES; i++) {
      const bit = ((h1 + Math.imul(i, h2)) >>> 0) % this.size;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
    this.count++;
  }

  mayContain(key: string): boolean {
    const h1 = fnv1a(key, 0x811c9dc5);
    const h2 = fnv1a(key, 0x9747b28c) | 1;
    for (let i = 0; i < HASHES; i++) {
      const bit = ((h1 + Math.imul(i, h2)) >>> 0) % this.size;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

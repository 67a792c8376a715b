import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyBloom } from './key-bloom.js';

describe('KeyBloom', () => {
  it('never forgets a key it was given (property)', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[0-9x]{1,16}$/), { maxLength: 500 }), (keys) => {
      const b = new KeyBloom(keys.length);
      for (const k of keys) b.add(k);
      expect(keys.every((k) => b.mayContain(k))).toBe(true);
    }));
  });

  it('says "maybe" for about 1 % of the keys it was not given, at its size', () => {
    const b = new KeyBloom(100_000);
    for (let i = 0; i < 100_000; i++) b.add(String(4921100000 + i * 7));
    let positives = 0;
    for (let i = 0; i < 100_000; i++) if (b.mayContain(String(12125550000 + i))) positives++;
    expect(positives / 100_000).toBeLessThan(0.02);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UUID_V7, uuidv7 } from './uuid-v7.js';

describe('uuidv7 (issue 12: ids unique for ever)', () => {
  it('is a version-7, RFC 9562 variant UUID carrying its millisecond time', () => {
    const at = Date.UTC(2026, 11, 6, 4, 0, 0, 123);
    const id = uuidv7(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('never repeats and sorts in the order it was made, even many per millisecond', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5000 }), (steps) => {
      let t = Date.UTC(2030, 0, 1) + steps.length * 10;
      const ids = steps.map((dt) => uuidv7((t += dt)));
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(ids);
    }), { numRuns: 20 });
  });
});

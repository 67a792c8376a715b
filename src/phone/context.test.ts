import { describe, expect, it } from 'vitest';
import { checkContext, contextKey } from './context.js';

describe('the dialling context (R3.3)', () => {
  it('accepts the R3.1 installation answers', () => {
    expect(checkContext({ defaultCountry: 'US', defaultAreaCode: '202', internalLength: 4, outsidePrefix: '9' })).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(checkContext({ defaultCountry: 'XX', defaultAreaCode: '(202)', internalLength: 0, outsidePrefix: '9,' }).map((p) => p.field)).toEqual([
      'defaultCountry',
      'defaultAreaCode',
      'internalLength',
      'outsidePrefix',
    ]);
  });

  it('gives different contexts different cache keys', () => {
    const a = { defaultCountry: 'GB', defaultAreaCode: '20', internalLength: 4, outsidePrefix: '9' } as const;
    expect(contextKey(a)).not.toBe(contextKey({ ...a, defaultAreaCode: '161' }));
  });
});

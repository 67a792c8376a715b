import { describe, expect, it } from 'vitest';
import { move } from './screen-order.js';

describe('reordering the fields of a screen (R5.3)', () => {
  it('moves a field up and down by one place', () => {
    expect(move(['name', 'phones', 'corp_phonenumber'], 2, -1)).toEqual(['name', 'corp_phonenumber', 'phones']);
    expect(move(['name', 'phones', 'corp_phonenumber'], 0, 1)).toEqual(['phones', 'name', 'corp_phonenumber']);
  });

  it('leaves the order alone when the move would leave the list', () => {
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(move(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

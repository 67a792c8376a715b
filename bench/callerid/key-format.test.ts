import { describe, expect, it } from 'vitest';
import { phoneKeyer } from '../../src/crm/phone-settings.js';
import { keyMismatches, type StoredPhone } from './key-format.js';

const keyer = phoneKeyer({ defaultCountry: 'US', defaultAreaCode: '', internalLength: 4, outsidePrefix: '9' });
const switchboard = (keys: StoredPhone['keys']): StoredPhone => ({ ownerType: 'company', ownerId: 4, value: '+49 (0)30 20000-0', keys });

describe('checking that a reused data set is keyed like the code keys numbers today', () => {
  it('accepts a German switchboard stored with its number key and its block key', () => {
    expect(keyMismatches([switchboard([{ key: '4930200000', block: false }, { key: '493020000', block: true }])], keyer)).toEqual([]);
  });

  it('flags a switchboard seeded before block keys existed', () => {
    const found = keyMismatches([switchboard([{ key: '4930200000', block: false }])], keyer);
    expect(found).toEqual(['company 4 "+49 (0)30 20000-0": stored [4930200000], expected [493020000 (block), 4930200000]']);
  });

  it('flags a key stored as a block that is a plain number, in any order of rows', () => {
    const mobile: StoredPhone = { ownerType: 'person', ownerId: 9, value: '011 49 151 20000001', keys: [{ key: '4915120000001', block: true }] };
    expect(keyMismatches([mobile], keyer)).toHaveLength(1);
    expect(keyMismatches([{ ...mobile, keys: [{ key: '4915120000001', block: false }] }], keyer)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkLocation, compareLocations, defaultLocation } from './location.js';

describe('defaultLocation fills the prefixes from the number metadata (R3.2)', () => {
  it.each([
    ['US', '1', '011'],
    ['CA', '1', '011'],
    ['GB', '0', '00'],
    ['FR', '0', '00'],
    ['DE', '0', '00'],
    ['AU', '0', '0011'],
    ['DK', '', '00'],
    ['SG', '', '000'],
  ] as const)('%s: national prefix %j, international prefix %j', (country, nationalPrefix, internationalPrefix) => {
    const loc = defaultLocation(country, '', '9');
    expect(loc).toMatchObject({ country, nationalPrefix, internationalPrefix, outsidePrefixLocal: '9', outsidePrefixLongDistance: '9', internalLength: 4 });
    expect(checkLocation(loc)).toEqual([]);
  });
});

describe('checkLocation', () => {
  it('names every field that cannot be used', () => {
    const loc = {
      ...defaultLocation('US', '202', '9'),
      outsidePrefixLocal: '9,',
      internalLength: 0,
      areaCodeRules: [
        { areaCode: '202', dialAreaCode: true, dialNationalPrefix: true },
        { areaCode: '202', dialAreaCode: false, dialNationalPrefix: false },
        { areaCode: '2x', dialAreaCode: true, dialNationalPrefix: false, localPrefixes: [''] },
      ],
    };
    expect(checkLocation(loc).map((p) => p.field)).toEqual(['outsidePrefixLocal', 'internalLength', 'areaCodeRules[1]', 'areaCodeRules[2]', 'areaCodeRules[2]']);
  });
});

describe('compareLocations: where the provider disagrees (R3.4)', () => {
  const ours = {
    ...defaultLocation('US', '202', '9'),
    areaCodeRules: [
      { areaCode: '202', dialAreaCode: true, dialNationalPrefix: true },
      { areaCode: '301', dialAreaCode: true, dialNationalPrefix: false, localPrefixes: ['555', '556'] },
    ],
  };

  it('finds nothing when the provider agrees, or reports nothing', () => {
    expect(compareLocations(ours, ours)).toEqual([]);
    expect(compareLocations(ours, {})).toEqual([]);
    expect(compareLocations(ours, { country: 'US', areaCode: '202' })).toEqual([]);
  });

  it('lists differing fields and rules that differ or exist on one side only', () => {
    const theirs = {
      areaCode: '212',
      outsidePrefixLongDistance: '8',
      areaCodeRules: [
        { areaCode: '301', dialAreaCode: true, dialNationalPrefix: false, localPrefixes: ['556', '555'] },
        { areaCode: '703', dialAreaCode: true, dialNationalPrefix: false },
      ],
    };
    expect(compareLocations(ours, theirs)).toEqual([
      { field: 'areaCode', ours: '202', theirs: '212' },
      { field: 'outsidePrefixLongDistance', ours: '9', theirs: '8' },
      { field: 'areaCodeRule', areaCode: '202', ours: 'dial area code yes, national prefix yes', theirs: null },
      { field: 'areaCodeRule', areaCode: '703', ours: null, theirs: 'dial area code yes, national prefix no' },
    ]);
  });
});

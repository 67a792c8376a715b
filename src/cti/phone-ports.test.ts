import { describe, expect, it } from 'vitest';
import { defaultLocation } from '../phone/index.js';
import { createCallerIdMatcher, createPhoneNumberPlan } from './phone-ports.js';

// A New York site: country US, area 212, outside line 9, 4-digit extensions (R3.1).
const ny = defaultLocation('US', '212', '9', 4);
const plan = createPhoneNumberPlan(() => ny);

describe('the number plan over the site\'s dialling rules (R3.3, R6.5)', () => {
  it.each([
    ['+44 161 5527789', '9011441615527789', 'international'],
    ['44 161 5527789', '9011441615527789', 'international'],
    ['212 736 4440', '97364440', 'local'],
    ['1002', '1002', 'extension'],
  ])('dials %s as %s (%s)', (typed, dialable, kind) => {
    expect(plan.parse(typed)).toMatchObject({ ok: true, dialable, kind });
  });

  it('refuses letters and symbols in the call screen, takes what people paste (R5.4, issue 12)', () => {
    expect(plan.parse('0161-552*7789')).toEqual({ ok: false, reason: 'character-not-allowed' });
    expect(plan.parse('(212) 736-4440')).toMatchObject({ ok: true, dialable: '97364440' });
    expect(plan.parse('0044 (0)20-7946 0958')).toMatchObject({ ok: true, e164: '+442079460958', dialable: '9011442079460958' });
    expect(plan.parseStored?.('(212) 736-4440')).toMatchObject({ ok: true, dialable: '97364440' });
  });

  it.each([
    ['9011441615527789', '+441615527789', '+44 (161) 5527789'],
    ['912127364440', '+12127364440', '+1 (212) 7364440'],
    ['+12127364440', '+12127364440', '+1 (212) 7364440'],
    ['2127364440', '+12127364440', '+1 (212) 7364440'],
  ])('reads %s from the phone system as %s', (raw, e164, canonical) => {
    expect(plan.fromNetwork(raw)).toMatchObject({ ok: true, e164, canonical });
  });

  it('in Germany, where 0 is the outside line and 00 the international prefix, tells caller IDs from echoed dial strings', () => {
    const de = createPhoneNumberPlan(() => defaultLocation('DE', '211', '0', 4));
    expect(de.fromNetwork('00044 20 7946 0958')).toMatchObject({ ok: true, e164: '+442079460958' });
    // `0` + a German mobile, not `00` + an American number.
    expect(de.fromNetwork('0015139073443')).toMatchObject({ ok: true, e164: '+4915139073443' });
  });

  it('reads an extension from the phone system as an extension', () => {
    expect(plan.fromNetwork('1001')).toMatchObject({ ok: true, e164: null, kind: 'extension' });
  });
});

describe('the caller-ID matcher over the phone index (R6.6)', () => {
  it('asks the index once and ranks what it returns', async () => {
    const asked: string[][] = [];
    const m = createCallerIdMatcher(() => ny, async (keys) => {
      asked.push(keys);
      return keys.includes('441615527789')
        ? [{ key: '441615527789', ownerType: 'person', ownerId: 10, name: 'Sam Carter', phone: '+44 161 5527789', field: 'phone' }]
        : [];
    });
    expect(await m.match('+441615527789')).toEqual({
      internal: false, matches: [expect.objectContaining({ type: 'person', id: 10, reason: 'exact' })],
    });
    expect(asked).toHaveLength(1);
    expect((await m.match('1002')).internal).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { PhoneContext } from './context.js';
import fc from 'fast-check';
import { canBePrefix, indexKeysFor, isPrefixRow, lookupKeys, candidateKeys } from './match-keys.js';
import { matchCallerId, matchCallerIdAsync, rankMatches } from './match.js';
import type { IndexRow } from './match.js';

const dc: PhoneContext = { defaultCountry: 'US', defaultAreaCode: '202', internalLength: 4, outsidePrefix: '9' };

type Owner = Omit<IndexRow, 'key' | 'phone' | 'field'>;
const arthur: Owner = { ownerType: 'person', ownerId: 1, name: 'Arthur Browne', companyId: 10, companyName: 'Hotel Pennsylvania' };
const ben: Owner = { ownerType: 'person', ownerId: 2, name: 'Ben Barrow', companyId: 10, companyName: 'Hotel Pennsylvania' };
const claire: Owner = { ownerType: 'person', ownerId: 3, name: 'Claire Dupont' };
const eve: Owner = { ownerType: 'person', ownerId: 4, name: 'Eve Local' };
const rhein: Owner = { ownerType: 'company', ownerId: 20, name: 'Rhein Handel GmbH' };
const londonLtd: Owner = { ownerType: 'company', ownerId: 30, name: 'London Ltd' };
const hotel: Owner = { ownerType: 'company', ownerId: 10, name: 'Hotel Pennsylvania' };
const exchange: Owner = { ownerType: 'company', ownerId: 40, name: 'Midtown Exchange' };
const dana: Owner = { ownerType: 'user', ownerId: 100, name: 'Dana Colleague' };

// The CRM's phone values, as typed, indexed the way the database index will be.
const VALUES: ReadonlyArray<readonly [Owner, string, string]> = [
  [arthur, 'phone:office', '1 212 736-4440'],
  [ben, 'phone:office', '(212) 736-4440'],
  [claire, 'phone:mobile', '+33 6 12 34 56 78'],
  [eve, 'phone:home', '555-0199'],
  [rhein, 'phone:switchboard', '+49 211 12345-0'],
  [londonLtd, 'phone:main', '+44 20 7555 0123'],
  [hotel, 'phone:block', '+1 212 736 44xx'],
  [exchange, 'phone:block', '+1 212 73x'],
  [dana, 'phone', '+1 202 555 0142'],
  [dana, 'extension', '2001'],
];

function buildIndex(ctx: PhoneContext, values = VALUES): {
  lookup: (keys: string[]) => IndexRow[];
  /** Searches `keys[prefixOnlyFrom…]` among prefix rows only, as the database does. */
  strict: (keys: string[], prefixOnlyFrom: number) => IndexRow[];
  queries: string[][];
} {
  const index = new Map<string, Array<IndexRow & { prefixRow: boolean }>>();
  for (const [owner, field, phone] of values) {
    for (const k of indexKeysFor(phone, ctx)) {
      const rows = index.get(k.key) ?? [];
      rows.push({ ...owner, key: k.key, phone, field, prefixRow: isPrefixRow(k) });
      index.set(k.key, rows);
    }
  }
  const queries: string[][] = [];
  const lookup = (keys: string[]): IndexRow[] => {
    queries.push(keys);
    return keys.flatMap((k) => index.get(k) ?? []);
  };
  const strict = (keys: string[], prefixOnlyFrom: number): IndexRow[] =>
    keys.flatMap((k, i) => (index.get(k) ?? []).filter((r) => i < prefixOnlyFrom || r.prefixRow));
  return { lookup, strict, queries };
}

const summary = (r: { matches: readonly { type: string; name: string; reason: string }[] }): string[] => r.matches.map((m) => `${m.reason} ${m.type} ${m.name}`);

describe('caller-ID matching (R6.6)', () => {
  it('lists both persons on 1 212 736-4440 — Arthur Browne and Ben Barrow — as exact, then the number blocks', () => {
    const { lookup, queries } = buildIndex(dc);
    const r = matchCallerId('+12127364440', dc, lookup);
    expect(summary(r)).toEqual([
      'exact person Arthur Browne',
      'exact person Ben Barrow',
      'prefix company Hotel Pennsylvania',
      'prefix company Midtown Exchange',
    ]);
    expect(r.matches[0]).toEqual({
      type: 'person', id: 1, name: 'Arthur Browne', company: { id: 10, name: 'Hotel Pennsylvania' }, phone: '1 212 736-4440', field: 'phone:office', reason: 'exact',
    });
    expect(r).toMatchObject({ internal: false, normalised: '+12127364440' });
    expect(queries).toHaveLength(1);
  });

  it.each(['2127364440', '12127364440', '+1 (212) 736-4440', 'tel:+1-212-736-4440', '"Arthur" <sip:+12127364440@10.0.0.1>', 'sip:12127364440@pbx;user=phone'])(
    'finds them whatever form the caller ID %j has',
    (callerId) => {
      const { lookup } = buildIndex(dc);
      expect(summary(matchCallerId(callerId, dc, lookup)).slice(0, 2)).toEqual(['exact person Arthur Browne', 'exact person Ben Barrow']);
    },
  );

  it('finds a company from a direct-dial line in its number block (prefix)', () => {
    const { lookup } = buildIndex(dc);
    const r = matchCallerId('sip:+4921112345678@carrier.example.net', dc, lookup);
    expect(summary(r)).toEqual(['prefix company Rhein Handel GmbH']);
  });

  it('lists the switchboard itself once, as exact, though its block key also hits', () => {
    const { lookup } = buildIndex(dc);
    expect(summary(matchCallerId('+49 211 123450', dc, lookup))).toEqual(['exact company Rhein Handel GmbH']);
  });

  it('finds a number sent with the country code but no + as a variant', () => {
    const { lookup } = buildIndex(dc);
    expect(summary(matchCallerId('442075550123', dc, lookup))).toEqual(['variant company London Ltd']);
    expect(summary(matchCallerId('011442075550123', dc, lookup))).toEqual(['exact company London Ltd']);
  });

  it('finds a local 7-digit caller ID in the default area as a variant', () => {
    const { lookup } = buildIndex(dc);
    expect(summary(matchCallerId('5550199', dc, lookup))).toEqual(['variant person Eve Local']);
    expect(summary(matchCallerId('+12025550199', dc, lookup))).toEqual(['exact person Eve Local']);
  });

  it('shows a colleague’s extension as internal (R4.4)', () => {
    const { lookup } = buildIndex(dc);
    const r = matchCallerId('2001', dc, lookup);
    expect(r).toMatchObject({ internal: true, normalised: '2001' });
    expect(summary(r)).toEqual(['internal user Dana Colleague']);
  });

  it('shows a colleague calling from their phone as internal (R4.4)', () => {
    const { lookup } = buildIndex(dc);
    const r = matchCallerId('+1 202 555 0142', dc, lookup);
    expect(r.internal).toBe(true);
    expect(summary(r)).toEqual(['internal user Dana Colleague']);
  });

  it('calls an unknown extension internal even when nobody has it', () => {
    const { lookup } = buildIndex(dc);
    expect(matchCallerId('2999', dc, lookup)).toEqual({ internal: true, matches: [], normalised: '2999' });
  });

  it.each(['anonymous', 'Restricted', 'withheld', 'sip:anonymous@anonymous.invalid', ''])('never matches a withheld number (%j) and does not query', (callerId) => {
    const { lookup, queries } = buildIndex(dc);
    expect(matchCallerId(callerId, dc, lookup)).toEqual({ internal: false, matches: [] });
    expect(queries).toEqual([]);
  });

  it('returns no match for a number nobody has', () => {
    const { lookup } = buildIndex(dc);
    expect(matchCallerId('+33 1 42 68 53 00', dc, lookup)).toEqual({ internal: false, matches: [], normalised: '+33142685300' });
  });

  it('matches the same with an asynchronous lookup (PostgreSQL)', async () => {
    const { lookup } = buildIndex(dc);
    const sync = matchCallerId('+12127364440', dc, lookup);
    const async = await matchCallerIdAsync('+12127364440', dc, (keys) => Promise.resolve(lookup(keys)));
    expect(async).toEqual(sync);
  });
});

describe('prefix keys searched among prefix rows only (the small index)', () => {
  it('tells which stored numbers can be a prefix of a longer caller ID', () => {
    expect(canBePrefix('12127364440')).toBe(false); // NANP: every number has 10 digits
    expect(canBePrefix('442075550123')).toBe(false); // UK: 10 digits is the longest
    expect(canBePrefix('4921112345')).toBe(true); // DE: up to 15 digits
    expect(canBePrefix('x2001')).toBe(false);
    expect(isPrefixRow({ key: '121273644', kind: 'block' })).toBe(true);
  });

  it('sends the prefixes of a normal caller ID to the small index, and an over-long one’s full-length part to all rows', () => {
    expect(lookupKeys(candidateKeys('+12127364440', dc))).toEqual({
      keys: ['12127364440', '1212736444', '121273644', '12127364', '1212736', '121273'], prefixOnlyFrom: 1,
    });
    const long = lookupKeys(candidateKeys('+1212736444012', dc));
    expect(long.keys.slice(0, long.prefixOnlyFrom)).toEqual(['1212736444012', '121273644401', '12127364440']);
  });

  // The same rows as searching every key everywhere, for the CRM's values and whatever comes in.
  const VARIED: ReadonlyArray<readonly [Owner, string, string]> = [
    ...VALUES,
    [arthur, 'phone:office', '+1 212 736 4440 12'], // an over-long value typed with an extension
    [claire, 'phone:direct', '+49 211 12345 67'],
    [rhein, 'phone:main', '+49 211 12345'],
  ];
  const callers = [
    ...VARIED.map(([, , phone]) => phone),
    '+121273644401', '+1212736444012', '+4921112345678', '+492111234567890', '+44207555012399', '5550199', '2001', '1212736',
  ];

  it.each(callers)('%j', (callerId) => {
    const { lookup, strict } = buildIndex(dc, VARIED);
    expect(matchCallerId(callerId, dc, strict)).toEqual(matchCallerId(callerId, dc, lookup));
  });

  it('for any digits (property)', () => {
    const { lookup, strict } = buildIndex(dc, VARIED);
    const digits = fc.oneof(
      fc.stringMatching(/^\+?(1212736|4921112345|442075550123|1202555)[0-9]{0,8}$/),
      fc.stringMatching(/^[0-9+ ]{0,20}$/),
    );
    fc.assert(fc.property(digits, (callerId) => {
      expect(matchCallerId(callerId, dc, strict)).toEqual(matchCallerId(callerId, dc, lookup));
    }), { numRuns: 2000 });
  });
});

describe('rankMatches', () => {
  const row = (owner: Owner, key: string, phone = 'typed'): IndexRow => ({ ...owner, key, phone, field: 'phone' });

  it('orders exact, variant, then prefix with the longest prefix first', () => {
    const rows = [
      row(exchange, '121273'),
      row(hotel, '121273644'),
      row(londonLtd, '442075550123'),
      row(arthur, '12127364440'),
    ];
    expect(rankMatches('+12127364440', dc, rows).map((m) => `${m.reason} ${m.name}`)).toEqual([
      'exact Arthur Browne',
      'prefix Hotel Pennsylvania',
      'prefix Midtown Exchange',
    ]);
  });

  it('ignores rows whose key was not asked for, and a colleague hit only by prefix', () => {
    expect(rankMatches('+12127364440', dc, [row(claire, '33612345678'), row(dana, '1212736')])).toEqual([]);
  });
});

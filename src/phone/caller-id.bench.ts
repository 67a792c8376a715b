/**
 * Micro-benchmark of the pure caller-ID path (no database): `npx vitest bench --run src/phone`.
 * The lead's `bench:callerid` measures the whole path with the database; this shows what
 * the phone module adds to it. Figures go in reports, never in test assertions.
 */
import { bench, describe } from 'vitest';
import type { PhoneContext } from './context.js';
import { candidateKeys } from './match-keys.js';
import { matchCallerId } from './match.js';
import type { IndexRow } from './match.js';
import { normalise, parseWith } from './parse.js';

const london: PhoneContext = { defaultCountry: 'GB', defaultAreaCode: '20', internalLength: 4, outsidePrefix: '9' };

// 100,000 distinct London numbers, so no cache helps.
const numbers = Array.from({ length: 100_000 }, (_, i) => `+4420${String(70_000_000 + i * 7)}`);
let i = 0;
const next = (): string => numbers[(i = (i + 1) % numbers.length)] ?? '';

const row: IndexRow = { key: '442075550123', ownerType: 'person', ownerId: 1, name: 'Arthur Browne', phone: '020 7555 0123', field: 'phone' };
const index = new Map<string, IndexRow[]>([[row.key, [row]]]);
const lookup = (keys: string[]): IndexRow[] => keys.flatMap((k) => index.get(k) ?? []);

describe('caller-ID keys (distinct numbers)', () => {
  bench('candidateKeys(+E.164)', () => {
    candidateKeys(next(), london);
  });
  bench('candidateKeys(national 020…)', () => {
    candidateKeys(`0${next().slice(3)}`, london);
  });
  bench('candidateKeys(sip: URI)', () => {
    candidateKeys(`"Caller" <sip:${next()}@pbx.example.com;user=phone>`, london);
  });
  bench('matchCallerId exact hit, in-memory lookup', () => {
    matchCallerId('+442075550123', london, lookup);
  });
});

describe('for comparison: the full parser', () => {
  bench('libphonenumber-js/max parse(+E.164)', () => {
    parseWith(next());
  });
  bench('normalise (uncached, distinct numbers)', () => {
    normalise(next(), london);
  });
  bench('normalise (cached, same number)', () => {
    normalise('020 7555 0123', london);
  });
});

/**
 * The caller IDs of the benchmark, computed from the bulk generator (bulk-rows.ts) instead
 * of read back from the database, in the forms a phone system sends them:
 *
 * - exact hits: person i's mobile (stored, unique) as `+E.164`, national (home-country
 *   numbers only), with the home country's international prefix (`011` from the US, `00`
 *   from Europe; foreign numbers only), as digits without `+`, and inside a `sip:` URI;
 * - prefix hits: a direct line of a German company's block that no record holds — only
 *   German switchboards are typed as blocks (`0211 12345-0`, DIN 5008), so only they store
 *   a block key (`benchBlock(k).unlistedDirectLine`);
 * - misses: well-formed numbers that match nothing — the mobiles persons N…2N-1 would
 *   have, and Japanese mobiles (Japan is not among the generated countries).
 *
 * Every case carries the index key it is expected to reach, so the floor query
 * (`WHERE key = ?`) and the LIKE scan look up the same numbers.
 */
import { benchBlock, benchNumber } from '../../src/crm/demo/bulk-seed.js';
import { COUNTRIES, DEMO_COUNTRIES, type DemoCountry } from '../../src/crm/demo/countries.js';
import { createPrng, type Prng } from '../../src/crm/demo/prng.js';

export type Tier = 'exact' | 'prefix' | 'miss';
export type CallerIdFormat = 'e164' | 'national' | 'idd' | 'no-plus' | 'sip-uri';

export interface CallerIdCase {
  readonly tier: Tier;
  readonly format: CallerIdFormat;
  /** What the phone system sends. */
  readonly callerId: string;
  /** The index key expected to answer it: the number's E.164 digits (exact), the block stem (prefix). */
  readonly key: string;
  /** The last 9 digits, what a `LIKE '%…%'` search would use. */
  readonly tail9: string;
}

export interface WorkloadOptions {
  /** Persons in the data set (their mobiles exist; those of persons N… do not). */
  persons: number;
  /** The CRM's home country (settings), which decides the national and IDD forms. */
  home: string;
  /** Cases per tier. */
  perTier: number;
  seed: number;
}

export const EXACT_FORMATS: readonly CallerIdFormat[] = ['e164', 'national', 'idd', 'no-plus', 'sip-uri'];

const isDemoCountry = (c: string): c is DemoCountry => (DEMO_COUNTRIES as readonly string[]).includes(c);

/**
 * The international prefix dialled from `home` (`011` in the NANP, `00` in most of Europe,
 * `0011` in Australia); unknown outside the generated countries, whose IDD forms are skipped.
 */
export const iddOf = (home: string): string | undefined => (isDemoCountry(home) ? COUNTRIES[home].idd : undefined);

/** A national caller ID: NANP sends the 10-digit number, other plans the trunk prefix + NSN. */
export function nationalOf(e164: string, country: DemoCountry): string {
  const c = COUNTRIES[country];
  const nsn = e164.slice(1 + c.callingCode.length);
  return c.callingCode === '1' ? nsn : `${c.trunk}${nsn}`;
}

const companiesOf = (persons: number): number => Math.ceil(persons / 5);

/** A person whose company is in `country` (company k is in country k mod 10). */
function personIn(rng: Prng, persons: number, country: DemoCountry): number {
  const slot = DEMO_COUNTRIES.indexOf(country);
  const perCountry = Math.floor((companiesOf(persons) - 1 - slot) / DEMO_COUNTRIES.length) + 1;
  const company = rng.int(perCountry) * DEMO_COUNTRIES.length + slot;
  return Math.min(persons - 1, company * 5 + rng.int(5));
}

/** A person whose company is not in the home country (for the IDD and no-`+` forms). */
function foreignPerson(rng: Prng, persons: number, home: string): number {
  for (;;) {
    const i = rng.int(persons);
    if (benchNumber(i).country !== home) return i;
  }
}

const digitsOf = (e164: string): string => e164.slice(1);
const tail9 = (e164: string): string => e164.slice(-9);

function exactCase(rng: Prng, format: CallerIdFormat, opts: WorkloadOptions): CallerIdCase {
  const home = opts.home;
  const homeIsDemo = isDemoCountry(home);
  const person = format === 'national' && homeIsDemo ? personIn(rng, opts.persons, home)
    : format === 'idd' || format === 'no-plus' ? foreignPerson(rng, opts.persons, home)
      : rng.int(opts.persons);
  const n = benchNumber(person);
  const callerId = format === 'e164' ? n.e164
    : format === 'national' ? nationalOf(n.e164, n.country)
      : format === 'idd' ? `${iddOf(home) ?? '+'}${digitsOf(n.e164)}`
        : format === 'no-plus' ? digitsOf(n.e164)
          : `"${n.country} mobile" <sip:${n.e164}@pbx.example.com;user=phone>`;
  return { tier: 'exact', format, callerId, key: digitsOf(n.e164), tail9: tail9(n.e164) };
}

function prefixCase(rng: Prng, opts: WorkloadOptions): CallerIdCase {
  const slot = DEMO_COUNTRIES.indexOf('DE');
  const perCountry = Math.floor((companiesOf(opts.persons) - 1 - slot) / DEMO_COUNTRIES.length) + 1;
  const b = benchBlock(rng.int(perCountry) * DEMO_COUNTRIES.length + slot);
  const idd = opts.home === 'DE' ? undefined : iddOf(opts.home);
  const international = idd !== undefined && rng.chance(0.5);
  const callerId = international ? `${idd}${digitsOf(b.unlistedDirectLine)}` : b.unlistedDirectLine;
  return { tier: 'prefix', format: international ? 'idd' : 'e164', callerId, key: b.stemDigits, tail9: tail9(b.unlistedDirectLine) };
}

function missCase(rng: Prng, opts: WorkloadOptions): CallerIdCase {
  // Half: the mobile person N+r would have (same plan, not stored); half: +81 90 xxxx xxxx.
  const e164 = rng.chance(0.5) ? benchNumber(opts.persons + rng.int(opts.persons)).e164 : `+8190${String(10_000_000 + rng.int(90_000_000))}`;
  const idd = iddOf(opts.home);
  const international = idd !== undefined && rng.chance(0.5);
  const callerId = international ? `${idd}${digitsOf(e164)}` : e164;
  return { tier: 'miss', format: international ? 'idd' : 'e164', callerId, key: digitsOf(e164), tail9: tail9(e164) };
}

/** Fisher–Yates with the seeded generator: tiers interleave, so they meet the same conditions. */
export function shuffle<T>(items: T[], rng: Prng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i] as T;
    items[i] = items[j] as T;
    items[j] = t;
  }
  return items;
}

/** `perTier` cases of each tier (exact hits spread over the formats), in random order. */
export function buildWorkload(opts: WorkloadOptions): CallerIdCase[] {
  const rng = createPrng(opts.seed);
  // The national and IDD forms need the home country's plan, known for the generated countries.
  const formats = EXACT_FORMATS.filter((f) => (f !== 'national' && f !== 'idd') || isDemoCountry(opts.home));
  const cases: CallerIdCase[] = [];
  for (let i = 0; i < opts.perTier; i++) cases.push(exactCase(rng, formats[i % formats.length] as CallerIdFormat, opts));
  for (let i = 0; i < opts.perTier; i++) cases.push(prefixCase(rng, opts));
  for (let i = 0; i < opts.perTier; i++) cases.push(missCase(rng, opts));
  return shuffle(cases, rng);
}

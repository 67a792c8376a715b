/**
 * The rows of a large generated data set, as pure functions of (seed, index): company k
 * and person i come out the same on every run and on every dialect, so the benchmarks
 * can compute numbers and names that exist without reading the database.
 *
 * Shape: N persons, ⌈N/5⌉ companies in ten countries (company k is in country k mod 10).
 * Each company owns a block of numbers (a stem and 2–3 extension digits): its
 * switchboard is the stem + zeros (German companies write it `0211 2345-0`, DIN 5008),
 * its fax the stem + nines, and each of its five persons has a direct line in the
 * block plus a mobile number unique to the person (so about 2 numbers per person).
 */
import { COUNTRIES, DEMO_COUNTRIES, INDUSTRIES, type City, type DemoCountry } from './countries.js';
import { blockForm, e164Of, typeNumber, type NumberParts } from './phone-formats.js';
import { createPrng, mixSeed, type Prng } from './prng.js';

export const PERSONS_PER_COMPANY = 5;

export interface GeneratedPhone { kind: 'switchboard' | 'fax' | 'direct' | 'mobile'; value: string }
export interface GeneratedCompany {
  index: number; country: DemoCountry; name: string; website: string; address: string; city: string; postcode: string;
  phones: GeneratedPhone[];
}
export interface GeneratedPerson {
  index: number; companyIndex: number; country: DemoCountry; firstName: string; lastName: string; title: string;
  address: string; city: string; postcode: string; email: string; phones: GeneratedPhone[];
}

export const companyCount = (persons: number): number => Math.max(1, Math.ceil(persons / PERSONS_PER_COMPANY));
export const companyOf = (person: number): number => Math.floor(person / PERSONS_PER_COMPANY);

/** `x` as `digits` digits starting 2–9 (no trunk or service prefix), wrapping past capacity. */
function encode(x: number, digits: number): string {
  const span = 8 * 10 ** (digits - 1);
  return String(2 * 10 ** (digits - 1) + (x % span));
}

interface Block { country: DemoCountry; city: City; stem: string; extLength: number }

function blockOf(company: number): Block {
  const country = DEMO_COUNTRIES[company % DEMO_COUNTRIES.length] as DemoCountry;
  const inCountry = Math.floor(company / DEMO_COUNTRIES.length);
  const cities = COUNTRIES[country].cities;
  const city = cities[inCountry % cities.length] as City;
  const extLength = city.restLength >= 7 ? 3 : 2;
  const stem = encode(Math.floor(inCountry / cities.length), city.restLength - extLength);
  return { country, city, stem, extLength };
}

const blockNumber = (b: Block, ext: string): NumberParts => ({ country: b.country, area: b.city.area, rest: b.stem + ext });

/** The index of person i among the persons of its country: mobiles stay unique per country. */
function personInCountry(person: number): number {
  const group = PERSONS_PER_COMPANY * DEMO_COUNTRIES.length;
  return Math.floor(person / group) * PERSONS_PER_COMPANY + (person % PERSONS_PER_COMPANY);
}

function mobileOf(person: number, country: DemoCountry): NumberParts {
  const m = COUNTRIES[country].mobile;
  return { country, area: m.prefix, rest: encode(personInCountry(person), m.restLength) };
}

const slug = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function lastNameOf(country: DemoCountry, rng: Prng): string {
  const names = COUNTRIES[country].lastNames;
  // Spaniards carry two surnames; elsewhere a double-barrelled name now and then.
  if (country === 'ES') return `${rng.pick(names)} ${rng.pick(names)}`;
  return rng.chance(0.15) ? `${rng.pick(names)}-${rng.pick(names)}` : rng.pick(names);
}

function companyName(country: DemoCountry, rng: Prng): string {
  const c = COUNTRIES[country];
  switch (rng.int(3)) {
    case 0: return `${rng.pick(c.companyWords)} ${rng.pick(INDUSTRIES)} ${rng.pick(c.companySuffixes)}`;
    case 1: return `${rng.pick(c.lastNames)} ${rng.pick(INDUSTRIES)} ${rng.pick(c.companySuffixes)}`;
    default: return `${rng.pick(c.lastNames)} & ${rng.pick(c.lastNames)} ${rng.pick(c.companySuffixes)}`;
  }
}

const companyDomain = (name: string, index: number): string => `${slug(name).slice(0, 30)}-${index.toString(36)}.example`;

export function generateCompany(seed: number, index: number, home: string): GeneratedCompany {
  const rng = createPrng(mixSeed(seed, 1, index));
  const b = blockOf(index);
  const c = COUNTRIES[b.country];
  const name = companyName(b.country, rng);
  const zeros = '0'.repeat(b.extLength);
  const switchboard = b.country === 'DE'
    ? blockForm(blockNumber(b, '0'), b.stem, '0', home)
    : typeNumber(blockNumber(b, zeros), home, rng);
  return {
    index, country: b.country, name, website: `https://www.${companyDomain(name, index)}`,
    address: c.street(rng.between(1, 240), rng.pick(c.streetNames)), city: b.city.name, postcode: rng.pick(b.city.postcodes),
    phones: [
      { kind: 'switchboard', value: switchboard },
      { kind: 'fax', value: typeNumber(blockNumber(b, '9'.repeat(b.extLength)), home, rng) },
    ],
  };
}

const TITLES = ['Sales Manager', 'Accountant', 'Purchasing Officer', 'Office Manager', 'Managing Director', 'Engineer', 'Customer Service', 'IT Manager', 'Logistics Coordinator', 'Assistant'];

/** Direct-line extension of the p-th person of a company: 101, 102, … (or 11, 12, …). */
const extensionOf = (position: number, extLength: number): string => String(10 ** (extLength - 1) + 1 + position);

export function generatePerson(seed: number, index: number, home: string): GeneratedPerson {
  const rng = createPrng(mixSeed(seed, 2, index));
  const companyIndex = companyOf(index);
  const b = blockOf(companyIndex);
  const c = COUNTRIES[b.country];
  const firstName = rng.pick(c.firstNames);
  const lastName = lastNameOf(b.country, rng);
  const ext = extensionOf(index % PERSONS_PER_COMPANY, b.extLength);
  const direct = b.country === 'DE' ? blockForm(blockNumber(b, ext), b.stem, ext, home) : typeNumber(blockNumber(b, ext), home, rng);
  const companyNameForMail = companyName(b.country, createPrng(mixSeed(seed, 1, companyIndex)));
  return {
    index, companyIndex, country: b.country, firstName, lastName, title: rng.pick(TITLES),
    address: c.street(rng.between(1, 240), rng.pick(c.streetNames)), city: b.city.name, postcode: rng.pick(b.city.postcodes),
    email: `${slug(firstName)}.${slug(lastName)}@${companyDomain(companyNameForMail, companyIndex)}`,
    phones: [
      { kind: 'direct', value: direct },
      { kind: 'mobile', value: typeNumber(mobileOf(index, b.country), home, rng) },
    ],
  };
}

/** A number the bulk data holds: person i's mobile, unique to that person (below ~8M persons). */
export function benchNumber(person: number): { e164: string; national: string; tail: string; country: DemoCountry } {
  const companyCountry = DEMO_COUNTRIES[Math.floor(person / PERSONS_PER_COMPANY) % DEMO_COUNTRIES.length] as DemoCountry;
  const parts = mobileOf(person, companyCountry);
  const e164 = e164Of(parts);
  const c = COUNTRIES[companyCountry];
  return { e164, national: `${c.trunk}${parts.area} ${parts.rest}`, tail: parts.rest, country: companyCountry };
}

/**
 * Company k's number block: the stem's E.164 digits (a prefix of every direct line of
 * the company) and a caller ID inside the block that no CRM record holds exactly.
 */
export function benchBlock(company: number): { country: DemoCountry; stemDigits: string; switchboard: string; unlistedDirectLine: string } {
  const b = blockOf(company);
  const cc = COUNTRIES[b.country].callingCode;
  const stemDigits = `${cc}${b.city.area}${b.stem}`;
  const last = String(10 ** b.extLength - 2);
  return {
    country: b.country, stemDigits,
    switchboard: `+${stemDigits}${b.country === 'DE' ? '0' : '0'.repeat(b.extLength)}`,
    unlistedDirectLine: `+${stemDigits}${last}`,
  };
}

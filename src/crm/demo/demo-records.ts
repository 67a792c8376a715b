/**
 * The demo companies and persons, as plain inputs for RecordService: 200 companies and
 * 600 persons in ten countries, numbers from the regulators' fiction ranges where there
 * are some, typed as people type them. The first three companies are the cases the
 * spec names: two persons sharing one number (R6.6's Arthur Browne and Ben Barrow), a
 * switchboard with direct lines in its block, and a German block typed `0211 12345-0`.
 */
import { COUNTRIES, DEMO_COUNTRIES, INDUSTRIES, type City, type DemoCountry } from './countries.js';
import { blockForm, e164Of, typeNumber, type NumberParts } from './phone-formats.js';
import { createPrng, type Prng } from './prng.js';

export interface DemoPhone { kind: 'business' | 'direct' | 'mobile' | 'home' | 'fax' | 'switchboard'; value: string }
export interface DemoEmail { kind: 'business' | 'personal'; value: string }
export interface DemoCompany {
  name: string; website: string; address: string; city: string; postcode: string; country: string;
  phones: DemoPhone[]; emails: DemoEmail[];
}
export interface DemoPerson {
  firstName: string; lastName: string; jobTitle: string; company: number | null;
  address: string | null; city: string; postcode: string | null; country: string;
  phones: DemoPhone[]; emails: DemoEmail[];
}
export interface DemoSet { companies: DemoCompany[]; persons: DemoPerson[] }

export const DEMO_COMPANIES = 200;
export const DEMO_PERSONS = 600;
const PERSONS_PER_COMPANY = 3;

const slug = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const countryName = (c: DemoCountry): string => COUNTRIES[c].name;

/** Numbers drawn from the fiction ranges (or plausible ones), never twice. */
class NumberPool {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Prng, reserved: readonly string[]) {
    for (const r of reserved) this.used.add(r);
  }

  private draw(country: DemoCountry, area: string, restLength: number, fiction: string | undefined): NumberParts {
    for (let attempt = 0; ; attempt++) {
      const head = fiction ?? String(this.rng.between(2, 9));
      let rest = head;
      while (rest.length < restLength) rest += String(this.rng.int(10));
      const n = { country, area, rest };
      if (!this.used.has(e164Of(n))) { this.used.add(e164Of(n)); return n; }
      if (attempt > 1000) throw new Error(`demo number range exhausted for ${country} ${area}`);
    }
  }

  landline(country: DemoCountry, city: City): NumberParts {
    return this.draw(country, city.area, city.restLength, city.fiction);
  }

  mobile(country: DemoCountry): NumberParts {
    const m = COUNTRIES[country].mobile;
    return this.draw(country, m.prefix, m.restLength, m.fiction);
  }
}

/** The spec's named cases, typed for a CRM whose home country is `home`. */
function namedCases(home: string): DemoSet {
  const us = (v: string) => (home === 'US' ? v : `+${v}`);
  const de = (ext: string) => blockForm({ country: 'DE', area: '211', rest: '' }, '12345', ext, home);
  const company = (name: string, country: DemoCountry, city: string, postcode: string, address: string, phones: DemoPhone[]): DemoCompany => ({
    name, website: `https://www.${slug(name)}.example`, address, city, postcode, country: countryName(country), phones,
    emails: [{ kind: 'business', value: `info@${slug(name)}.example` }],
  });
  const person = (firstName: string, lastName: string, jobTitle: string, companyIndex: number, c: DemoCompany, phones: DemoPhone[]): DemoPerson => ({
    firstName, lastName, jobTitle, company: companyIndex, address: null, city: c.city, postcode: null, country: c.country, phones,
    emails: [{ kind: 'business', value: `${slug(firstName)}.${slug(lastName)}@${slug(c.name)}.example` }],
  });
  const browne = company('Browne & Barrow Associates', 'US', 'New York', '10001', '7 Penn Plaza', [{ kind: 'switchboard', value: us('1 212 555-0100') }]);
  const pennine = company('Pennine Precision Engineering Ltd', 'GB', 'Manchester', 'M1 1AE', '14 Deansgate', [
    { kind: 'switchboard', value: '+44 161 496 0000' }, { kind: 'fax', value: '+44 161 496 0099' },
  ]);
  const rheinberg = company('Rheinberg Armaturen GmbH', 'DE', 'Düsseldorf', '40212', 'Königsallee 92', [
    { kind: 'switchboard', value: de('0') }, { kind: 'fax', value: de('99') },
  ]);
  return {
    companies: [browne, pennine, rheinberg],
    persons: [
      person('Arthur', 'Browne', 'Partner', 0, browne, [{ kind: 'business', value: us('1 212 736-4440') }]),
      person('Ben', 'Barrow', 'Partner', 0, browne, [{ kind: 'business', value: us('1 212 736-4440') }]),
      person('Harriet', 'Lockwood', 'Purchasing Manager', 1, pennine, [{ kind: 'direct', value: '+44 161 496 0012' }, { kind: 'mobile', value: '+44 7700 900461' }]),
      person('Samuel', 'Whitworth', 'Works Engineer', 1, pennine, [{ kind: 'direct', value: '+44 161 496 0013' }]),
      person('Jürgen', 'Hoffmann', 'Einkaufsleiter', 2, rheinberg, [{ kind: 'direct', value: de('67') }, { kind: 'mobile', value: '+49 151 23456789' }]),
      person('Katrin', 'Becker', 'Vertrieb Innendienst', 2, rheinberg, [{ kind: 'direct', value: de('68') }]),
    ],
  };
}

const RESERVED = ['+12125550100', '+12127364440', '+441614960000', '+441614960099', '+441614960012', '+441614960013', '+447700900461'];
const TITLES = ['Sales Manager', 'Accounts Payable', 'Purchasing Manager', 'Office Manager', 'Managing Director', 'Operations Director', 'IT Manager', 'Customer Service Lead', 'Logistics Coordinator', 'Personal Assistant', 'Head of Procurement', 'Finance Director'];

function generatedCompany(rng: Prng, pool: NumberPool, country: DemoCountry, taken: Set<string>, home: string): { company: DemoCompany; city: City } {
  const c = COUNTRIES[country];
  const draw = (): string => (rng.chance(0.5)
    ? `${rng.pick(c.companyWords)} ${rng.pick(INDUSTRIES)} ${rng.pick(c.companySuffixes)}`
    : `${rng.pick(c.lastNames)}${rng.chance(0.4) ? ` & ${rng.pick(c.lastNames)}` : ` ${rng.pick(INDUSTRIES)}`} ${rng.pick(c.companySuffixes)}`);
  let name = draw();
  while (taken.has(name)) name = draw();
  taken.add(name);
  const city = rng.pick(c.cities);
  const phones: DemoPhone[] = [{ kind: 'switchboard', value: typeNumber(pool.landline(country, city), home, rng) }];
  if (rng.chance(0.4)) phones.push({ kind: 'fax', value: typeNumber(pool.landline(country, city), home, rng) });
  if (rng.chance(0.2)) phones.push({ kind: 'business', value: typeNumber(pool.landline(country, city), home, rng) });
  const domain = `${slug(name)}.example`;
  return {
    city,
    company: {
      name, website: `https://www.${domain}`, address: c.street(rng.between(1, 250), rng.pick(c.streetNames)),
      city: city.name, postcode: rng.pick(city.postcodes), country: c.name, phones,
      emails: [{ kind: 'business', value: `${rng.pick(['info', 'contact', 'hello', 'office', 'sales'])}@${domain}` }],
    },
  };
}

function generatedPerson(rng: Prng, pool: NumberPool, country: DemoCountry, city: City, company: { index: number; name: string } | null, home: string): DemoPerson {
  const c = COUNTRIES[country];
  const firstName = rng.pick(c.firstNames);
  const lastName = country === 'ES' ? `${rng.pick(c.lastNames)} ${rng.pick(c.lastNames)}` : rng.pick(c.lastNames);
  const phones: DemoPhone[] = [{ kind: company ? (rng.chance(0.6) ? 'direct' : 'business') : 'home', value: typeNumber(pool.landline(country, city), home, rng) }];
  if (rng.chance(0.7)) phones.push({ kind: 'mobile', value: typeNumber(pool.mobile(country), home, rng) });
  if (company && rng.chance(0.1)) phones.push({ kind: 'home', value: typeNumber(pool.landline(country, city), home, rng) });
  const emails: DemoEmail[] = company ? [{ kind: 'business', value: `${slug(firstName)}.${slug(lastName)}@${slug(company.name)}.example` }] : [];
  if (!company || rng.chance(0.2)) emails.push({ kind: 'personal', value: `${slug(firstName)}${rng.between(1, 99)}@mail.example` });
  return {
    firstName, lastName, jobTitle: rng.pick(TITLES), company: company?.index ?? null,
    address: company ? null : c.street(rng.between(1, 250), rng.pick(c.streetNames)), city: city.name,
    postcode: company ? null : rng.pick(city.postcodes), country: c.name, phones, emails,
  };
}

/** The whole demo set; the same for the same home country and seed. */
export function buildDemoSet(home: string, seed = 1): DemoSet {
  const rng = createPrng(seed);
  const colleagues = Array.from({ length: DEMO_COLLEAGUES_MAX }, (_, i) => e164Of(colleagueParts(home, i)));
  const pool = new NumberPool(rng, [...RESERVED, ...colleagues]);
  const set = namedCases(home);
  const taken = new Set(set.companies.map((c) => c.name));
  const cities: City[] = [];
  for (let i = set.companies.length; i < DEMO_COMPANIES; i++) {
    const country = DEMO_COUNTRIES[i % DEMO_COUNTRIES.length] as DemoCountry;
    const { company, city } = generatedCompany(rng, pool, country, taken, home);
    set.companies.push(company);
    cities[i] = city;
  }
  for (let i = 3; set.persons.length < DEMO_PERSONS; i++) {
    const companyIndex = i < DEMO_COMPANIES ? i : null;
    const country = DEMO_COUNTRIES[i % DEMO_COUNTRIES.length] as DemoCountry;
    const city = (companyIndex !== null ? cities[companyIndex] : undefined) ?? rng.pick(COUNTRIES[country].cities);
    const company = companyIndex !== null ? { index: companyIndex, name: (set.companies[companyIndex] as DemoCompany).name } : null;
    for (let p = 0; p < PERSONS_PER_COMPANY && set.persons.length < DEMO_PERSONS; p++) {
      set.persons.push(generatedPerson(rng, pool, country, city, company, home));
    }
  }
  return set;
}

/** Colleagues' own numbers (R4.4): home country, fiction range, kept out of the records' pool. */
export const DEMO_COLLEAGUES_MAX = 20;

function colleagueParts(home: string, index: number): NumberParts {
  const country = (DEMO_COUNTRIES as readonly string[]).includes(home) ? (home as DemoCountry) : 'US';
  const city = COUNTRIES[country].cities[0] as City;
  const head = city.fiction ?? '7';
  return { country, area: city.area, rest: head + String(50 + index).padStart(city.restLength - head.length, '0') };
}

export const colleaguePhone = (home: string, index: number): string =>
  typeNumber(colleagueParts(home, index), home, createPrng(index));

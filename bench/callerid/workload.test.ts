import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '../../src/crm/demo/bulk-seed.js';
import { generateCompany, generatePerson } from '../../src/crm/demo/bulk-rows.js';
import { candidateKeys, indexKeysFor, type CountryCode, type PhoneContext } from '../../src/phone/index.js';
import { buildWorkload, nationalOf } from './workload.js';

const contextOf = (country: CountryCode): PhoneContext => ({ defaultCountry: country, defaultAreaCode: '', internalLength: 4, outsidePrefix: '9' });
const PERSONS = 10_000;

describe.each(['US', 'DE', 'JP'] as const)('the caller-ID workload with home country %s (R6.6)', (home) => {
  const ctx = contextOf(home);
  const cases = buildWorkload({ persons: PERSONS, home, perTier: 400, seed: 5 });

  it('has as many cases in every tier, interleaved', () => {
    const tiers = cases.map((c) => c.tier);
    expect(tiers.filter((t) => t === 'exact')).toHaveLength(400);
    expect(tiers.filter((t) => t === 'prefix')).toHaveLength(400);
    expect(tiers.filter((t) => t === 'miss')).toHaveLength(400);
    expect(tiers.slice(0, 30)).toEqual(expect.arrayContaining(['exact', 'prefix', 'miss']));
  });

  it('sends exact hits in every format, national and IDD ones only when the home plan is known', () => {
    const formats = new Set(cases.filter((c) => c.tier === 'exact').map((c) => c.format));
    expect([...formats].sort()).toEqual(home === 'JP' ? ['e164', 'no-plus', 'sip-uri'] : ['e164', 'idd', 'national', 'no-plus', 'sip-uri']);
  });

  it('reads every exact hit as the stored number, as an exact or variant key', () => {
    for (const c of cases.filter((x) => x.tier === 'exact')) {
      const k = candidateKeys(c.callerId, ctx);
      expect([...k.exact, ...k.variants], `${c.format} ${c.callerId}`).toContain(c.key);
    }
  });

  it('expects for an exact hit a key the seeder writes for some person\'s stored mobile', () => {
    const exact = cases.filter((x) => x.tier === 'exact').slice(0, 50);
    const stored = new Set<string>();
    for (let i = 0; i < PERSONS; i++) {
      const mobile = generatePerson(DEFAULT_SEED, i, home).phones.find((p) => p.kind === 'mobile');
      for (const k of indexKeysFor(mobile?.value ?? '', ctx)) stored.add(k.key);
    }
    for (const c of exact) expect(stored.has(c.key), c.callerId).toBe(true);
  });

  it('reaches for a prefix hit the block key of a German switchboard, which the seeder stores', () => {
    for (const c of cases.filter((x) => x.tier === 'prefix')) {
      const k = candidateKeys(c.callerId, ctx);
      expect(k.prefixes, c.callerId).toContain(c.key);
      expect(k.exact.length + k.variants.length).toBeGreaterThan(0);
    }
    const c = cases.find((x) => x.tier === 'prefix');
    const company = [...Array(PERSONS / 5).keys()].map((k) => generateCompany(DEFAULT_SEED, k, home))
      .find((co) => co.country === 'DE' && indexKeysFor(co.phones[0]?.value ?? '', ctx).some((k) => k.key === c?.key));
    expect(company?.phones[0]?.value).toMatch(/-0$/);
  });

  it('gives misses well-formed numbers that are not the stored mobiles', () => {
    const stored = new Set(cases.filter((x) => x.tier === 'exact').map((x) => x.key));
    for (const c of cases.filter((x) => x.tier === 'miss')) {
      expect(candidateKeys(c.callerId, ctx).exact, c.callerId).toEqual([c.key]);
      expect(stored.has(c.key)).toBe(false);
    }
  });

  it('keeps the last nine digits of the number for the LIKE scan', () => {
    for (const c of cases) expect(c.callerId.replace(/\D/g, '')).toContain(c.tail9);
  });
});

describe('national caller IDs', () => {
  it('are ten digits in the NANP and trunk prefix + number elsewhere', () => {
    expect(nationalOf('+12125550100', 'US')).toBe('2125550100');
    expect(nationalOf('+4915120000001', 'DE')).toBe('015120000001');
    expect(nationalOf('+34612345678', 'ES')).toBe('612345678');
  });
});

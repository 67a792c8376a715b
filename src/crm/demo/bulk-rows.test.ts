import { describe, expect, it } from 'vitest';
import { phoneKeyer } from '../phone-settings.js';
import { benchBlock, benchNumber, companyCount, generateCompany, generatePerson } from './bulk-rows.js';
import { createPrng } from './prng.js';

const keyer = phoneKeyer({ defaultCountry: 'US', defaultAreaCode: '', internalLength: 4, outsidePrefix: '9' });
const e164 = (value: string | undefined) => keyer.keys(value ?? '').e164;

describe('bulk rows', () => {
  it('are a pure function of seed and index', () => {
    expect(generatePerson(5, 1234, 'US')).toEqual(generatePerson(5, 1234, 'US'));
    expect(generatePerson(5, 1234, 'US')).not.toEqual(generatePerson(6, 1234, 'US'));
    expect(generateCompany(5, 77, 'US')).toEqual(generateCompany(5, 77, 'US'));
  });

  it('give person i the mobile number benchNumber(i) names', () => {
    for (const i of [0, 1, 49, 50, 12_345, 999_999]) {
      const mobile = generatePerson(1, i, 'US').phones.find((p) => p.kind === 'mobile');
      expect(e164(mobile?.value)).toBe(benchNumber(i).e164);
      expect(benchNumber(i).e164.endsWith(benchNumber(i).tail)).toBe(true);
    }
  });

  it('never give two of the first 100,000 persons the same mobile number', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(benchNumber(i).e164);
    expect(seen.size).toBe(100_000);
  });

  it('put a company and its five persons in one country and one number block', () => {
    for (const k of [0, 9, 10, 4321]) {
      const block = benchBlock(k);
      expect(e164(generateCompany(1, k, 'US').phones[0]?.value)).toBe(block.switchboard);
      for (let i = k * 5; i < k * 5 + 5; i++) {
        const p = generatePerson(1, i, 'US');
        expect(p.companyIndex).toBe(k);
        expect(p.country).toBe(block.country);
        expect(e164(p.phones[0]?.value)?.startsWith(`+${block.stemDigits}`)).toBe(true);
      }
    }
    expect(companyCount(1_000_000)).toBe(200_000);
    expect(companyCount(7)).toBe(2);
  });
});

describe('the seeded generator', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const r = createPrng(1);
    const ints = Array.from({ length: 1000 }, () => r.between(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });
});

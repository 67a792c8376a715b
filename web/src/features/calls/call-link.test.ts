import { describe, expect, it } from 'vitest';
import { formatPhone, isWithheld } from '../../lib/phone-format.js';
import { callContext, callScreenHash, displayNumber, matchHash } from './call-link.js';
import type { CallerMatch } from './call-types.js';

const arthur: CallerMatch = { type: 'person', id: 7, name: 'Arthur Browne', company: { id: 3, name: 'Browne & Co' }, phone: '212 736-4440', reason: 'exact' };
const acme: CallerMatch = { type: 'company', id: 4, name: 'Acme', phone: '+1 212 736 4400', reason: 'prefix' };

describe('the active call link opens the user CTI call screen pre-filled (R6.8)', () => {
  it('opens New Opportunity with the matched person and their company', () => {
    expect(callScreenHash('new-opportunity', { matches: [arthur, acme] })).toBe('#/opportunities/new?companyId=3&personId=7');
  });

  it('opens New Case with only the company when only a company matched', () => {
    expect(callScreenHash('new-case', { matches: [acme] })).toBe('#/cases/new?companyId=4');
  });

  it('opens an empty New Lead for an unknown caller', () => {
    expect(callScreenHash('new-lead', { matches: [] })).toBe('#/leads/new');
  });

  it('opens the company summary of the match, or nothing when there is none', () => {
    expect(callScreenHash('company-summary', { matches: [arthur] })).toBe('#/companies/3');
    expect(callScreenHash('company-summary', { matches: [] })).toBeNull();
  });

  it('opens the person summary, falling back to the company', () => {
    expect(callScreenHash('person-summary', { matches: [arthur] })).toBe('#/persons/7');
    expect(callScreenHash('person-summary', { matches: [acme] })).toBe('#/companies/4');
  });

  it('takes the company from the first company match when the person has none', () => {
    const { company: _c, ...loner } = arthur;
    expect(callContext({ matches: [loner, acme] })).toEqual({ personId: 7, companyId: 4 });
  });
});

describe('the call screen shows numbers and links (R6.1, R6.4)', () => {
  it('links persons and companies, not colleagues', () => {
    expect(matchHash(arthur)).toBe('#/persons/7');
    expect(matchHash(acme)).toBe('#/companies/4');
    expect(matchHash({ type: 'user', id: 2, name: 'Bob', phone: '202', reason: 'internal' })).toBeNull();
  });

  it('shows the number with country and area code as its country writes it (R6.4, issue 12), a colleague by extension, a withheld number in words', () => {
    const number = { raw: '2127364440', e164: '+12127364440', canonical: '+1 (212) 7364440', dialable: '912127364440' };
    const us = (v: string): string => (isWithheld(v) ? 'Withheld number' : formatPhone(v, 'US', 'international'));
    expect(displayNumber({ number, internal: false }, us)).toBe('+1 212 736 4440');
    expect(displayNumber({ number: { raw: '202', e164: null, canonical: null, dialable: '202' }, internal: true }, us)).toBe('202');
    expect(displayNumber({ number: { raw: 'anonymous', e164: null, canonical: null, dialable: null, withheld: true }, internal: false }, us)).toBe('Withheld number');
  });
});

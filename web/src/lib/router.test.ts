import { describe, expect, it } from 'vitest';
import { parseHash } from './router.js';

describe('the hash router', () => {
  it('reads path segments and the query of a pre-filled form (R6.8)', () => {
    const r = parseHash('#/opportunities/new?companyId=3&personId=7');
    expect(r.segments).toEqual(['opportunities', 'new']);
    expect(r.params.get('companyId')).toBe('3');
    expect(r.params.get('personId')).toBe('7');
  });

  it('treats an empty hash as the home route', () => {
    expect(parseHash('').segments).toEqual([]);
    expect(parseHash('#/').segments).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reindexPhones } from '../../src/crm/reindex.js';
import { phoneContextOf, phoneKeyer } from '../../src/crm/phone-settings.js';
import { DIALECTS } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(DIALECTS)('numbers through the API on %s (R6.5, R6.6)', (dialect) => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await startTestApp(dialect);
    await t.request(t.admin, 'POST', '/api/setup', { country: 'US', areaCode: '202', outsidePrefix: '9' });
    const company = async (name: string, value: string, kind = 'switchboard') =>
      (await t.request(t.agent, 'POST', '/api/companies', { name, phones: [{ kind, value }] })).json().id as number;
    const person = async (firstName: string, lastName: string, value: string, companyId?: number) =>
      (await t.request(t.agent, 'POST', '/api/persons', { firstName, lastName, companyId: companyId ?? null, phones: [{ kind: 'business', value }] })).json().id as number;
    ids.penn = await company('Penn Plaza Partners', '1 212 736-4400');
    ids.arthur = await person('Arthur', 'Browne', '1 212 736-4440', ids.penn);
    ids.ben = await person('Ben', 'Barrow', '+1 (212) 736-4440');
    ids.mersey = await company('Mersey Tools', '+44 161 496 00xx');
    ids.kohl = await company('Kohl GmbH', '+49 211 12345-0');
    ids.london = await person('Lucy', 'Lambeth', '+44 20 7946 0123');
    await t.request(t.admin, 'PATCH', '/api/users/2', { phone: '+1 202 555 0142' });
  });
  afterAll(async () => { await t.close(); });

  const match = async (callerId: string) => (await t.request(t.agent, 'GET', `/api/phone/match?callerId=${encodeURIComponent(callerId)}`)).json();

  it.each([
    ['+ 44 (161) 5527789', '9011441615527789', 'international', '+44 (161) 5527789'],
    ['44 161 5527789', '9011441615527789', 'international', '+44 (161) 5527789'],
    ['1234', '1234', 'internal', null],
  ])('previews what %s will dial', async (input, dialable, kind, canonical) => {
    const res = await t.request(t.agent, 'GET', `/api/phone/preview?number=${encodeURIComponent(input)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dialable, kind, canonical });
    expect(res.json().preview).toMatch(/^will dial /);
  });

  it.each([
    ['(212) 555-0136', '+12125550136', '9 1 2125550136'],
    ['212.555.0136', '+12125550136', '9 1 2125550136'],
    ['+1 (415) 555-0100', '+14155550100', '9 1 4155550100'],
    ['0044 20 7946 0958', '+442079460958', '9011442079460958'],
    ['+49 (0)30 1234567', '+49301234567', '901149301234567'],
    ['tel:+1-212-736-4440;ext=12', '+12127364440', '912127364440'],
  ])('previews what people paste (issue 12 §3, R5.4): %s', async (input, e164, dialable) => {
    const res = await t.request(t.agent, 'GET', `/api/phone/preview?number=${encodeURIComponent(input)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ e164, dialable: dialable.replace(/ /g, '') });
  });

  it('refuses a typed number with a letter, naming the character and saying what to change (R6.5)', async () => {
    const res = await t.request(t.agent, 'GET', `/api/phone/preview?number=${encodeURIComponent('0161-552-77B9')}`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'invalid-phone-number', details: { reason: 'character-not-allowed', char: 'B', position: 12 } });
    expect(res.json().error.message).toContain('remove the character "B"');
  });

  it('lists both persons sharing 1 212 736-4440 as exact matches, with their company', async () => {
    const r = await match('+12127364440');
    expect(r.internal).toBe(false);
    expect(r.matches.map((m: { name: string; reason: string }) => [m.name, m.reason])).toEqual([['Arthur Browne', 'exact'], ['Ben Barrow', 'exact']]);
    expect(r.matches[0].company).toEqual({ id: ids.penn, name: 'Penn Plaza Partners' });
  });

  it.each(['011442079460123', '442079460123', '+44 20 7946 0123', 'sip:+442079460123@carrier.example;user=phone', 'tel:+44-20-7946-0123'])(
    'finds the same person whatever the caller-ID format: %s', async (callerId) => {
      const r = await match(callerId);
      expect(r.matches.map((m: { id: number; type: string }) => [m.type, m.id])).toContainEqual(['person', ids.london]);
    });

  it('finds a company by its switchboard or number block as a prefix of a direct line', async () => {
    const uk = await match('+441614960042');
    expect(uk.matches).toEqual([expect.objectContaining({ type: 'company', id: ids.mersey, reason: 'prefix' })]);
    const de = await match('+492111234567');
    expect(de.matches[0]).toMatchObject({ type: 'company', id: ids.kohl, reason: 'prefix' });
  });

  it('recognises a colleague by extension or phone as internal (R4.4)', async () => {
    const byExt = await match('1001');
    expect(byExt.internal).toBe(true);
    expect(byExt.matches).toEqual([expect.objectContaining({ type: 'user', name: 'Alice Agent', reason: 'internal' })]);
    const byPhone = await match('2025550142');
    expect(byPhone.internal).toBe(true);
  });

  it.each(['anonymous', 'Restricted', '', 'withheld'])('never matches a withheld caller ID (%j)', async (callerId) => {
    if (callerId === '') {
      expect((await t.request(t.agent, 'GET', '/api/phone/match?callerId=')).statusCode).toBe(400);
      return;
    }
    const r = await match(callerId);
    expect(r).toMatchObject({ internal: false, matches: [] });
  });

  it('attaches an unmatched number to a person in one call, and it then matches', async () => {
    expect((await match('+33 6 12 34 56 78')).matches).toEqual([]);
    const res = await t.request(t.agent, 'POST', '/api/phone/attach', { number: '+33 6 12 34 56 78', type: 'person', id: ids.arthur, kind: 'mobile' });
    expect(res.statusCode).toBe(200);
    expect(res.json().phones.map((p: { kind: string }) => p.kind)).toEqual(['business', 'mobile']);
    expect((await match('011 33 6 12 34 56 78')).matches).toEqual([expect.objectContaining({ id: ids.arthur, reason: 'exact', field: 'phone:mobile' })]);
  });

  it('rebuilds the index after the default country changes', async () => {
    const before = await t.request(t.agent, 'POST', '/api/persons', { lastName: 'Localtyped', phones: [{ kind: 'business', value: '020 7946 0999' }] });
    expect(before.json().phones[0].e164).not.toBe('+442079460999');
    await t.request(t.admin, 'PUT', '/api/settings', { country: 'GB', areaCode: '20' });
    await reindexPhones(t.app.db, phoneKeyer(phoneContextOf(t.app.services.settings.get())));
    const r = await match('+442079460999');
    expect(r.matches.map((m: { name: string }) => m.name)).toEqual(['Localtyped']);
    expect((await match('+12127364440')).matches).toHaveLength(2);
  });
});

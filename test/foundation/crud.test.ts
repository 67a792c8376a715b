import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(DIALECTS)('CRM records on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  it('creates, reads, updates, lists and deletes a company with its phones', async () => {
    const created = await t.request(t.agent, 'POST', '/api/companies', {
      name: 'Acme Widgets', website: 'https://acme.example', city: 'Manchester',
      phones: [{ kind: 'switchboard', value: '+44 161 552 7700' }, { kind: 'fax', value: '(0161) 552-7701' }],
      emails: [{ kind: 'business', value: 'hello@acme.example' }],
    });
    expect(created.statusCode).toBe(201);
    const company = created.json();
    expect(company.phones).toHaveLength(2);
    expect(company.phones[0].e164).toBe('+441615527700');

    const got = (await t.request(t.agent, 'GET', `/api/companies/${company.id}`)).json();
    expect(got.name).toBe('Acme Widgets');

    const patched = await t.request(t.agent, 'PATCH', `/api/companies/${company.id}`, { city: 'Salford' });
    expect(patched.json().city).toBe('Salford');
    expect(patched.json().phones).toHaveLength(2);

    const list = (await t.request(t.agent, 'GET', '/api/companies?q=acm')).json();
    expect(list.items.map((c: { name: string }) => c.name)).toContain('Acme Widgets');

    expect((await t.request(t.agent, 'DELETE', `/api/companies/${company.id}`)).statusCode).toBe(200);
    expect((await t.request(t.agent, 'GET', `/api/companies/${company.id}`)).statusCode).toBe(404);
  });

  it('searches persons by name prefix (first or last) and by phone digits in any format', async () => {
    const company = (await t.request(t.agent, 'POST', '/api/companies', { name: 'Browne & Barrow' })).json();
    for (const [firstName, lastName, value] of [['Arthur', 'Browne', '1 212 736-4440'], ['Ben', 'Barrow', '+1 (212) 736-4440'], ['Zoë', 'Émile', '+33 1 42 68 53 00']]) {
      const res = await t.request(t.agent, 'POST', '/api/persons', { firstName, lastName, companyId: company.id, phones: [{ kind: 'business', value }] });
      expect(res.statusCode).toBe(201);
    }
    const byLast = (await t.request(t.agent, 'GET', '/api/persons?q=brow')).json();
    expect(byLast.items.map((p: { title: string }) => p.title)).toEqual(['Arthur Browne']);
    const byFirst = (await t.request(t.agent, 'GET', '/api/persons?q=ben')).json();
    expect(byFirst.items.map((p: { title: string }) => p.title)).toEqual(['Ben Barrow']);
    const accents = (await t.request(t.agent, 'GET', '/api/persons?q=emile')).json();
    expect(accents.total).toBe(1);
    const byFull = (await t.request(t.agent, 'GET', `/api/persons?phone=${encodeURIComponent('(212) 736 4440')}&sort=lastName`)).json();
    expect(byFull.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Barrow', 'Browne']);
    const byTail = (await t.request(t.agent, 'GET', '/api/persons?phone=42685300')).json();
    expect(byTail.items.map((p: { firstName: string }) => p.firstName)).toEqual(['Zoë']);
    const paged = (await t.request(t.agent, 'GET', '/api/persons?limit=1&offset=1&sort=lastName&order=desc')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(3);
    expect(paged.items[0].companyName).toBe('Browne & Barrow');
  });

  it.each([
    ['cases', { subject: 'Printer on fire', priority: 'urgent' }, { status: 'closed' }],
    ['opportunities', { name: '500 widgets', amount: 12000, closeDate: '2027-01-31' }, { stage: 'won' }],
    ['leads', { name: 'Trade-show contact', source: 'Expo' }, { status: 'qualified' }],
  ])('does CRUD and search on %s, linked to a company and person', async (entity, body, patch) => {
    const company = (await t.request(t.agent, 'POST', '/api/companies', { name: `For ${entity}` })).json();
    const person = (await t.request(t.agent, 'POST', '/api/persons', { lastName: 'Linked', companyId: company.id })).json();
    const created = await t.request(t.agent, 'POST', `/api/${entity}`, { ...body, companyId: company.id, personId: person.id });
    expect(created.statusCode).toBe(201);
    const record = created.json();
    expect(record.companyName).toBe(`For ${entity}`);
    expect(record.personName).toBe('Linked');
    const updated = (await t.request(t.agent, 'PATCH', `/api/${entity}/${record.id}`, patch)).json();
    expect(updated).toMatchObject(patch);
    const list = (await t.request(t.agent, 'GET', `/api/${entity}?companyId=${company.id}`)).json();
    expect(list.items.map((r: { id: number }) => r.id)).toEqual([record.id]);
    const search = (await t.request(t.agent, 'GET', `/api/${entity}?q=${encodeURIComponent(String(Object.values(body)[0]).slice(0, 5))}`)).json();
    expect(search.items.map((r: { id: number }) => r.id)).toContain(record.id);
    expect((await t.request(t.agent, 'DELETE', `/api/${entity}/${record.id}`)).statusCode).toBe(200);
  });

  it('logs communications on a person and lists them', async () => {
    const person = (await t.request(t.agent, 'POST', '/api/persons', { lastName: 'Caller' })).json();
    const res = await t.request(t.agent, 'POST', '/api/communications', {
      direction: 'inbound', number: '+44 20 7555 0123', personId: person.id, startedAt: '2026-11-26T10:00:00.000Z', outcome: 'missed', callback: true,
    });
    expect(res.statusCode).toBe(201);
    const list = (await t.request(t.agent, 'GET', `/api/communications?personId=${person.id}`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ outcome: 'missed', callback: true });
  });

  it('manages users and their CTI fields (R4.1–R4.4), admin only', async () => {
    const res = await t.request(t.admin, 'POST', '/api/users', {
      login: 'bob', name: 'Bob', password: 'bob-password-1', extension: '1002', phone: '+44 161 552 7702',
      ctiEnabled: true, ctiDevice: '1002', ctiCallScreen: 'new-opportunity', alwaysShowCallScreen: true,
    });
    expect(res.statusCode).toBe(201);
    const bob = res.json();
    expect(bob).toMatchObject({ ctiEnabled: true, ctiDevice: '1002', ctiCallScreen: 'new-opportunity', alwaysShowCallScreen: true });
    expect(bob.password_hash).toBeUndefined();
    const off = (await t.request(t.admin, 'PATCH', `/api/users/${bob.id}`, { ctiEnabled: false })).json();
    expect(off.ctiEnabled).toBe(false);
    const audit = (await t.request(t.admin, 'GET', '/api/audit')).json();
    expect(audit[0]).toMatchObject({ action: 'update', entity: 'users', entityId: String(bob.id) });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(DIALECTS)('field and screen customisation on %s (R5.2, R5.3)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  it('a text field changed to Phone number and added to the Company summary screen comes back with its value', async () => {
    const added = await t.request(t.admin, 'POST', '/api/fields/companies', { name: 'corp_phonenumber', caption: 'Main contact direct line', type: 'text', maxLength: 20, width: 20, default: '' });
    expect(added.statusCode).toBe(201);
    const changed = await t.request(t.admin, 'PATCH', '/api/fields/companies/corp_phonenumber', { type: 'phone' });
    expect(changed.json()).toMatchObject({ name: 'corp_phonenumber', caption: 'Main contact direct line', type: 'phone', maxLength: 20, width: 20, builtIn: false });

    const screen = (await t.request(t.agent, 'GET', '/api/screens/company-summary')).json();
    const put = await t.request(t.admin, 'PUT', `/api/screens/${screen.id}`, { fields: [...screen.fields, 'corp_phonenumber'] });
    expect(put.statusCode).toBe(200);

    const company = (await t.request(t.agent, 'POST', '/api/companies', { name: 'Gamma Ltd', custom: { corp_phonenumber: '+44 161 496 0123' } })).json();
    const render = (await t.request(t.agent, 'GET', `/api/screens/company-summary/render?recordId=${company.id}`)).json();
    const field = render.fields.find((f: { name: string }) => f.name === 'corp_phonenumber');
    expect(field).toMatchObject({ caption: 'Main contact direct line', type: 'phone', value: '+44 161 496 0123' });

    const indexed = await t.app.db.kysely.selectFrom('phone_index').selectAll().where('field', '=', 'corp_phonenumber').execute();
    expect(indexed.map((r) => [r.key, r.owner_type, r.owner_id])).toEqual([['441614960123', 'company', company.id]]);
    const found = (await t.request(t.agent, 'GET', `/api/companies?phone=${encodeURIComponent('+44 (161) 4960123')}`)).json();
    expect(found.items.map((c: { id: number }) => c.id)).toEqual([company.id]);
  });

  it('validates custom values by type and max length', async () => {
    const bad = await t.request(t.agent, 'POST', '/api/companies', { name: 'Bad', custom: { corp_phonenumber: 'call me maybe' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('custom.corp_phonenumber');
    const long = await t.request(t.agent, 'POST', '/api/companies', { name: 'Long', custom: { corp_phonenumber: '+44 161 496 0123 0000 00' } });
    expect(long.json().error.details.field).toBe('custom.corp_phonenumber');
  });

  it('refuses a duplicate column name, a bad column name, and a type change of a built-in field', async () => {
    expect((await t.request(t.admin, 'POST', '/api/fields/companies', { name: 'corp_phonenumber', caption: 'Again', type: 'text' })).statusCode).toBe(409);
    const badName = await t.request(t.admin, 'POST', '/api/fields/companies', { name: 'Bad Name', caption: 'x', type: 'text' });
    expect(badName.json().error.details.field).toBe('name');
    expect((await t.request(t.admin, 'PATCH', '/api/fields/companies/website', { type: 'phone' })).statusCode).toBe(422);
  });

  it('refuses a screen with a field the entity does not have', async () => {
    const res = await t.request(t.admin, 'PUT', '/api/screens/company-summary', { fields: ['name', 'no_such_field'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject({ field: 'fields', value: 'no_such_field' });
  });

  it('renders a new-record screen with defaults', async () => {
    const render = (await t.request(t.agent, 'GET', '/api/screens/opportunity-entry/render')).json();
    expect(render.record).toBeNull();
    expect(render.fields.map((f: { name: string }) => f.name)).toContain('companyId');
  });
});

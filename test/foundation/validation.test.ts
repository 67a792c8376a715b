import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(DIALECTS)('input validation on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  const expectField = async (res: Promise<{ statusCode: number; json: () => { error: { code: string; details: { field?: string } } } }>, status: number, field: string) => {
    const r = await res;
    expect(r.statusCode).toBe(status);
    expect(r.json().error.details.field).toBe(field);
  };

  it('names the missing required field', async () => {
    await expectField(t.request(t.agent, 'POST', '/api/persons', { firstName: 'No last name' }), 400, 'lastName');
  });

  it('rejects unknown fields, naming them', async () => {
    const res = await t.request(t.agent, 'POST', '/api/companies', { name: 'X', colour: 'red' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation-failed', details: { field: 'colour' } });
    expect(res.json().error.message).toMatch(/Unknown field colour/);
  });

  it('rejects over-long values with the field named', async () => {
    await expectField(t.request(t.agent, 'POST', '/api/companies', { name: 'x'.repeat(201) }), 400, 'name');
    await expectField(t.request(t.agent, 'POST', '/api/companies', { name: 'ok', phones: [{ kind: 'business', value: '1'.repeat(41) }] }), 400, 'phones.0.value');
  });

  it('validates query and path parameters', async () => {
    await expectField(t.request(t.agent, 'GET', '/api/persons?limit=100000'), 400, 'limit');
    await expectField(t.request(t.agent, 'GET', '/api/persons/abc'), 400, 'id');
    await expectField(t.request(t.agent, 'GET', '/api/persons?bogus=1'), 400, 'bogus');
  });

  it('answers 404 not-found for a missing record and an unknown route', async () => {
    const res = await t.request(t.agent, 'GET', '/api/persons/999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not-found');
    expect((await t.request(t.agent, 'GET', '/api/nothing-here')).json().error.code).toBe('not-found');
  });

  it('writes nothing when part of a record is invalid (one transaction)', async () => {
    await t.request(t.admin, 'POST', '/api/fields/companies', { name: 'vat_number', caption: 'VAT number', type: 'text', maxLength: 5 });
    const before = (await t.request(t.agent, 'GET', '/api/companies')).json().total;
    const res = await t.request(t.agent, 'POST', '/api/companies', { name: 'Half Written', phones: [{ kind: 'business', value: '+1 212 555 0100' }], custom: { vat_number: 'too long value' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('custom.vat_number');
    expect((await t.request(t.agent, 'GET', '/api/companies')).json().total).toBe(before);
    const phones = await t.app.db.kysely.selectFrom('phones').select('id').execute();
    expect(phones).toHaveLength(0);
  });

  it('rejects a reference to a record that does not exist, naming the field', async () => {
    await expectField(t.request(t.agent, 'POST', '/api/persons', { lastName: 'Orphan', companyId: 424242 }), 400, 'companyId');
  });
});

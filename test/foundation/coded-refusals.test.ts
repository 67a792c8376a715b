/**
 * Inputs that used to answer 500 (issue 12): each is now a coded 4xx from the error
 * catalogue, and the class behind it is covered by the OpenAPI fuzz test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/domain/errors.js';
import { DIALECTS } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(DIALECTS)('coded refusals instead of 500s on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  const expectCoded = (res: { statusCode: number; json(): unknown }, code: string) => {
    expect(res.statusCode).toBeLessThan(500);
    expect((res.json() as { error: { code: string } }).error.code).toBe(code);
    expect(res.statusCode).toBe(ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].status);
  };

  it('offset=1e20 (and huge ids) are 400 validation-failed', async () => {
    for (const url of ['/api/communications?offset=1e20', '/api/persons?offset=1e20', '/api/companies?offset=99999999999999999999', '/api/persons/1e20', '/api/communications?personId=1e20']) {
      expectCoded(await t.request(t.agent, 'GET', url), 'validation-failed');
    }
  });

  it('a communication pointing at a missing record is 422 unprocessable naming the field, and nothing is written', async () => {
    for (const field of ['personId', 'companyId', 'userId']) {
      const res = await t.request(t.admin, 'POST', '/api/communications', { direction: 'inbound', number: '+33142685300', [field]: 987654 });
      expectCoded(res, 'unprocessable');
      expect((res.json() as { error: { details: { field: string } } }).error.details.field).toBe(field);
    }
    expect((await t.request(t.admin, 'GET', '/api/communications')).json()).toMatchObject({ total: 0 });
  });

  it('dialling a record field named constructor, __proto__ or toString is a coded 4xx', async () => {
    const person = (await t.request(t.agent, 'POST', '/api/persons', { firstName: 'Proto', lastName: 'Type', phones: [{ kind: 'business', value: '+33142685300' }] })).json() as { id: number };
    expect(person.id).toBeGreaterThan(0);
    for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const res = await t.request(t.agent, 'POST', '/api/calls', { record: { type: 'person', id: person.id, field } });
      expect(res.statusCode, field).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, field).toBeLessThan(500);
      expect(Object.keys(ERROR_CATALOGUE), field).toContain((res.json() as { error: { code: string } }).error.code);
    }
  });

  it('a call id over 100 characters is a coded 4xx in the catalogue\'s shape (not the router\'s own 414)', async () => {
    for (const [id, code] of [['a'.repeat(101), 'not-found'], ['a'.repeat(128), 'not-found'], ['a'.repeat(129), 'validation-failed'], ['x'.repeat(5000), 'validation-failed']] as const) {
      for (const command of ['answer', 'hangup']) expectCoded(await t.request(t.agent, 'POST', `/api/calls/${id}/${command}`), code);
      expectCoded(await t.request(t.agent, 'POST', `/api/calls/${id}/transfer`, { to: '1002' }), code);
    }
  });
});

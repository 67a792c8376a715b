import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(DIALECTS)('security on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  it('refuses every API route without a session (401 unauthenticated)', async () => {
    for (const url of ['/api/persons', '/api/companies/1', '/api/users', '/api/settings', '/api/screens', '/api/auth/me']) {
      const res = await t.request(null, 'GET', url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('gives agents 403 on admin routes', async () => {
    const cases: Array<[method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown]> = [
      ['GET', '/api/settings'],
      ['PUT', '/api/settings', { outsidePrefix: '0' }],
      ['POST', '/api/users', { login: 'eve', name: 'Eve', password: 'eve-password' }],
      ['PATCH', '/api/users/1', { role: 'agent' }],
      ['POST', '/api/fields/companies', { name: 'corp_phonenumber', caption: 'x', type: 'text' }],
      ['PUT', '/api/screens/company-summary', { fields: ['name'] }],
      ['GET', '/api/audit'],
      ['POST', '/api/setup', { country: 'US', areaCode: '202', outsidePrefix: '9' }],
    ];
    for (const [method, url, body] of cases) {
      const res = await t.request(t.agent, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const noToken = await t.app.server.inject({ method: 'POST', url: '/api/companies', headers: { cookie: t.agent.cookie }, payload: { name: 'Sneaky' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf-token-invalid');
    const wrong = await t.app.server.inject({ method: 'POST', url: '/api/companies', headers: { cookie: t.agent.cookie, 'x-csrf-token': t.admin.csrf }, payload: { name: 'Sneaky' } });
    expect(wrong.statusCode).toBe(403);
    const list = (await t.request(t.agent, 'GET', '/api/companies?q=sneaky')).json();
    expect(list.total).toBe(0);
  });

  it('stores passwords hashed, never returns them, and rate-limits failed logins', async () => {
    const row = await t.app.services.users.findByLogin('agent');
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify((await t.request(t.admin, 'GET', '/api/users')).json())).not.toMatch(/scrypt|password/);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'agent', password: `wrong-${i}` } });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    const locked = await t.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'agent', password: 'agent-password-1' } });
    expect(locked.json().error.code).toBe('rate-limited');
  });

  it('logs out: the session cookie stops working', async () => {
    const s = await t.login('admin', 'admin-password-1');
    expect((await t.request(s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await t.request(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

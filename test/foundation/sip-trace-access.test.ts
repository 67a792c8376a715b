/**
 * The SIP trace's API is for admins only (issue 17): an agent gets 403 on every route, an
 * admin gets 409 not-supported while another provider than the built-in SIP server runs.
 * (With the SIP server and real phones: test/e2e/sip-trace.e2e.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ROUTES: Array<['GET' | 'PUT', string, unknown?]> = [
  ['GET', '/api/telephony/sip-trace'],
  ['PUT', '/api/telephony/sip-trace/devices/1001', { on: true }],
  ['PUT', '/api/telephony/sip-trace/calls/abc', { on: true }],
  ['GET', '/api/telephony/sip-trace/calls/abc/messages'],
];

describe('the SIP trace API (issue 17)', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('refuses non-admins with 403 forbidden on every route', async () => {
    for (const [method, url, body] of ROUTES) {
      const res = await t.request(t.agent, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
  });

  it('answers an admin 409 not-supported while the simulator runs, and 400 for a bad body', async () => {
    for (const [method, url, body] of ROUTES) {
      const res = await t.request(t.admin, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'not-supported' } });
    }
    expect((await t.request(t.admin, 'PUT', '/api/telephony/sip-trace/devices/1001', { on: 'yes' })).statusCode).toBe(400);
    expect((await t.request(t.admin, 'PUT', '/api/telephony/sip-trace/devices/a%20b', { on: true })).statusCode).toBe(400);
  });
});

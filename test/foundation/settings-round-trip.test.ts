/**
 * `GET /api/settings` and `PUT /api/settings` take the same shape (issue 17, R3.2): what
 * the admin page reads it may send back unchanged; read-only fields (`setupDone`,
 * `countryCallingCode`) are ignored on PUT, not rejected, and documented as read-only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { reservePorts } from '../sip/support/baresip-phone.js';

describe.each(DIALECTS)('settings round trip (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect);
  });
  afterEach(() => t.close());

  const roundTrip = async (): Promise<void> => {
    const read = await t.request(t.admin, 'GET', '/api/settings');
    expect(read.statusCode).toBe(200);
    const put = await t.request(t.admin, 'PUT', '/api/settings', read.json());
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual(read.json());
    expect((await t.request(t.admin, 'GET', '/api/settings')).json()).toEqual(read.json());
  };

  it('GET then PUT of the same body, unchanged, is 200 and changes nothing: after setup, with the simulator', async () => {
    expect((await t.request(t.admin, 'POST', '/api/setup', { country: 'FR', areaCode: '1', outsidePrefix: '0' })).statusCode).toBe(200);
    await roundTrip();
  });

  it('GET then PUT of the same body is 200 with the SIP server, its trunk and the masked trunk password', async () => {
    const port = await reservePorts(1);
    const provider = { kind: 'sip', listenHost: '127.0.0.1', listenPort: port, realm: 'switchboard', autoAnswer: { '1001': 'hint' },
      trunk: { host: '127.0.0.1', port: 5099, dids: { '2125551001': '1001' }, username: 'acme', password: 'carrier-secret' } };
    expect((await t.request(t.admin, 'PUT', '/api/settings', { provider, areaCodeRules: [{ areaCode: '212', dialAreaCode: true, dialNationalPrefix: false }] })).statusCode).toBe(200);
    await roundTrip();
    const saved = t.app.services.settings.get().provider;
    expect(saved.kind === 'sip' ? saved.trunk?.password : undefined).toBe('carrier-secret');
  });

  it('read-only fields sent back with other values are ignored, not saved', async () => {
    const put = await t.request(t.admin, 'PUT', '/api/settings', { setupDone: true, countryCallingCode: '999', country: 'GB' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ setupDone: false, country: 'GB', countryCallingCode: '44' });
    expect(t.app.services.settings.get().setupDone).toBe(false);
  });

  it('null prefixes (the country\'s default) stay null and "" (no prefix) stays "": neither turns into the other', async () => {
    for (const value of [null, '', '00', null]) {
      const put = await t.request(t.admin, 'PUT', '/api/settings', { nationalPrefix: value, internationalPrefix: value });
      expect(put.statusCode).toBe(200);
      expect(t.app.services.settings.get()).toMatchObject({ nationalPrefix: value, internationalPrefix: value });
    }
    expect((await t.request(t.admin, 'PUT', '/api/settings', { nationalPrefix: 'x1' })).statusCode).toBe(400);
  });

  it('the OpenAPI document marks the read-only fields of PUT /api/settings', async () => {
    const doc = (await t.request(null, 'GET', '/api/openapi.json')).json() as { paths: Record<string, { put?: unknown }> };
    const body = JSON.stringify(doc.paths['/api/settings']?.put);
    expect(body).toMatch(/"setupDone":\{[^}]*"readOnly":true/);
    expect(body).toMatch(/"countryCallingCode":\{[^}]*"readOnly":true/);
  });
});

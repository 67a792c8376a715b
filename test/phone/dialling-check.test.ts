import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/cli/create-app.js';
import { SimProvider } from '../../src/telephony/sim/sim-provider.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

describe('the dialling-rules check against the phone system (R3.4)', () => {
  let app: App;
  let db: TestDatabase;
  let cookie = '';
  let csrf = '';
  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    // A phone system set up with 0 for an outside line, while the CRM says 9.
    const sim = new SimProvider({ config: { outsideLinePrefix: '0', extensions: ['1001', '1002'] } });
    app = await createApp(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), { webRoot: '/nonexistent', cti: { provider: sim } });
    await app.services.users.create({ login: 'root', name: 'Root', password: 'root-password', role: 'admin' });
    const res = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'root', password: 'root-password' } });
    cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
    csrf = res.json().csrfToken;
  });
  afterAll(async () => { await app.close(); await db.drop(); });

  const check = async () => (await app.server.inject({ method: 'GET', url: '/api/settings/dialling-check', headers: { cookie } })).json();

  it('lists where the CRM\'s rules differ from what the phone system reports', async () => {
    await app.server.inject({ method: 'POST', url: '/api/setup', headers: { cookie, 'x-csrf-token': csrf }, payload: { country: 'US', areaCode: '202', outsidePrefix: '9' } });
    const r = await check();
    expect(r.provider).toBe('sim');
    expect(r.problems).toEqual([]);
    expect(r.differences).toEqual([
      { field: 'outsidePrefixLocal', ours: '9', theirs: '0' },
      { field: 'outsidePrefixLongDistance', ours: '9', theirs: '0' },
    ]);
  });

  it('reports nothing once they agree, and shows the area-code rules the admin added', async () => {
    const put = await app.server.inject({ method: 'PUT', url: '/api/settings', headers: { cookie, 'x-csrf-token': csrf }, payload: { outsidePrefix: '0', outsidePrefixLongDistance: '0', areaCodeRules: [{ areaCode: '202', dialAreaCode: true, dialNationalPrefix: true }] } });
    expect(put.statusCode).toBe(200);
    const r = await check();
    expect(r.differences).toEqual([]);
    expect(r.location.areaCodeRules).toEqual([{ areaCode: '202', dialAreaCode: true, dialNationalPrefix: true }]);
    const preview = (await app.server.inject({ method: 'GET', url: `/api/phone/preview?number=${encodeURIComponent('+1 (202) 5550100')}`, headers: { cookie } })).json();
    expect(preview.dialable).toBe('012025550100');
  });
});

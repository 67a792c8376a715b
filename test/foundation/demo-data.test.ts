import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/cli/create-app.js';
import { loadConfig } from '../../src/config.js';
import { loadDemoData, type DemoResult } from '../../src/crm/demo/demo-data.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';

const ADMIN_PASSWORD = 'demo-admin-password';
const NOW = new Date('2026-11-20T10:00:00.000Z');

interface DemoApp { app: App; database: TestDatabase; result: DemoResult; cookie: string; close(): Promise<void> }

/** A real app on a fresh database, set up as `npm start` does on first start. */
async function startDemoApp(dialect: 'sqlite' | 'postgres'): Promise<DemoApp> {
  const database = await freshDatabase(dialect);
  const app = await createApp(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }), { webRoot: '/nonexistent' });
  await app.services.users.create({ login: 'admin', name: 'Administrator', password: ADMIN_PASSWORD, role: 'admin' });
  const result = await loadDemoData(app.services, { internalLength: 4, now: NOW });
  const login = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'admin', password: ADMIN_PASSWORD } });
  const setCookie = login.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0] ?? '';
  return { app, database, result, cookie, close: async () => { await app.close(); await database.drop(); } };
}

/** Everything the demo wrote, without generated secrets and write times. */
async function snapshot(app: App): Promise<unknown> {
  const k = app.db.kysely;
  return {
    users: await k.selectFrom('users').select(['login', 'name', 'phone', 'extension', 'cti_enabled', 'cti_device', 'cti_call_screen', 'locale']).orderBy('id').execute(),
    companies: await k.selectFrom('companies').select(['id', 'name', 'city', 'country', 'postcode']).orderBy('id').execute(),
    persons: await k.selectFrom('persons').select(['id', 'first_name', 'last_name', 'company_id', 'title', 'city']).orderBy('id').execute(),
    phones: await k.selectFrom('phones').select(['owner_type', 'owner_id', 'kind', 'value', 'e164']).orderBy('id').execute(),
    emails: await k.selectFrom('emails').select(['owner_type', 'owner_id', 'value']).orderBy('id').execute(),
    index: await k.selectFrom('phone_index').select(['key', 'owner_type', 'owner_id', 'field']).orderBy('owner_type').orderBy('owner_id').orderBy('key').execute(),
    cases: await k.selectFrom('cases').select(['subject', 'status', 'priority', 'company_id', 'person_id', 'assigned_user_id']).orderBy('id').execute(),
    opportunities: await k.selectFrom('opportunities').select(['name', 'stage', 'amount', 'close_date', 'person_id']).orderBy('id').execute(),
    leads: await k.selectFrom('leads').select(['name', 'status', 'source', 'person_id']).orderBy('id').execute(),
    calls: await k.selectFrom('communications').select(['direction', 'number', 'e164', 'started_at', 'outcome', 'person_id', 'user_id', 'callback']).orderBy('id').execute(),
  };
}

describe.each(DIALECTS)('demo data on %s', (dialect) => {
  let t: DemoApp;
  const get = (url: string): Promise<LightMyRequestResponse> => t.app.server.inject({ method: 'GET', url, headers: { cookie: t.cookie } });

  beforeAll(async () => { t = await startDemoApp(dialect); });
  afterAll(async () => { await t.close(); });

  it('loads ten colleagues, 200 companies and 600 persons, with cases, opportunities and leads linked to them', async () => {
    expect(t.result).toMatchObject({ users: 10, companies: 200, persons: 600 });
    expect((await get('/api/companies?limit=1')).json().total).toBe(200);
    expect((await get('/api/persons?limit=1')).json().total).toBe(600);
    for (const entity of ['cases', 'opportunities', 'leads']) {
      const page = (await get(`/api/${entity}?limit=500`)).json() as { total: number; items: Array<{ personId: number | null }> };
      expect(page.total).toBeGreaterThanOrEqual(20);
      expect(page.items.every((r) => r.personId !== null)).toBe(true);
    }
  });

  it('spreads the records over the ten countries', async () => {
    const rows = await t.app.db.kysely.selectFrom('companies').select('country').distinct().execute();
    expect(rows.map((r) => r.country).sort()).toEqual(
      ['Australia', 'Belgium', 'France', 'Germany', 'Italy', 'Netherlands', 'Spain', 'Switzerland', 'United Kingdom', 'United States'],
    );
  });

  it('finds Arthur Browne and Ben Barrow, who share one number, by GET /api/persons?phone=12127364440 (R6.6)', async () => {
    const res = (await get('/api/persons?phone=12127364440')).json() as { items: Array<{ title: string; phones: Array<{ value: string }> }> };
    expect(res.items.map((p) => p.title)).toEqual(['Ben Barrow', 'Arthur Browne']);
    expect(res.items.map((p) => p.phones[0]?.value)).toEqual(['1 212 736-4440', '1 212 736-4440']);
  });

  it('holds a switchboard with direct lines in its block, in the UK and typed the German way (R6.6)', async () => {
    const pennine = (await get('/api/companies?q=pennine%20precision')).json().items[0] as { id: number; phones: Array<{ kind: string; e164: string }> };
    expect(pennine.phones[0]).toMatchObject({ kind: 'switchboard', e164: '+441614960000' });
    const staff = (await get(`/api/persons?companyId=${pennine.id}`)).json().items as Array<{ phones: Array<{ e164: string }> }>;
    expect(staff.map((p) => p.phones[0]?.e164).sort()).toEqual(['+441614960012', '+441614960013']);
    const german = (await get('/api/companies?q=rheinberg')).json().items[0] as { phones: Array<{ value: string }> };
    expect(german.phones[0]?.value).toBe('+49 (0)211 12345-0');
    const direct = (await get('/api/persons?phone=492111234567')).json().items as Array<{ title: string; phones: Array<{ value: string }> }>;
    expect(direct.map((p) => p.title)).toEqual(['Jürgen Hoffmann']);
    expect(direct[0]?.phones[0]?.value).toBe('+49 (0)211 12345-67');
  });

  it('types numbers in many formats, all of which the app reads as E.164 numbers (R5.4)', async () => {
    const phones = await t.app.db.kysely.selectFrom('phones').select(['value', 'e164']).execute();
    expect(phones.length).toBeGreaterThan(1000);
    expect(phones.filter((p) => p.e164 === null).map((p) => p.value)).toEqual([]);
    const shapes = new Set(phones.map((p) => p.value.replace(/\d/g, '9')));
    expect(shapes.size).toBeGreaterThan(40);
    expect(phones.some((p) => p.value.startsWith('011 '))).toBe(true);
    expect(phones.some((p) => /^\(\d{3}\) \d{3}-\d{4}$/.test(p.value))).toBe(true);
    expect(phones.some((p) => p.value.includes('(0)'))).toBe(true);
  });

  it('gives each demo user its own password, none the admin\'s; alice (device 1001) logs in with hers (issue 12)', async () => {
    const passwords = t.result.passwords;
    expect(Object.keys(passwords)).toContain('alice');
    expect(new Set(Object.values(passwords)).size).toBe(Object.keys(passwords).length);
    for (const [login, password] of Object.entries(passwords)) {
      expect(password, login).not.toBe(ADMIN_PASSWORD);
      const withAdmins = await t.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: ADMIN_PASSWORD } });
      expect(withAdmins.statusCode, login).toBe(401);
    }
    const res = await t.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'alice', password: passwords.alice } });
    expect(res.statusCode).toBe(200);
    const users = (await get('/api/users')).json().items as Array<{ login: string; ctiEnabled: boolean; ctiDevice: string | null; extension: string; ctiCallScreen: string }>;
    const alice = users.find((u) => u.login === 'alice');
    expect(alice).toMatchObject({ ctiEnabled: true, ctiDevice: '1001', extension: '1001' });
    const cti = users.filter((u) => u.ctiEnabled);
    expect(cti.map((u) => u.ctiDevice).sort()).toEqual(['1001', '1002', '1003', '1004', '1005']);
    expect(new Set(cti.map((u) => u.ctiCallScreen)).size).toBe(5);
  });

  it('has a call history with one missed call flagged for call-back', async () => {
    const all = (await get('/api/communications?limit=100')).json() as { total: number };
    expect(all.total).toBeGreaterThan(10);
    const callbacks = (await get('/api/communications?callback=true')).json() as { items: Array<{ outcome: string; direction: string; personId: number }> };
    expect(callbacks.items).toHaveLength(1);
    expect(callbacks.items[0]).toMatchObject({ outcome: 'missed', direction: 'inbound' });
  });

  it('writes the same data again into another database (deterministic)', async () => {
    const again = await startDemoApp(dialect);
    try {
      expect(await snapshot(again.app)).toEqual(await snapshot(t.app));
    } finally {
      await again.close();
    }
  }, 120_000);
});

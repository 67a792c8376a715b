/**
 * The caller-ID index carries its owners' labels and prefix flags (migration 005), kept
 * by the database: what a match shows is always the record as it is now (R6.6), and the
 * prefix rows are exactly those a longer caller ID can start with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/cli/create-app.js';
import { loadConfig } from '../../src/config.js';
import { syncCallingCodeLengths } from '../../src/crm/phone-plan-sync.js';
import type { Kysely } from 'kysely';
import { migrate, openDatabase } from '../../src/db/database.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';

const summary = (r: { matches: ReadonlyArray<{ reason: string; type: string; name: string; company?: { name: string } }> }): string[] =>
  r.matches.map((m) => `${m.reason} ${m.type} ${m.name}${m.company ? ` @ ${m.company.name}` : ''}`);

describe.each(DIALECTS)('caller-ID labels kept by the database on %s', (dialect) => {
  let app: App;
  let db: TestDatabase;
  let hotel = 0;
  let arthur = 0;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    app = await createApp(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), { webRoot: '/nonexistent' });
    await app.services.settings.setup({ country: 'US', areaCode: '212', outsidePrefix: '9' });
    hotel = (await app.services.records.create('companies', { name: 'Hotel Pennsylvania', phones: [{ kind: 'block', value: '+1 212 736 44xx' }] })).id as number;
    arthur = (await app.services.records.create('persons', { firstName: 'Arthur', lastName: 'Browne', companyId: hotel, phones: [{ kind: 'office', value: '1 212 736-4440' }] })).id as number;
    await app.services.records.create('persons', { firstName: 'Ben', lastName: 'Barrow', companyId: hotel, phones: [{ kind: 'office', value: '(212) 736-4440' }] });
  });
  afterAll(async () => { await app.close(); await db.drop(); });

  const match = async (callerId: string) => summary(await app.services.phones.match(callerId));

  it('shows the two persons on 1 212 736-4440 with their company, and the company by its block', async () => {
    expect(await match('+12127364440')).toEqual([
      'exact person Arthur Browne @ Hotel Pennsylvania',
      'exact person Ben Barrow @ Hotel Pennsylvania',
      'prefix company Hotel Pennsylvania',
    ]);
  });

  it('follows a person renamed or moved, a company renamed, and a company deleted', async () => {
    await app.services.records.update('persons', arthur, { firstName: 'Arthur', lastName: 'Brown' });
    expect((await match('+12127364440'))[0]).toBe('exact person Arthur Brown @ Hotel Pennsylvania');
    await app.services.records.update('companies', hotel, { name: 'Hotel New Yorker' });
    expect(await match('+12127364440')).toEqual([
      'exact person Arthur Brown @ Hotel New Yorker',
      'exact person Ben Barrow @ Hotel New Yorker',
      'prefix company Hotel New Yorker',
    ]);
    const other = (await app.services.records.create('companies', { name: 'Midtown Exchange' })).id as number;
    await app.services.records.update('persons', arthur, { companyId: other });
    expect((await match('+12127364440'))[0]).toBe('exact person Arthur Brown @ Midtown Exchange');
    await app.services.records.remove('companies', other);
    expect((await match('+12127364440'))[0]).toBe('exact person Arthur Brown');
  });

  it('follows a colleague renamed (R4.4)', async () => {
    const u = await app.services.users.create({ login: 'dana', name: 'Dana Colleague', password: 'dana-password-1', role: 'agent', extension: '2001' });
    expect(await match('2001')).toEqual(['internal user Dana Colleague']);
    await app.services.users.update(u.id, { name: 'Dana Smith' });
    expect(await match('2001')).toEqual(['internal user Dana Smith']);
  });

  it('marks as prefix rows the blocks and the numbers a longer one can start with, and no others', async () => {
    await app.services.records.create('companies', { name: 'Rhein Handel GmbH', phones: [{ kind: 'main', value: '+49 211 12345' }] });
    const rows = await app.db.kysely.selectFrom('phone_index').select(['key', 'prefix']).orderBy('key').execute();
    const flags = Object.fromEntries(rows.map((r) => [r.key, Number(r.prefix)]));
    expect(flags).toMatchObject({ '12127364440': 0, '121273644': 1, '4921112345': 1, x2001: 0 });
    expect(await match('+49 211 12345 67')).toEqual(['prefix company Rhein Handel GmbH']);
  });

  it('recomputes the prefix flags when the numbering plans change (a library upgrade)', async () => {
    expect(await syncCallingCodeLengths(app.db)).toBe(false);
    // As if an older metadata had said German numbers are at most 10 digits long.
    await app.db.kysely.updateTable('calling_code_lengths').set({ max_national_length: 8 }).where('calling_code', '=', '49').execute();
    await app.db.kysely.updateTable('phone_index').set({ prefix: 0 }).where('key', '=', '4921112345').execute();
    expect(await syncCallingCodeLengths(app.db)).toBe(true);
    const row = await app.db.kysely.selectFrom('phone_index').select('prefix').where('key', '=', '4921112345').executeTakeFirstOrThrow();
    expect(Number(row.prefix)).toBe(1);
  });
});

describe.each(DIALECTS)('migration 005 on a database with data, on %s', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => { db = await freshDatabase(dialect); });
  afterAll(async () => { await db.drop(); });

  it('labels the rows already there and flags the prefix rows', async () => {
    const d = await openDatabase(db.url);
    try {
      // Migrate to 004, write rows as the 003-era code did (no labels), then migrate.
      await migrate(d, '004-sip-credentials');
      const k = d.kysely as unknown as Kysely<Record<string, Record<string, unknown>>>;
      const now = new Date().toISOString();
      await k.insertInto('companies').values({ id: 1, name: 'Hotel Pennsylvania', name_key: 'hotel pennsylvania', created_at: now, updated_at: now }).execute();
      await k.insertInto('persons').values({ id: 1, first_name: 'Arthur', last_name: 'Browne', name_key: 'browne arthur', first_key: 'arthur browne', company_id: 1, created_at: now, updated_at: now }).execute();
      await k.insertInto('phone_index').values([
        { key: '12127364440', owner_type: 'person', owner_id: 1, field: 'phone:office', value: '1 212 736-4440', block: 0 },
        { key: '121273644', owner_type: 'company', owner_id: 1, field: 'phone:block', value: '+1 212 736 44xx', block: 1 },
        { key: '4921112345', owner_type: 'company', owner_id: 1, field: 'phone:other', value: '+49 211 12345', block: 0 },
      ]).execute();
      expect(await migrate(d)).toContain('005-caller-id-labels');
      const rows = await d.kysely.selectFrom('phone_index').select(['key', 'name', 'company_id', 'company_name', 'prefix']).orderBy('key').execute();
      expect(rows.map((r) => ({ ...r, company_id: r.company_id === null ? null : Number(r.company_id), prefix: Number(r.prefix) }))).toEqual([
        { key: '121273644', name: 'Hotel Pennsylvania', company_id: null, company_name: null, prefix: 1 },
        { key: '12127364440', name: 'Arthur Browne', company_id: 1, company_name: 'Hotel Pennsylvania', prefix: 0 },
        { key: '4921112345', name: 'Hotel Pennsylvania', company_id: null, company_name: null, prefix: 1 },
      ]);
    } finally {
      await d.close();
    }
  });
});

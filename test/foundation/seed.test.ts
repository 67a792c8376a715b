import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/cli/create-app.js';
import { parseSeedArgs } from '../../src/cli/seed.js';
import { loadConfig } from '../../src/config.js';
import { generatePerson } from '../../src/crm/demo/bulk-rows.js';
import { benchBlock, benchNumber, DEFAULT_SEED, seedBulk, type BulkSeedResult } from '../../src/crm/demo/bulk-seed.js';
import { migrate, openDatabase, type Db } from '../../src/db/database.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';

const PERSONS = 253;

async function seeded(dialect: 'sqlite' | 'postgres', opts: { dropIndexes?: boolean } = {}): Promise<{ database: TestDatabase; result: BulkSeedResult; progress: number[] }> {
  const database = await freshDatabase(dialect);
  const db = await openDatabase(database.url);
  const progress: number[] = [];
  try {
    await migrate(db);
    const result = await seedBulk(db, { persons: PERSONS, chunkSize: 100, onProgress: (done) => progress.push(done), ...opts });
    return { database, result, progress };
  } finally {
    await db.close();
  }
}

const rowsOf = async (db: Db) => ({
  persons: await db.kysely.selectFrom('persons').selectAll().orderBy('id').execute(),
  companies: await db.kysely.selectFrom('companies').selectAll().orderBy('id').execute(),
  phones: await db.kysely.selectFrom('phones').select(['owner_type', 'owner_id', 'kind', 'value', 'e164', 'rev_digits']).orderBy('id').execute(),
  index: await db.kysely.selectFrom('phone_index').selectAll().orderBy('owner_type').orderBy('owner_id').orderBy('key').execute(),
});

async function indexNames(db: Db): Promise<string[]> {
  const rows = db.dialect === 'sqlite'
    ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`.execute(db.kysely)).rows
    : (await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()`.execute(db.kysely)).rows;
  return rows.map((r) => r.name).sort();
}

describe('seed command line', () => {
  it('reads --persons, --database-url and --seed, with digit separators', () => {
    expect(parseSeedArgs(['--persons', '1_000_000', '--database-url=sqlite:/tmp/x.db', '--seed', '42'])).toMatchObject({
      persons: 1_000_000, databaseUrl: 'sqlite:/tmp/x.db', seed: 42,
    });
    expect(parseSeedArgs([]).persons).toBe(1000);
  });

  it('rejects unknown options and non-numbers with the usage line', () => {
    expect(() => parseSeedArgs(['--people', '5'])).toThrow(/usage: npm run seed/);
    expect(() => parseSeedArgs(['--persons', 'many'])).toThrow(/whole number/);
  });
});

describe.each(DIALECTS)('bulk seeding on %s', (dialect) => {
  let s: Awaited<ReturnType<typeof seeded>>;
  let app: App;
  beforeAll(async () => {
    s = await seeded(dialect);
    app = await createApp(loadConfig({ DATABASE_URL: s.database.url, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }), { webRoot: '/nonexistent' });
  });
  afterAll(async () => { await app.close(); await s.database.drop(); });

  it('writes N persons, N/5 companies, two numbers each and a caller-ID key per number', async () => {
    expect(s.result).toMatchObject({ persons: PERSONS, companies: Math.ceil(PERSONS / 5), phones: 2 * PERSONS + 2 * Math.ceil(PERSONS / 5), emails: PERSONS });
    // One key per number, and a block key besides for switchboards typed as a block (`0211 12345-0`).
    const blocks = await app.db.kysely.selectFrom('phone_index').select((eb) => eb.fn.countAll().as('n')).where('block', '=', 1).executeTakeFirst();
    expect(s.result.indexRows).toBe(s.result.phones + Number(blocks?.n));
    const { persons, phones } = await rowsOf(app.db);
    expect(persons).toHaveLength(PERSONS);
    expect(phones.filter((p) => p.e164 === null)).toEqual([]);
    expect(s.progress.at(-1)).toBe(PERSONS);
  });

  it('writes what RecordService writes: re-saving a seeded person changes none of its rows', async () => {
    const before = await rowsOf(app.db);
    for (const id of [1, 2, 77, PERSONS]) {
      const person = await app.services.records.get('persons', id);
      const phones = (person.phones as Array<{ kind: string; value: string }>).map((p) => ({ kind: p.kind, value: p.value }));
      await app.services.records.update('persons', id, { firstName: person.firstName, lastName: person.lastName, phones });
    }
    const after = await rowsOf(app.db);
    const strip = <T extends { updated_at?: string }>(rows: T[]) => rows.map(({ updated_at: _u, ...r }) => r);
    expect(strip(after.persons)).toEqual(strip(before.persons));
    expect(after.index).toEqual(before.index);
    expect(new Set(after.phones.map((p) => JSON.stringify(p)))).toEqual(new Set(before.phones.map((p) => JSON.stringify(p))));
  });

  it('finds person i by benchNumber(i), in E.164 and by its tail, and by its generated name', async () => {
    for (const i of [0, 13, 250]) {
      const n = benchNumber(i);
      const byNumber = await app.services.records.list('persons', { phone: n.e164 });
      expect(byNumber.items.map((p) => p.id)).toEqual([s.result.firstPersonId + i]);
      const byTail = await app.services.records.list('persons', { phone: n.tail.slice(-6), limit: 500 });
      expect(byTail.items.map((p) => p.id)).toContain(s.result.firstPersonId + i);
      const p = generatePerson(DEFAULT_SEED, i, s.result.home);
      const byName = await app.services.records.list('persons', { q: `${p.lastName} ${p.firstName}`, limit: 500 });
      expect(byName.items.map((r) => r.id)).toContain(s.result.firstPersonId + i);
    }
  });

  it('puts the direct lines of company k in the block benchBlock(k) names', async () => {
    for (const k of [0, 3, 7]) {
      const block = benchBlock(k);
      const staff = await app.services.records.list('persons', { companyId: s.result.firstCompanyId + k });
      const direct = staff.items.map((p) => (p.phones as Array<{ kind: string; e164: string }>).find((ph) => ph.kind === 'direct')?.e164);
      expect(direct).toHaveLength(5);
      for (const e164 of direct) expect(e164?.startsWith(`+${block.stemDigits}`)).toBe(true);
      expect(block.unlistedDirectLine.startsWith(`+${block.stemDigits}`)).toBe(true);
      const company = await app.services.records.get('companies', s.result.firstCompanyId + k);
      expect((company.phones as Array<{ e164: string }>)[0]?.e164).toBe(block.switchboard);
    }
  });

  it('generates the same rows on every run, and rebuilds the indexes it drops for the load', async () => {
    const again = await seeded(dialect, { dropIndexes: true });
    const db = await openDatabase(again.database.url);
    try {
      // app.db had a few persons re-saved above: same rows, other write times and phone ids.
      const a = await rowsOf(db);
      const b = await rowsOf(app.db);
      const strip = <T extends { updated_at?: string }>(rows: T[]) => rows.map(({ updated_at: _u, ...r }) => r);
      expect(strip(a.persons)).toEqual(strip(b.persons));
      expect(a.companies).toEqual(b.companies);
      expect(new Set(a.phones.map((p) => JSON.stringify(p)))).toEqual(new Set(b.phones.map((p) => JSON.stringify(p))));
      expect(a.index).toEqual(b.index);
      expect(await indexNames(db)).toEqual(await indexNames(app.db));
    } finally {
      await db.close();
      await again.database.drop();
    }
  }, 60_000);

  it('appends to a database that has records, and the app creates the next ones after them', async () => {
    const more = await seedBulk(app.db, { persons: 10 });
    expect(more.firstPersonId).toBe(PERSONS + 1);
    const created = await app.services.records.create('persons', { lastName: 'After Seed' });
    expect(created.id).toBe(PERSONS + 11);
  });
});

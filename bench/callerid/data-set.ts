/**
 * The data sets of the caller-ID benchmark: the bulk seeder's default shape (N persons,
 * N/5 companies, about 2.4 numbers per person with the company numbers) in a SQLite file
 * under /tmp and, when asked, in a dedicated PostgreSQL database. Each is reused while it
 * holds exactly N persons and its caller-ID keys are what the current keyer writes
 * (key-format.ts); otherwise it is seeded again from scratch.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { DEFAULT_SEED, seedBulk } from '../../src/crm/demo/bulk-seed.js';
import { phoneContextOf, phoneKeyer } from '../../src/crm/phone-settings.js';
import { SettingsService } from '../../src/crm/settings.js';
import { migrate, openDatabase, type Db } from '../../src/db/database.js';
import { keyMismatches, sampleStoredPhones } from './key-format.js';

export interface DataSet {
  db: Db;
  /** The file, or the database name. */
  where: string;
  persons: number;
  companies: number;
  phones: number;
  indexRows: number;
  blockKeys: number;
  bytes: number;
  home: string;
  /** Seconds the seeding took, when it was seeded by this run. */
  seededSeconds?: number;
  /** Why it was seeded again, when it was. */
  reseededBecause?: string;
}

export type Progress = (done: number, total: number) => void;

type Counts = Omit<DataSet, 'db' | 'where' | 'bytes' | 'seededSeconds' | 'reseededBecause'>;

async function countsOf(db: Db): Promise<Counts> {
  const k = db.kysely;
  const n = async (table: 'persons' | 'companies' | 'phones' | 'phone_index') =>
    Number((await k.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const blocks = await sql<{ n: number | string }>`SELECT count(*) AS n FROM phone_index WHERE block = 1`.execute(k);
  const settings = new SettingsService(db);
  const s = await settings.load();
  return {
    persons: await n('persons'), companies: await n('companies'), phones: await n('phones'), indexRows: await n('phone_index'),
    blockKeys: Number(blocks.rows[0]?.n ?? 0), home: s.country,
  };
}

/** Why the data set cannot be reused, or undefined when it can. */
async function staleness(db: Db, persons: number): Promise<string | undefined> {
  const c = await countsOf(db);
  if (c.persons !== persons) return `it holds ${c.persons.toLocaleString('en')} persons, not ${persons.toLocaleString('en')}`;
  const settings = new SettingsService(db);
  const keyer = phoneKeyer(phoneContextOf(await settings.load()));
  const bad = keyMismatches(await sampleStoredPhones(db), keyer);
  if (bad.length > 0) return `its caller-ID keys are not what the keyer writes now (${bad.length} of the sample, e.g. ${bad[0]})`;
  if (c.blockKeys === 0) return 'it has no block keys';
  return undefined;
}

async function seed(db: Db, persons: number, progress: Progress): Promise<number> {
  const started = process.hrtime.bigint();
  await migrate(db);
  await seedBulk(db, { persons, seed: DEFAULT_SEED, dropIndexes: persons >= 200_000, onProgress: progress });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const sqliteBytes = (file: string): number =>
  ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(`${file}${suffix}`) ? statSync(`${file}${suffix}`).size : 0), 0);

/** Opens `file`, seeding it first unless it holds `persons` persons keyed as today. */
export async function sqliteDataSet(file: string, persons: number, progress: Progress): Promise<DataSet> {
  let db = await openDatabase(`sqlite:${file}`);
  await migrate(db);
  const why = await staleness(db, persons);
  let seededSeconds: number | undefined;
  if (why !== undefined) {
    process.stderr.write(`seeding ${file} again: ${why}\n`);
    await db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    db = await openDatabase(`sqlite:${file}`);
    seededSeconds = await seed(db, persons, progress);
  }
  const c = await countsOf(db);
  return {
    db, where: file, ...c, bytes: sqliteBytes(file),
    ...(seededSeconds !== undefined ? { seededSeconds } : {}), ...(why !== undefined ? { reseededBecause: why } : {}),
  };
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]*$/;

/** The URL of database `name` on the server of `url` (same role and host). */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Opens the dedicated database `name` on the server of `adminUrl` (a role that may
 * create databases), creating and seeding it unless it holds `persons` persons keyed as
 * today. After seeding, ANALYZE: the planner has no statistics for bulk-loaded tables
 * until autovacuum comes by.
 */
export async function postgresDataSet(adminUrl: string, name: string, persons: number, progress: Progress): Promise<DataSet> {
  if (!DATABASE_NAME.test(name)) throw new Error(`not a plain database name: ${name}`);
  const exists = await onAdmin(adminUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  if (!exists) await onAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(adminUrl, name);
  let db = await openDatabase(url);
  const migrated = await migrate(db);
  const why = await staleness(db, persons);
  let seededSeconds: number | undefined;
  if (why === undefined && migrated.length > 0) {
    // A migration rewrote rows: until VACUUM marks the pages all-visible, an index-only
    // scan reads the table too (what autovacuum does on a live site, done now).
    await sql`VACUUM (ANALYZE) phone_index`.execute(db.kysely);
  }
  if (why !== undefined) {
    process.stderr.write(`seeding PostgreSQL database ${name} again: ${why}\n`);
    await db.close();
    await onAdmin(adminUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    });
    db = await openDatabase(url);
    seededSeconds = await seed(db, persons, progress);
    // Bulk-loaded pages are all-visible only once vacuumed (index-only scans), and the
    // planner has no statistics until then: what autovacuum does on a live site, now.
    await sql`VACUUM (ANALYZE) phone_index`.execute(db.kysely);
    await sql`ANALYZE`.execute(db.kysely);
  } else {
    const analysed = await sql<{ n: string | number }>`
      SELECT count(*) AS n FROM pg_stat_user_tables
       WHERE relname = 'phone_index' AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`.execute(db.kysely);
    if (Number(analysed.rows[0]?.n ?? 0) === 0) await sql`ANALYZE`.execute(db.kysely);
  }
  const c = await countsOf(db);
  const size = await sql<{ bytes: string | number }>`SELECT pg_database_size(current_database()) AS bytes`.execute(db.kysely);
  return {
    db, where: `${name} on ${new URL(adminUrl).host}`, ...c, bytes: Number(size.rows[0]?.bytes ?? 0),
    ...(seededSeconds !== undefined ? { seededSeconds } : {}), ...(why !== undefined ? { reseededBecause: why } : {}),
  };
}

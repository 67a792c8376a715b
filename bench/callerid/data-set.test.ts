import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { databaseUrl, postgresDataSet, sqliteDataSet } from './data-set.js';

const dir = mkdtempSync(join(tmpdir(), 'callerid-data-set-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = (): void => {};

describe('the caller-ID data set on SQLite', () => {
  const file = join(dir, 'bench.db');

  it('is seeded when the file does not exist, with block keys for the German switchboards', async () => {
    const d = await sqliteDataSet(file, 500, quiet);
    await d.db.close();
    expect(d.seededSeconds).toBeGreaterThan(0);
    expect([d.persons, d.companies, d.home]).toEqual([500, 100, 'US']);
    expect(d.phones).toBe(1200);
    expect(d.blockKeys).toBe(10);
  });

  it('is reused when it holds the persons asked for, keyed as the keyer keys today', async () => {
    const d = await sqliteDataSet(file, 500, quiet);
    await d.db.close();
    expect(d.seededSeconds).toBeUndefined();
  });

  it('is seeded again when its keys predate the block keys', async () => {
    const stale = await sqliteDataSet(file, 500, quiet);
    stale.db.sqlite?.prepare('DELETE FROM phone_index WHERE block = 1').run();
    await stale.db.close();
    const d = await sqliteDataSet(file, 500, quiet);
    await d.db.close();
    expect(d.reseededBecause).toMatch(/caller-ID keys are not what the keyer writes now/);
    expect(d.blockKeys).toBe(10);
  });

  it('is seeded again when it holds another number of persons', async () => {
    const d = await sqliteDataSet(file, 250, quiet);
    await d.db.close();
    expect(d.reseededBecause).toBe('it holds 500 persons, not 250');
    expect(d.persons).toBe(250);
  });
});

describe('the PostgreSQL database of the benchmark', () => {
  it('is on the same server and role as the admin URL', () => {
    expect(databaseUrl('postgres://sb:pw@localhost:5433/switchboard_test?sslmode=disable', 'sb_bench_callerid'))
      .toBe('postgres://sb:pw@localhost:5433/sb_bench_callerid?sslmode=disable');
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('the caller-ID data set on PostgreSQL (TEST_DATABASE_URL)', () => {
  const name = 'sb_bench_callerid_unit';
  afterAll(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  it('creates its own database, seeds it, analyses it, and reuses it on the next run', async () => {
    const first = await postgresDataSet(adminUrl ?? '', name, 500, quiet);
    const analysed = await first.db.pgPool?.query("SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE relname = 'phone_index' AND last_analyze IS NOT NULL");
    await first.db.close();
    expect(first.seededSeconds).toBeGreaterThan(0);
    expect([first.persons, first.phones, first.blockKeys]).toEqual([500, 1200, 10]);
    expect(analysed?.rows[0]).toEqual({ n: 1 });
    const second = await postgresDataSet(adminUrl ?? '', name, 500, quiet);
    await second.db.close();
    expect(second.seededSeconds).toBeUndefined();
    expect(second.where).toMatch(/^sb_bench_callerid_unit on /);
  });

  it('refuses a database name that is not a plain identifier', async () => {
    await expect(postgresDataSet(adminUrl ?? '', 'x; DROP TABLE y', 5, quiet)).rejects.toThrow(/not a plain database name/);
  });
});

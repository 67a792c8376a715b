/**
 * The databases every database suite runs on (kysely's habit): SQLite always, PostgreSQL
 * when TEST_DATABASE_URL is set (`.ci/run` starts Debian's PostgreSQL and sets it).
 * Each call gets a fresh, empty database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { hasPeer, recordSkip } from './peers.js';

export interface TestDatabase { name: 'sqlite' | 'postgres'; url: string; drop(): Promise<void> }

/** SQLite always; PostgreSQL when configured, else its half of the file is a recorded, visible skip. */
export const DIALECTS: Array<'sqlite' | 'postgres'> = hasPeer('postgresql') ? ['sqlite', 'postgres'] : ['sqlite'];
if (!hasPeer('postgresql') && process.env.VITEST !== undefined) recordSkip(['postgresql'], 'dialect');

export async function freshDatabase(dialect: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sb-test-'));
    return { name: 'sqlite', url: `sqlite:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set');
  const dbName = `sb_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${dbName}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${dbName}`;
  return {
    name: 'postgres',
    url: url.toString(),
    // An autovacuum worker may hold the fresh database for a moment: try again.
    drop: async () => {
      for (let attempt = 1; ; attempt++) {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
          return;
        } catch (e) {
          if (attempt >= 5) throw e;
          await new Promise((r) => setTimeout(r, 200 * attempt));
        } finally {
          await c.end();
        }
      }
    },
  };
}

/**
 * Opens the database: SQLite (better-sqlite3 v12, a file in WAL mode) by default,
 * PostgreSQL when the URL is `postgres://…`. Migrations run at start-up.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider, type SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect.js';
import type { Database } from './schema.js';
import * as m001 from './migrations/001-initial.js';
import * as m002 from './migrations/002-phone-search-indexes.js';
import * as m003 from './migrations/003-caller-id-function.js';
import * as m004 from './migrations/004-sip-credentials.js';
import * as m005 from './migrations/005-caller-id-labels.js';
import * as m006 from './migrations/006-calllog-call-identity.js';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** The raw SQLite handle for synchronous hot paths (caller-ID lookup); null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  pgPool: pg.Pool | null;
  close(): Promise<void>;
}

type MigrationModule = { up(db: Kysely<unknown>, dialect: DialectName): Promise<void> };

/** Versioned migrations, in order. A new one gets the next number; never edit a shipped one. */
const MIGRATIONS: Record<string, MigrationModule> = {
  '001-initial': m001,
  '002-phone-search-indexes': m002,
  '003-caller-id-function': m003,
  '004-sip-credentials': m004,
  '005-caller-id-labels': m005,
  '006-calllog-call-identity': m006,
};

class StaticMigrations implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (db) => mod.up(db, this.dialect) };
    }
    return out;
  }
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export async function openDatabase(url: string): Promise<Db> {
  if (isPostgresUrl(url)) {
    // Numeric ids come back as numbers (int8 as text otherwise).
    pg.types.setTypeParser(20, (v: string) => Number(v));
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    // pool.end() resolves before its clients are gone: wait for each, so a database can be
    // dropped right after close().
    const close = async () => {
      let left = pool.totalCount;
      const ended = left === 0 ? Promise.resolve() : new Promise<void>((resolve) => pool.on('remove', () => { left -= 1; if (left === 0) resolve(); }));
      await kysely.destroy();
      await ended;
    };
    return { kysely, dialect: 'postgres', sqlite: null, pgPool: pool, close };
  }
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // The default page cache is 2 MB: at a million records every search re-reads its index
  // pages through the OS. 64 MB of cache and reads through mmap keep the hot pages close.
  // mmap covers the whole file (1M persons is ~940 MB): the caller-ID lookup reads
  // phone_index (its index is written last, at the end of the file), persons and
  // companies at random, and a page outside the map costs a read() into the page cache.
  // It is address space, not memory: the pages are the OS page cache's own; 2 GB is the
  // largest mmap this SQLite build allows (larger values are capped).
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 2147418112');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { kysely, dialect: 'sqlite', sqlite, pgPool: null, close: () => kysely.destroy() };
}

/**
 * Kysely prepares every query anew; SQLite's prepare costs as much as running a small
 * query. Its SQL text is parameterised, so the same text comes back: keep the prepared
 * statements (a bounded map, oldest out). Only the part of the driver Kysely uses.
 */
const STATEMENT_CACHE_SIZE = 500;

function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

/**
 * Runs every pending migration (or those up to and including `upTo`, to test a migration
 * on older data); throws with the failing migration's name.
 */
export async function migrate(db: Db, upTo?: string): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new StaticMigrations(db.dialect) });
  const { error, results } = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

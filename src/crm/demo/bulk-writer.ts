/**
 * Writes bulk rows as fast as each dialect allows: on SQLite, prepared statements on the
 * raw better-sqlite3 handle inside one transaction per chunk (no async hop per row);
 * on PostgreSQL, multi-row INSERTs through Kysely. Secondary indexes can be dropped for
 * the load and rebuilt after, from their own stored definitions.
 */
import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import { notePhoneIndexKeys } from '../prefix-key-filter.js';
import type { CompaniesTable, EmailsTable, PersonsTable, PhoneIndexTable, PhonesTable } from '../../db/schema.js';

export interface Chunk {
  companies: Insertable<CompaniesTable>[];
  persons: Insertable<PersonsTable>[];
  phones: Insertable<PhonesTable>[];
  index: Insertable<PhoneIndexTable>[];
  emails: Insertable<EmailsTable>[];
}

type BulkTable = 'companies' | 'persons' | 'phones' | 'phone_index' | 'emails';
const BULK_TABLES: readonly BulkTable[] = ['companies', 'persons', 'phones', 'phone_index', 'emails'];

const COLUMNS: Record<BulkTable, readonly string[]> = {
  companies: ['id', 'name', 'name_key', 'website', 'address', 'city', 'postcode', 'country', 'notes', 'created_at', 'updated_at'],
  persons: ['id', 'first_name', 'last_name', 'name_key', 'first_key', 'company_id', 'title', 'address', 'city', 'postcode', 'country', 'notes', 'created_at', 'updated_at'],
  phones: ['owner_type', 'owner_id', 'kind', 'value', 'e164', 'rev_digits'],
  phone_index: ['key', 'owner_type', 'owner_id', 'field', 'value', 'block', 'name', 'company_id', 'company_name', 'prefix'],
  emails: ['owner_type', 'owner_id', 'kind', 'value'],
};

const rowsOf = (chunk: Chunk): Array<[BulkTable, ReadonlyArray<Record<string, unknown>>]> => [
  ['companies', chunk.companies], ['persons', chunk.persons], ['phones', chunk.phones], ['phone_index', chunk.index], ['emails', chunk.emails],
];

type SqliteHandle = NonNullable<Db['sqlite']>;
type Statement = ReturnType<SqliteHandle['prepare']>;
const statements = new WeakMap<SqliteHandle, Map<BulkTable, Statement>>();

function insertStatement(sqlite: SqliteHandle, table: BulkTable): Statement {
  let byTable = statements.get(sqlite);
  if (!byTable) { byTable = new Map(); statements.set(sqlite, byTable); }
  let stmt = byTable.get(table);
  if (!stmt) {
    const cols = COLUMNS[table];
    stmt = sqlite.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    byTable.set(table, stmt);
  }
  return stmt;
}

/** PostgreSQL allows 65,535 bind parameters per statement; 1,000 rows stay well below. */
const PG_ROWS_PER_INSERT = 1000;

export async function writeChunk(db: Db, chunk: Chunk): Promise<void> {
  notePhoneIndexKeys(chunk.index.filter((r) => r.prefix !== 0).map((r) => r.key));
  const sqlite = db.sqlite;
  if (sqlite) {
    sqlite.transaction(() => {
      for (const [table, rows] of rowsOf(chunk)) {
        const stmt = insertStatement(sqlite, table);
        const cols = COLUMNS[table];
        for (const row of rows) stmt.run(cols.map((c) => row[c] ?? null));
      }
    })();
    return;
  }
  await db.kysely.transaction().execute(async (tx) => {
    for (const [table, rows] of rowsOf(chunk)) {
      for (let at = 0; at < rows.length; at += PG_ROWS_PER_INSERT) {
        // The rows were typed per table when built; Kysely's per-table insert type cannot follow a union here.
        await tx.insertInto(table).values(rows.slice(at, at + PG_ROWS_PER_INSERT) as never).execute();
      }
    }
  });
}

/**
 * Drops the secondary indexes of the bulk tables and returns the function that rebuilds
 * them. Primary keys stay (the ids are written in order, so they cost little).
 */
export async function dropIndexes(db: Db): Promise<() => Promise<void>> {
  const k = db.kysely;
  const list = sql.join(BULK_TABLES.map((t) => sql.lit(t)));
  const defs = db.dialect === 'sqlite'
    ? (await sql<{ name: string; def: string }>`SELECT name, sql AS def FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${list})`.execute(k)).rows
    : (await sql<{ name: string; def: string }>`SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename IN (${list})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(k)).rows;
  for (const d of defs) await sql`DROP INDEX ${sql.id(d.name)}`.execute(k);
  return async () => {
    for (const d of defs) await sql.raw(d.def).execute(k);
    // PostgreSQL plans from statistics, which a bulk load leaves stale; SQLite is left as
    // the app leaves it (no sqlite_stat1), so benchmarks measure what users get.
    if (db.dialect === 'postgres') await sql`ANALYZE`.execute(k);
  };
}

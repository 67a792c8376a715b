/**
 * The caller-ID index lookup (R6.6): one indexed query for all candidate keys, joined
 * with the owner's name (and a person's company). On SQLite it is a prepared statement
 * on the raw better-sqlite3 handle — synchronous, a few microseconds — because it runs
 * for every incoming call; on PostgreSQL the same query inside the function
 * `caller_id_rows(text[])` (migration 003), whose plan is made once per session instead
 * of once per call (planning was 80% of the server's time).
 * The SQL is static: keys travel as one bound parameter (a JSON array or a text[]).
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { IndexRow } from '../phone/index.js';

interface RawRow {
  key: string;
  owner_type: 'person' | 'company' | 'user';
  owner_id: number;
  field: string;
  value: string;
  person_name: string | null;
  company_id: number | null;
  company_name: string | null;
  user_name: string | null;
}

const SELECT = `
  SELECT pi.key, pi.owner_type, pi.owner_id, pi.field, pi.value,
         TRIM(p.first_name || ' ' || p.last_name) AS person_name,
         COALESCE(c.id, pc.id) AS company_id, COALESCE(c.name, pc.name) AS company_name,
         u.name AS user_name
    FROM phone_index pi
    LEFT JOIN persons p ON pi.owner_type = 'person' AND p.id = pi.owner_id
    LEFT JOIN companies pc ON pi.owner_type = 'person' AND pc.id = p.company_id
    LEFT JOIN companies c ON pi.owner_type = 'company' AND c.id = pi.owner_id
    LEFT JOIN users u ON pi.owner_type = 'user' AND u.id = pi.owner_id`;

const SQLITE_QUERY = `${SELECT} WHERE pi.key IN (SELECT value FROM json_each(?))`;

function toIndexRow(r: RawRow): IndexRow {
  const name = r.owner_type === 'person' ? r.person_name : r.owner_type === 'company' ? r.company_name : r.user_name;
  const row: { -readonly [K in keyof IndexRow]: IndexRow[K] } = {
    key: r.key, ownerType: r.owner_type, ownerId: Number(r.owner_id), name: name ?? '', phone: r.value, field: r.field,
  };
  if (r.owner_type === 'person' && r.company_id !== null && r.company_name !== null) {
    row.companyId = Number(r.company_id);
    row.companyName = r.company_name;
  }
  return row;
}

export interface PhoneIndexLookup {
  /** Synchronous on SQLite; undefined on PostgreSQL. */
  sync?: (keys: string[]) => IndexRow[];
  async: (keys: string[]) => Promise<IndexRow[]>;
}

export function phoneIndexLookup(db: Db): PhoneIndexLookup {
  if (db.sqlite) {
    const stmt = db.sqlite.prepare<[string], RawRow>(SQLITE_QUERY);
    const sync = (keys: string[]) => stmt.all(JSON.stringify(keys)).map(toIndexRow);
    return { sync, async: async (keys) => sync(keys) };
  }
  return {
    async: async (keys) => {
      const result = await sql<RawRow>`SELECT * FROM caller_id_rows(${keys}::text[])`.execute(db.kysely);
      return result.rows.map(toIndexRow);
    },
  };
}

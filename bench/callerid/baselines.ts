/**
 * What the caller-ID match is compared with, on the same tables:
 * - the floor: a bare indexed point query for one key (a prepared statement on SQLite,
 *   a named — so prepared once per connection — statement on PostgreSQL);
 * - what many CRMs do: `LIKE '%<last 9 digits>%'` over a digits column of every phone
 *   (here `phones.e164`), which no B-tree index can serve: a full scan.
 */
import type { Db } from '../../src/db/database.js';

export interface Baselines {
  floor(key: string): unknown[] | Promise<unknown[]>;
  likeScan(tail9: string): unknown[] | Promise<unknown[]>;
}

export const FLOOR_SQL = 'SELECT owner_id FROM phone_index WHERE key = ?';
export const LIKE_SQL = "SELECT owner_type, owner_id, value FROM phones WHERE e164 LIKE '%' || ? || '%'";

const numbered = (text: string): string => text.replace('?', '$1');

export function baselinesOf(db: Db): Baselines {
  if (db.sqlite) {
    const floor = db.sqlite.prepare<[string], { owner_id: number }>(FLOOR_SQL);
    const like = db.sqlite.prepare<[string], { owner_type: string; owner_id: number; value: string }>(LIKE_SQL);
    return { floor: (key) => floor.all(key), likeScan: (tail9) => like.all(tail9) };
  }
  const pool = db.pgPool;
  if (!pool) throw new Error('a PostgreSQL database without a pool');
  return {
    floor: async (key) => (await pool.query({ name: 'bench_callerid_floor', text: numbered(FLOOR_SQL), values: [key] })).rows,
    likeScan: async (tail9) => (await pool.query({ name: 'bench_callerid_like', text: numbered(LIKE_SQL), values: [tail9] })).rows,
  };
}

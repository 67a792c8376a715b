import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Phone search and caller-ID lookups filter on the owner type as well as the number.
 * With single-column indexes SQLite (which has no statistics unless ANALYZE runs) takes
 * `phone_index_owner` / `phones_owner` for `owner_type = 'person'` and walks every
 * person's number: ~1 s per search at a million persons. Composite, covering indexes
 * (equality columns first, then the range) make the fast plan the obvious one on both
 * dialects; `phone_index_key` is a prefix of the new key index and goes.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.createIndex('phone_index_key_owner').on('phone_index').columns(['key', 'owner_type', 'owner_id']).execute();
  await db.schema.dropIndex('phone_index_key').execute();
  await db.schema.createIndex('phones_owner_rev_digits').on('phones').columns(['owner_type', 'rev_digits', 'owner_id']).execute();
}

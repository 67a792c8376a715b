import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * A CTI user's SIP secret for the built-in SIP server, stored as digest HA1s, never the
 * password (RFC 7616 §3.4.2: HA1 = H(username ":" realm ":" password), MD5 and SHA-256).
 * A table of its own rather than columns on `users`: every request loads its user row
 * with `selectAll()`, and the HA1s (password equivalents for SIP) should not ride along.
 * `username` (the device name then) and `realm` are what the HA1s were made with: when
 * either changes, the row is stale and the admin is told to set the password again.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.createTable('sip_credentials')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('realm', 'text', (c) => c.notNull())
    .addColumn('ha1_md5', 'text', (c) => c.notNull())
    .addColumn('ha1_sha256', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Call identity and filing (issue 12, "no call is ever lost or overwritten"):
 * - `call_id`: our id of the call (UUIDv7, unique for ever); `call_key` is `call_id:device`.
 *   Rows written before this migration keep their old key; their `call_id` stays null.
 * - `provider_ref`: the phone system's ref of the call (sim ref, Asterisk Uniqueid), an
 *   attribute only, so a restarted server can adopt a call the phone system still has.
 * - `display_number`: the number as people read it (E.164 stays in `e164`); `number` keeps
 *   what the phone system presented or dialled.
 * - `communication_links`: every record the call is filed on (two persons sharing a
 *   number both get it), with the name shown then. No foreign key to the record: deleting
 *   a person or company keeps its call history readable, and a call-log write can never
 *   fail on a record deleted during the call.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  for (const column of ['call_id', 'provider_ref', 'display_number']) {
    await db.schema.alterTable('communications').addColumn(column, 'text').execute();
  }
  await db.schema.createIndex('communications_conversation_id').on('communications').column('conversation_id').execute();
  await db.schema.createIndex('communications_provider_ref').on('communications').column('provider_ref').execute();
  await db.schema.createTable('communication_links')
    .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('communication_id', 'integer', (c) => c.notNull().references('communications.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('communication_links_one', ['communication_id', 'type', 'record_id'])
    .execute();
  await db.schema.createIndex('communication_links_record').on('communication_links').columns(['type', 'record_id']).execute();
}

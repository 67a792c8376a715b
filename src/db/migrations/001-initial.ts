import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

type Table = CreateTableBuilder<string, never>;
import type { DialectName } from '../dialect.js';

/** The first schema: CRM records, phones and their caller-ID index, CTI user fields. */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  const pk = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();
  const stamp = (t: Table) =>
    t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());

  await stamp(db.schema.createTable('users')
    .addColumn('id', id, pk)
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('extension', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('cti_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cti_device', 'text')
    .addColumn('cti_call_screen', 'text', (c) => c.notNull().defaultTo('person-summary'))
    .addColumn('always_show_call_screen', 'integer', (c) => c.notNull().defaultTo(0)))
    .execute();

  await db.schema.createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  const address = (t: Table) => t
    .addColumn('address', 'text').addColumn('city', 'text').addColumn('postcode', 'text')
    .addColumn('country', 'text').addColumn('notes', 'text');

  await stamp(address(db.schema.createTable('companies')
    .addColumn('id', id, pk)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', key, (c) => c.notNull())
    .addColumn('website', 'text'))).execute();
  await db.schema.createIndex('companies_name_key').on('companies').column('name_key').execute();

  await stamp(address(db.schema.createTable('persons')
    .addColumn('id', id, pk)
    .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('name_key', key, (c) => c.notNull())
    .addColumn('first_key', key, (c) => c.notNull())
    .addColumn('company_id', 'integer', (c) => c.references('companies.id').onDelete('set null'))
    .addColumn('title', 'text'))).execute();
  await db.schema.createIndex('persons_name_key').on('persons').column('name_key').execute();
  await db.schema.createIndex('persons_first_key').on('persons').column('first_key').execute();
  await db.schema.createIndex('persons_company').on('persons').column('company_id').execute();

  await db.schema.createTable('phones')
    .addColumn('id', id, pk)
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('e164', 'text')
    .addColumn('rev_digits', key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('phones_owner').on('phones').columns(['owner_type', 'owner_id']).execute();
  await db.schema.createIndex('phones_rev_digits').on('phones').column('rev_digits').execute();

  await db.schema.createTable('emails')
    .addColumn('id', id, pk)
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('emails_owner').on('emails').columns(['owner_type', 'owner_id']).execute();

  await db.schema.createTable('phone_index')
    .addColumn('key', key, (c) => c.notNull())
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('block', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('phone_index_key').on('phone_index').column('key').execute();
  await db.schema.createIndex('phone_index_owner').on('phone_index').columns(['owner_type', 'owner_id']).execute();

  const links = (t: Table) => t
    .addColumn('description', 'text')
    .addColumn('company_id', 'integer', (c) => c.references('companies.id').onDelete('set null'))
    .addColumn('person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('assigned_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'));

  await stamp(links(db.schema.createTable('cases')
    .addColumn('id', id, pk)
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull()))).execute();
  await stamp(links(db.schema.createTable('opportunities')
    .addColumn('id', id, pk)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('amount', 'real')
    .addColumn('close_date', 'text'))).execute();
  await stamp(links(db.schema.createTable('leads')
    .addColumn('id', id, pk)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text'))).execute();
  for (const table of ['cases', 'opportunities', 'leads']) {
    await db.schema.createIndex(`${table}_company`).on(table).column('company_id').execute();
    await db.schema.createIndex(`${table}_person`).on(table).column('person_id').execute();
  }

  await stamp(db.schema.createTable('communications')
    .addColumn('id', id, pk)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('e164', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('duration_s', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('transferred_to', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('call_key', 'text', (c) => c.unique())
    .addColumn('person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('company_id', 'integer', (c) => c.references('companies.id').onDelete('set null'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .addColumn('callback', 'integer', (c) => c.notNull().defaultTo(0))).execute();
  for (const column of ['person_id', 'company_id', 'user_id', 'started_at']) {
    await db.schema.createIndex(`communications_${column}`).on('communications').column(column).execute();
  }

  await db.schema.createTable('fields')
    .addColumn('id', id, pk)
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_length', 'integer')
    .addColumn('width', 'integer')
    .addColumn('default_value', 'text')
    .addColumn('options', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('fields_entity_name', ['entity', 'name'])
    .execute();

  await db.schema.createTable('custom_values')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addPrimaryKeyConstraint('custom_values_pk', ['entity', 'record_id', 'field'])
    .execute();

  await db.schema.createTable('screens')
    .addColumn('id', id, pk)
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('caption', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('audit_log')
    .addColumn('id', id, pk)
    .addColumn('user_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('details', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

import { sql, type Kysely } from 'kysely';
import { callingCodeMaxLengths } from '../../phone/index.js';
import { prefixFlagSql } from '../caller-id-labels.js';
import type { DialectName } from '../dialect.js';

/**
 * The caller-ID lookup without joins (issue 3: exact-hit p99 ≤ 50 µs at 1M persons).
 * Measured before: each exact hit probed 6–8 keys in the whole index, then read the
 * phone_index row and the person and company rows at random pages. Now:
 * - `phone_index` carries the owner's label (`name`, `company_id`, `company_name`), kept
 *   by triggers (insert, rename of a person, company or user, company deleted);
 * - `prefix` marks the rows a longer caller ID can start with (see caller-id-labels.ts);
 * - the key index (migration 002) serves exact and variant keys, and a partial index of
 *   the prefix rows serves the prefix keys. A hit reads its row, which has all it needs.
 *   (Covering indexes with the labels were measured too: no faster, 300 MB more at 1M
 *   persons.)
 * PostgreSQL: the function `caller_id_rows(keys, prefix_keys)` replaces migration 003's.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.createTable('calling_code_lengths')
    .addColumn('calling_code', 'text', (c) => c.primaryKey())
    .addColumn('max_national_length', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('calling_code_lengths' as never)
    .values(callingCodeMaxLengths().map((l) => ({ calling_code: l.callingCode, max_national_length: l.maxNationalLength })) as never)
    .execute();

  await db.schema.alterTable('phone_index').addColumn('name', 'text').execute();
  await db.schema.alterTable('phone_index').addColumn('company_id', 'integer').execute();
  await db.schema.alterTable('phone_index').addColumn('company_name', 'text').execute();
  await db.schema.alterTable('phone_index').addColumn('prefix', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  // Backfill: the same SQL on both dialects (UPDATE … FROM: SQLite ≥ 3.33, PostgreSQL).
  await sql`UPDATE phone_index SET name = TRIM(p.first_name || ' ' || p.last_name), company_id = p.company_id, company_name = c.name
    FROM persons p LEFT JOIN companies c ON c.id = p.company_id
    WHERE phone_index.owner_type = 'person' AND p.id = phone_index.owner_id`.execute(db);
  await sql`UPDATE phone_index SET name = c.name FROM companies c WHERE phone_index.owner_type = 'company' AND c.id = phone_index.owner_id`.execute(db);
  await sql`UPDATE phone_index SET name = u.name FROM users u WHERE phone_index.owner_type = 'user' AND u.id = phone_index.owner_id`.execute(db);
  await sql`UPDATE phone_index SET name = '' WHERE name IS NULL`.execute(db);
  await sql`UPDATE phone_index SET prefix = ${prefixFlagSql('key', 'block')}`.execute(db);

  await sql`CREATE INDEX phone_index_prefix ON phone_index (key) WHERE prefix = 1`.execute(db);
  if (dialect === 'postgres') await postgres(db);
  else await sqlite(db);
}

async function sqlite(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TRIGGER phone_index_labels AFTER INSERT ON phone_index WHEN NEW.name IS NULL
BEGIN
  UPDATE phone_index SET
    name = COALESCE(CASE NEW.owner_type
      WHEN 'person' THEN (SELECT TRIM(first_name || ' ' || last_name) FROM persons WHERE id = NEW.owner_id)
      WHEN 'company' THEN (SELECT name FROM companies WHERE id = NEW.owner_id)
      ELSE (SELECT name FROM users WHERE id = NEW.owner_id) END, ''),
    company_id = CASE WHEN NEW.owner_type = 'person' THEN (SELECT company_id FROM persons WHERE id = NEW.owner_id) END,
    company_name = CASE WHEN NEW.owner_type = 'person'
      THEN (SELECT c.name FROM persons p JOIN companies c ON c.id = p.company_id WHERE p.id = NEW.owner_id) END,
    prefix = ${prefixFlagSql('NEW.key', 'NEW.block')}
  WHERE rowid = NEW.rowid;
END`.execute(db);
  await sql`CREATE TRIGGER persons_phone_labels AFTER UPDATE OF first_name, last_name, company_id ON persons
BEGIN
  UPDATE phone_index SET name = TRIM(NEW.first_name || ' ' || NEW.last_name), company_id = NEW.company_id,
    company_name = (SELECT name FROM companies WHERE id = NEW.company_id)
  WHERE owner_type = 'person' AND owner_id = NEW.id;
END`.execute(db);
  await sql`CREATE TRIGGER companies_phone_labels AFTER UPDATE OF name ON companies
BEGIN
  UPDATE phone_index SET name = NEW.name WHERE owner_type = 'company' AND owner_id = NEW.id;
  UPDATE phone_index SET company_name = NEW.name WHERE owner_type = 'person' AND owner_id IN (SELECT id FROM persons WHERE company_id = NEW.id);
END`.execute(db);
  await sql`CREATE TRIGGER companies_phone_labels_delete BEFORE DELETE ON companies
BEGIN
  UPDATE phone_index SET company_id = NULL, company_name = NULL WHERE owner_type = 'person' AND owner_id IN (SELECT id FROM persons WHERE company_id = OLD.id);
END`.execute(db);
  await sql`CREATE TRIGGER users_phone_labels AFTER UPDATE OF name ON users
BEGIN
  UPDATE phone_index SET name = NEW.name WHERE owner_type = 'user' AND owner_id = NEW.id;
END`.execute(db);
}

async function postgres(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE FUNCTION phone_index_labels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.owner_type = 'person' THEN
    SELECT TRIM(p.first_name || ' ' || p.last_name), p.company_id, c.name INTO NEW.name, NEW.company_id, NEW.company_name
      FROM persons p LEFT JOIN companies c ON c.id = p.company_id WHERE p.id = NEW.owner_id;
  ELSIF NEW.owner_type = 'company' THEN
    SELECT c.name INTO NEW.name FROM companies c WHERE c.id = NEW.owner_id;
  ELSE
    SELECT u.name INTO NEW.name FROM users u WHERE u.id = NEW.owner_id;
  END IF;
  NEW.name := COALESCE(NEW.name, '');
  NEW.prefix := ${prefixFlagSql('NEW.key', 'NEW.block')};
  RETURN NEW;
END
$$`.execute(db);
  await sql`CREATE TRIGGER phone_index_labels BEFORE INSERT ON phone_index FOR EACH ROW WHEN (NEW.name IS NULL) EXECUTE FUNCTION phone_index_labels()`.execute(db);
  await sql`CREATE FUNCTION persons_phone_labels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE phone_index SET name = TRIM(NEW.first_name || ' ' || NEW.last_name), company_id = NEW.company_id,
    company_name = (SELECT c.name FROM companies c WHERE c.id = NEW.company_id)
  WHERE owner_type = 'person' AND owner_id = NEW.id;
  RETURN NULL;
END
$$`.execute(db);
  await sql`CREATE TRIGGER persons_phone_labels AFTER UPDATE OF first_name, last_name, company_id ON persons FOR EACH ROW EXECUTE FUNCTION persons_phone_labels()`.execute(db);
  await sql`CREATE FUNCTION companies_phone_labels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE phone_index SET company_id = NULL, company_name = NULL WHERE owner_type = 'person' AND owner_id IN (SELECT p.id FROM persons p WHERE p.company_id = OLD.id);
    RETURN OLD;
  END IF;
  UPDATE phone_index SET name = NEW.name WHERE owner_type = 'company' AND owner_id = NEW.id;
  UPDATE phone_index SET company_name = NEW.name WHERE owner_type = 'person' AND owner_id IN (SELECT p.id FROM persons p WHERE p.company_id = NEW.id);
  RETURN NULL;
END
$$`.execute(db);
  await sql`CREATE TRIGGER companies_phone_labels AFTER UPDATE OF name ON companies FOR EACH ROW EXECUTE FUNCTION companies_phone_labels()`.execute(db);
  await sql`CREATE TRIGGER companies_phone_labels_delete BEFORE DELETE ON companies FOR EACH ROW EXECUTE FUNCTION companies_phone_labels()`.execute(db);
  await sql`CREATE FUNCTION users_phone_labels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE phone_index SET name = NEW.name WHERE owner_type = 'user' AND owner_id = NEW.id;
  RETURN NULL;
END
$$`.execute(db);
  await sql`CREATE TRIGGER users_phone_labels AFTER UPDATE OF name ON users FOR EACH ROW EXECUTE FUNCTION users_phone_labels()`.execute(db);
  await sql`DROP FUNCTION caller_id_rows(text[])`.execute(db);
  await sql`CREATE FUNCTION caller_id_rows(keys text[], prefix_keys text[])
  RETURNS TABLE (key text, owner_type text, owner_id integer, field text, value text, name text, company_id integer, company_name text)
  LANGUAGE plpgsql STABLE
  SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT pi.key, pi.owner_type, pi.owner_id, pi.field, pi.value, pi.name, pi.company_id, pi.company_name
    FROM phone_index pi WHERE pi.key = ANY (keys)
  UNION ALL
  SELECT pi.key, pi.owner_type, pi.owner_id, pi.field, pi.value, pi.name, pi.company_id, pi.company_name
    FROM phone_index pi WHERE pi.prefix = 1 AND pi.key = ANY (prefix_keys);
END
$$`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * PostgreSQL plans the caller-ID lookup (phone_index joined to persons, companies twice
 * and users) again on every call: ~250 µs of planning for ~60 µs of execution, measured
 * with EXPLAIN ANALYZE at 1M persons (`npm run bench:callerid`). A PL/pgSQL function keeps
 * its plan for the session, and `plan_cache_mode = force_generic_plan` on the function
 * makes that plan generic from the first call (the plan does not depend on the keys: it
 * is always the key index, then primary keys). SQLite is untouched: its prepared
 * statement is planned once. The query is the one in src/crm/phone-index.ts; a change
 * to it there needs a new migration here.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql.raw(`CREATE FUNCTION caller_id_rows(keys text[])
  RETURNS TABLE (key text, owner_type text, owner_id integer, field text, value text,
                 person_name text, company_id integer, company_name text, user_name text)
  LANGUAGE plpgsql STABLE
  SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT pi.key, pi.owner_type, pi.owner_id, pi.field, pi.value,
         TRIM(p.first_name || ' ' || p.last_name),
         COALESCE(c.id, pc.id), COALESCE(c.name, pc.name),
         u.name
    FROM phone_index pi
    LEFT JOIN persons p ON pi.owner_type = 'person' AND p.id = pi.owner_id
    LEFT JOIN companies pc ON pi.owner_type = 'person' AND pc.id = p.company_id
    LEFT JOIN companies c ON pi.owner_type = 'company' AND c.id = pi.owner_id
    LEFT JOIN users u ON pi.owner_type = 'user' AND u.id = pi.owner_id
   WHERE pi.key = ANY (keys);
END
$$`).execute(db);
}

/**
 * The database's copy of the numbering plans' longest national lengths
 * (`calling_code_lengths`, migration 005), from which it marks the caller-ID index's
 * prefix rows. The caller side decides from libphonenumber-js's metadata which keys it
 * looks up among prefix rows only; the two must agree, so when the metadata changes (a
 * library upgrade) the copy is replaced and every row's flag recomputed, in one
 * transaction, before the server answers its first call.
 */
import { sql } from 'kysely';
import { prefixFlagSql } from '../db/caller-id-labels.js';
import type { Db } from '../db/database.js';
import { callingCodeMaxLengths } from '../phone/index.js';

/** Brings the copy up to date; true when it changed (and the flags were recomputed). */
export async function syncCallingCodeLengths(db: Db): Promise<boolean> {
  const want = callingCodeMaxLengths();
  const rows = await db.kysely.selectFrom('calling_code_lengths').selectAll().execute();
  const have = new Map(rows.map((r) => [r.calling_code, Number(r.max_national_length)]));
  const same = have.size === want.length && want.every((w) => have.get(w.callingCode) === w.maxNationalLength);
  if (same) return false;
  await db.kysely.transaction().execute(async (tx) => {
    await tx.deleteFrom('calling_code_lengths').execute();
    await tx.insertInto('calling_code_lengths')
      .values(want.map((w) => ({ calling_code: w.callingCode, max_national_length: w.maxNationalLength })))
      .execute();
    await sql`UPDATE phone_index SET prefix = ${prefixFlagSql('key', 'block')}`.execute(tx);
  });
  return true;
}

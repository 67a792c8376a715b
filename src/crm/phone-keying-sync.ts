/**
 * The caller-ID keys of stored numbers follow the keying rules of this version of the
 * product (src/phone: which forms a typed value is read in, which keys it gets). When the
 * rules change, keys written by an older version would no longer be found (issue 12 §3:
 * other countries' international prefixes and unmarked number blocks are now keyed), so
 * the version the index was built with is kept in `settings`, and an index built by an
 * older one is rebuilt once at start, before the server answers its first call.
 */
import type { Db } from '../db/database.js';
import type { PhoneKeyer } from './phone-keyer.js';
import { reindexPhones } from './reindex.js';

/** Bump when a stored value's keys change. 2: issue 12 §3. */
export const PHONE_KEYING_VERSION = '2';
const KEY = 'phone_keying';

/** Rebuilds the index when it was keyed by other rules; true when it did. */
export async function syncPhoneKeying(db: Db, keyer: PhoneKeyer): Promise<boolean> {
  const k = db.kysely;
  const row = await k.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (row?.value === PHONE_KEYING_VERSION) return false;
  const phones = Number((await k.selectFrom('phones').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  if (phones > 0) await reindexPhones(db, keyer);
  await k.transaction().execute(async (tx) => {
    await tx.deleteFrom('settings').where('key', '=', KEY).execute();
    await tx.insertInto('settings').values({ key: KEY, value: PHONE_KEYING_VERSION }).execute();
  });
  return phones > 0;
}

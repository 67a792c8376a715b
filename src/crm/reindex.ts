/**
 * Rebuilds the caller-ID index and the normalised phone columns from the values as typed
 * (after the default country or area code changes: `npm run reindex`). Batched, one
 * transaction per batch, so a large base is rebuilt without holding one huge transaction.
 */
import type { Db } from '../db/database.js';
import type { Insertable } from 'kysely';
import type { PhoneIndexTable } from '../db/schema.js';
import { ENTITIES } from './entities.js';
import { syncCallingCodeLengths } from './phone-plan-sync.js';
import { notePhoneIndexKeys } from './prefix-key-filter.js';
import { digitsOf, reversed, type PhoneKeyer } from './phone-keyer.js';
import { indexUser } from './users.js';

const BATCH = 2000;

export async function reindexPhones(db: Db, keyer: PhoneKeyer, onProgress?: (done: number, total: number) => void): Promise<number> {
  const k = db.kysely;
  await syncCallingCodeLengths(db);
  const total = Number((await k.selectFrom('phones').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  await k.deleteFrom('phone_index').execute();
  let done = 0;
  let lastId = 0;
  for (;;) {
    const rows = await k.selectFrom('phones').selectAll().where('id', '>', lastId).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) break;
    await k.transaction().execute(async (tx) => {
      const index: Insertable<PhoneIndexTable>[] = [];
      for (const r of rows) {
        const keys = keyer.keys(r.value);
        await tx.updateTable('phones').set({ e164: keys.e164, rev_digits: reversed(keys.e164 ? keys.e164.slice(1) : digitsOf(r.value)) }).where('id', '=', r.id).execute();
        for (const key of keys.keys) index.push({ key: key.key, owner_type: r.owner_type, owner_id: r.owner_id, field: `phone:${r.kind}`, value: r.value, block: key.block ? 1 : 0 });
      }
      notePhoneIndexKeys(index.map((r) => r.key));
      if (index.length) await tx.insertInto('phone_index').values(index).execute();
    });
    lastId = rows[rows.length - 1]?.id ?? lastId;
    done += rows.length;
    onProgress?.(done, total);
  }
  for (const entity of ['companies', 'persons'] as const) {
    const owner = ENTITIES[entity].singular as 'company' | 'person';
    const phoneFields = (await k.selectFrom('fields').select('name').where('entity', '=', entity).where('type', '=', 'phone').where('built_in', '=', 0).execute()).map((f) => f.name);
    if (phoneFields.length === 0) continue;
    const values = await k.selectFrom('custom_values').selectAll().where('entity', '=', entity).where('field', 'in', phoneFields).execute();
    const index = values.flatMap((v) => (v.value ? keyer.keys(v.value).keys.map((key) => ({ key: key.key, owner_type: owner, owner_id: v.record_id, field: v.field, value: v.value ?? '', block: key.block ? 1 : 0 })) : []));
    notePhoneIndexKeys(index.map((r) => r.key));
    for (let i = 0; i < index.length; i += BATCH) await k.insertInto('phone_index').values(index.slice(i, i + BATCH)).execute();
  }
  const users = await k.selectFrom('users').select(['id', 'phone', 'extension']).execute();
  for (const u of users) await indexUser(k, keyer, u.id, u.phone, u.extension);
  return done;
}

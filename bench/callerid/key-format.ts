/**
 * Is a reused data set keyed the way the code keys numbers today? The caller-ID keyer
 * has changed since some data sets were seeded (block keys for `-0` switchboards came
 * later), and a stale index would make the prefix tier a miss tier. A sample of stored
 * phones — spread over the table, plus German `-0` switchboards, the values that carry
 * block keys — is keyed again with the current keyer and compared with its index rows.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import type { PhoneKeyer } from '../../src/crm/phone-keyer.js';

export interface StoredPhone {
  ownerType: string;
  ownerId: number;
  value: string;
  /** Its rows in `phone_index`. */
  keys: Array<{ key: string; block: boolean }>;
}

const keySet = (keys: ReadonlyArray<{ key: string; block: boolean }>): string =>
  keys.map((k) => `${k.key}${k.block ? ' (block)' : ''}`).sort().join(', ');

/** The phones whose stored keys differ from the current keyer's, described. */
export function keyMismatches(phones: readonly StoredPhone[], keyer: PhoneKeyer): string[] {
  const out: string[] = [];
  for (const p of phones) {
    const stored = keySet(p.keys);
    const expected = keySet(keyer.keys(p.value).keys);
    if (stored !== expected) out.push(`${p.ownerType} ${p.ownerId} ${JSON.stringify(p.value)}: stored [${stored}], expected [${expected}]`);
  }
  return out;
}

interface PhoneRow { owner_type: string; owner_id: number; value: string }

/** `spread` phones evenly over the table and up to `blocks` values typed as `… -0` blocks. */
export async function sampleStoredPhones(db: Db, spread = 400, blocks = 50): Promise<StoredPhone[]> {
  const k = db.kysely;
  const max = Number((await k.selectFrom('phones').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst())?.max ?? 0);
  const ids = [...new Set(Array.from({ length: spread }, (_, i) => 1 + Math.floor((i * max) / spread)))];
  const rows: PhoneRow[] = ids.length === 0 ? [] : await k.selectFrom('phones').select(['owner_type', 'owner_id', 'value']).where('id', 'in', ids).execute();
  const blockRows = await sql<PhoneRow>`SELECT owner_type, owner_id, value FROM phones WHERE kind = 'switchboard' AND value LIKE '%-0' LIMIT ${blocks}`.execute(k);
  const out: StoredPhone[] = [];
  for (const r of [...rows, ...blockRows.rows]) {
    const keys = await k.selectFrom('phone_index').select(['key', 'block'])
      .where('owner_type', '=', r.owner_type as 'person').where('owner_id', '=', Number(r.owner_id)).where('value', '=', r.value).execute();
    out.push({ ownerType: r.owner_type, ownerId: Number(r.owner_id), value: r.value, keys: keys.map((x) => ({ key: x.key, block: Number(x.block) === 1 })) });
  }
  return out;
}

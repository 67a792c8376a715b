/**
 * Phones and e-mails of companies, persons (and users' phone/extension), and the
 * caller-ID index rows that go with them — always written in the caller's transaction.
 */
import type { OwnerType } from '../db/schema.js';
import type { Executor } from './db-types.js';
import { digitsOf, reversed, type PhoneKeyer } from './phone-keyer.js';
import { notePhoneIndexKeys } from './prefix-key-filter.js';

export interface PhoneInput { kind: string; value: string }
export interface PhoneOut { id: number; kind: string; value: string; e164: string | null }
export interface EmailInput { kind: string; value: string }
export interface EmailOut { id: number; kind: string; value: string }

export async function replacePhones(
  tx: Executor, keyer: PhoneKeyer, owner: OwnerType, ownerId: number, phones: readonly PhoneInput[],
): Promise<void> {
  await tx.deleteFrom('phones').where('owner_type', '=', owner).where('owner_id', '=', ownerId).execute();
  await tx.deleteFrom('phone_index').where('owner_type', '=', owner).where('owner_id', '=', ownerId)
    .where('field', 'like', 'phone:%').execute();
  for (const p of phones) {
    const k = keyer.keys(p.value);
    await tx.insertInto('phones').values({
      owner_type: owner, owner_id: ownerId, kind: p.kind, value: p.value, e164: k.e164,
      rev_digits: reversed(k.e164 ? k.e164.slice(1) : digitsOf(p.value)),
    }).execute();
    await indexPhone(tx, k.keys, owner, ownerId, `phone:${p.kind}`, p.value);
  }
}

/** Adds index rows for one phone value of one field. */
export async function indexPhone(
  tx: Executor, keys: ReadonlyArray<{ key: string; block: boolean }>,
  owner: OwnerType, ownerId: number, field: string, value: string,
): Promise<void> {
  notePhoneIndexKeys(keys.map((k) => k.key));
  for (const k of keys) {
    await tx.insertInto('phone_index').values({ key: k.key, owner_type: owner, owner_id: ownerId, field, value, block: k.block ? 1 : 0 }).execute();
  }
}

export async function unindexField(tx: Executor, owner: OwnerType, ownerId: number, field: string): Promise<void> {
  await tx.deleteFrom('phone_index').where('owner_type', '=', owner).where('owner_id', '=', ownerId).where('field', '=', field).execute();
}

export async function replaceEmails(tx: Executor, owner: OwnerType, ownerId: number, emails: readonly EmailInput[]): Promise<void> {
  await tx.deleteFrom('emails').where('owner_type', '=', owner).where('owner_id', '=', ownerId).execute();
  for (const e of emails) {
    await tx.insertInto('emails').values({ owner_type: owner, owner_id: ownerId, kind: e.kind, value: e.value }).execute();
  }
}

export async function loadPhones(db: Executor, owner: OwnerType, ids: readonly number[]): Promise<Map<number, PhoneOut[]>> {
  const out = new Map<number, PhoneOut[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('phones').select(['id', 'owner_id', 'kind', 'value', 'e164'])
    .where('owner_type', '=', owner).where('owner_id', 'in', [...ids]).orderBy('id').execute();
  for (const r of rows) {
    const list = out.get(r.owner_id) ?? [];
    list.push({ id: r.id, kind: r.kind, value: r.value, e164: r.e164 });
    out.set(r.owner_id, list);
  }
  return out;
}

export async function loadEmails(db: Executor, owner: OwnerType, ids: readonly number[]): Promise<Map<number, EmailOut[]>> {
  const out = new Map<number, EmailOut[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('emails').select(['id', 'owner_id', 'kind', 'value'])
    .where('owner_type', '=', owner).where('owner_id', 'in', [...ids]).orderBy('id').execute();
  for (const r of rows) {
    const list = out.get(r.owner_id) ?? [];
    list.push({ id: r.id, kind: r.kind, value: r.value });
    out.set(r.owner_id, list);
  }
  return out;
}

export async function deleteOwnerContacts(tx: Executor, owner: OwnerType, ownerId: number): Promise<void> {
  await tx.deleteFrom('phones').where('owner_type', '=', owner).where('owner_id', '=', ownerId).execute();
  await tx.deleteFrom('emails').where('owner_type', '=', owner).where('owner_id', '=', ownerId).execute();
  await tx.deleteFrom('phone_index').where('owner_type', '=', owner).where('owner_id', '=', ownerId).execute();
}

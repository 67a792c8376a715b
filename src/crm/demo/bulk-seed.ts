/**
 * Large data sets for benchmarks (`npm run seed -- --persons 1000000`): the generated
 * rows of bulk-rows.ts written in chunks, each chunk one transaction, with the phones,
 * their caller-ID index rows and the name keys exactly as RecordService writes them
 * (same PhoneKeyer port, same `nameKey`, same `rev_digits`).
 */
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CompaniesTable, EmailsTable, PersonsTable, PhoneIndexTable, PhonesTable } from '../../db/schema.js';
import { phoneContextOf, phoneKeyer } from '../phone-settings.js';
import { nameKey } from '../name-keys.js';
import { digitsOf, reversed, type PhoneKeyer } from '../phone-keyer.js';
import { SettingsService } from '../settings.js';
import { dropIndexes, writeChunk, type Chunk } from './bulk-writer.js';
import { PERSONS_PER_COMPANY, companyCount, generateCompany, generatePerson, type GeneratedPhone } from './bulk-rows.js';
import { rebuildPhoneIndexFilters } from '../prefix-key-filter.js';

export { benchBlock, benchNumber } from './bulk-rows.js';

export interface BulkSeedOptions {
  persons: number;
  seed?: number;
  /** Persons per transaction (a multiple of 5, so a company and its persons share one). */
  chunkSize?: number;
  /** Drop the bulk tables' secondary indexes during the load and rebuild them after. */
  dropIndexes?: boolean;
  /** Defaults to the app's keyer for the configured country. */
  keyer?: PhoneKeyer;
  onProgress?: (done: number, total: number) => void;
  /** Stops after the current chunk (the indexes dropped for the load are still rebuilt). */
  signal?: AbortSignal;
}

export interface BulkSeedResult {
  persons: number;
  companies: number;
  phones: number;
  indexRows: number;
  emails: number;
  firstPersonId: number;
  firstCompanyId: number;
  home: string;
}

export const DEFAULT_SEED = 20_260_101;
const STAMP_BASE = Date.UTC(2024, 0, 1);
const stamp = (i: number): string => new Date(STAMP_BASE + i * 37_000).toISOString();

/** Next free id of a table: the bulk rows carry explicit ids so phones can point at them. */
async function nextId(db: Db, table: 'companies' | 'persons'): Promise<number> {
  const row = await db.kysely.selectFrom(table).select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** The owner's label the index rows carry (migration 005); the database's trigger would compute the same, row by row. */
interface Label { name: string; companyId: number | null; companyName: string | null }

function phoneRows(
  chunk: Chunk, keyer: PhoneKeyer, owner: 'company' | 'person', ownerId: number, phones: readonly GeneratedPhone[], label: Label,
): void {
  for (const p of phones) {
    const k = keyer.keys(p.value);
    const row: Insertable<PhonesTable> = {
      owner_type: owner, owner_id: ownerId, kind: p.kind, value: p.value, e164: k.e164,
      rev_digits: reversed(k.e164 ? k.e164.slice(1) : digitsOf(p.value)),
    };
    chunk.phones.push(row);
    for (const key of k.keys) {
      const indexRow: Insertable<PhoneIndexTable> = {
        key: key.key, owner_type: owner, owner_id: ownerId, field: `phone:${p.kind}`, value: p.value, block: key.block ? 1 : 0,
        name: label.name, company_id: label.companyId, company_name: label.companyName, prefix: key.prefix ? 1 : 0,
      };
      chunk.index.push(indexRow);
    }
  }
}

/** Builds the rows of persons [from, to) and of the companies they open. */
export function buildChunk(seed: number, from: number, to: number, home: string, keyer: PhoneKeyer, firstCompanyId: number, firstPersonId: number): Chunk {
  const chunk: Chunk = { companies: [], persons: [], phones: [], index: [], emails: [] };
  const companyNames = new Map<number, string>();
  const companyName = (k: number): string => companyNames.get(k) ?? generateCompany(seed, k, home).name;
  for (let k = Math.ceil(from / PERSONS_PER_COMPANY); k * PERSONS_PER_COMPANY < to; k++) {
    const c = generateCompany(seed, k, home);
    companyNames.set(k, c.name);
    const id = firstCompanyId + k;
    const now = stamp(k);
    const row: Insertable<CompaniesTable> = {
      id, name: c.name, name_key: nameKey(c.name), website: c.website, address: c.address, city: c.city,
      postcode: c.postcode, country: c.country, notes: null, created_at: now, updated_at: now,
    };
    chunk.companies.push(row);
    phoneRows(chunk, keyer, 'company', id, c.phones, { name: c.name, companyId: null, companyName: null });
  }
  for (let i = from; i < to; i++) {
    const p = generatePerson(seed, i, home);
    const id = firstPersonId + i;
    const companyId = firstCompanyId + p.companyIndex;
    const now = stamp(i);
    const row: Insertable<PersonsTable> = {
      id, first_name: p.firstName, last_name: p.lastName,
      name_key: nameKey(p.lastName, p.firstName), first_key: nameKey(p.firstName, p.lastName),
      company_id: companyId, title: p.title, address: p.address, city: p.city,
      postcode: p.postcode, country: p.country, notes: null, created_at: now, updated_at: now,
    };
    chunk.persons.push(row);
    phoneRows(chunk, keyer, 'person', id, p.phones, { name: `${p.firstName} ${p.lastName}`.trim(), companyId, companyName: companyName(p.companyIndex) });
    const email: Insertable<EmailsTable> = { owner_type: 'person', owner_id: id, kind: 'business', value: p.email };
    chunk.emails.push(email);
  }
  return chunk;
}

/** Appends `persons` generated persons (and their companies) to the database. */
export async function seedBulk(db: Db, opts: BulkSeedOptions): Promise<BulkSeedResult> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const chunkSize = Math.max(PERSONS_PER_COMPANY, Math.floor((opts.chunkSize ?? 5000) / PERSONS_PER_COMPANY) * PERSONS_PER_COMPANY);
  const settings = new SettingsService(db);
  const loaded = await settings.load();
  const home = loaded.country;
  const keyer = opts.keyer ?? phoneKeyer(phoneContextOf(loaded));
  const firstCompanyId = await nextId(db, 'companies');
  const firstPersonId = await nextId(db, 'persons');
  const result: BulkSeedResult = {
    persons: 0, companies: 0, phones: 0, indexRows: 0, emails: 0, firstPersonId, firstCompanyId, home,
  };
  const restore = opts.dropIndexes ? await dropIndexes(db) : async () => {};
  // SQLite's default page cache is 2 MB: a million random index inserts (or an index
  // rebuild's sort) would go to disk again and again. 256 MB for the load, then back.
  const cacheSize = db.sqlite?.pragma('cache_size', { simple: true });
  db.sqlite?.pragma('cache_size = -262144');
  db.sqlite?.pragma('temp_store = MEMORY');
  try {
    for (let from = 0; from < opts.persons && !opts.signal?.aborted; from += chunkSize) {
      const to = Math.min(opts.persons, from + chunkSize);
      const chunk = buildChunk(seed, from, to, home, keyer, firstCompanyId, firstPersonId);
      await writeChunk(db, chunk);
      result.persons += chunk.persons.length;
      result.companies += chunk.companies.length;
      result.phones += chunk.phones.length;
      result.indexRows += chunk.index.length;
      result.emails += chunk.emails.length;
      opts.onProgress?.(to, opts.persons);
    }
  } finally {
    await restore();
    rebuildPhoneIndexFilters(); // sized again for what is there now
    if (typeof cacheSize === 'number') db.sqlite?.pragma(`cache_size = ${cacheSize}`);
    db.sqlite?.pragma('temp_store = DEFAULT');
  }
  if (db.dialect === 'postgres') {
    // Explicit ids leave the serial sequences behind; the app's next insert would collide.
    for (const table of ['companies', 'persons'] as const) {
      await db.pgPool?.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM ${table}))`);
    }
  }
  return result;
}

export { companyCount };

/**
 * The generic record service for companies, persons, cases, opportunities and leads:
 * CRUD, paged list and search (name prefix, phone digits), custom values, phones and
 * e-mails — each write in one transaction with the caller-ID index (R6.6).
 */
import type { SelectQueryBuilder } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { Db } from '../db/database.js';
import { nowIso } from './clock.js';
import { loadEmails, loadPhones, replaceEmails, replacePhones, deleteOwnerContacts, type EmailInput, type PhoneInput } from './contact-lists.js';
import { validateCustomValues } from './custom-validation.js';
import { loose, type Executor, type LooseRow } from './db-types.js';
import { ENTITIES, type EntityName, type EntitySpec } from './entities.js';
import type { FieldService } from './fields.js';
import { nameKey, prefixEnd } from './name-keys.js';
import { digitsOf, reversed, type PhoneKeyer } from './phone-keyer.js';

export interface ListQuery {
  q?: string;
  phone?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
  companyId?: number;
  personId?: number;
}

export type RecordInput = Record<string, unknown> & { phones?: PhoneInput[]; emails?: EmailInput[]; custom?: Record<string, unknown> };
export type RecordOut = Record<string, unknown> & { id: number };

/** Above this many matches a list says `totalCapped` instead of counting them all. */
export const TOTAL_CAP = 1000;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Kysely's own "no columns selected yet" type
type LooseSelect = SelectQueryBuilder<Record<string, LooseRow>, string, {}>;

const camelToColumn = (spec: EntitySpec, name: string): string | undefined => spec.fields.find((f) => f.name === name)?.column;

export class RecordService {
  constructor(
    private readonly db: Db,
    private readonly fields: FieldService,
    private readonly keyer: () => PhoneKeyer,
  ) {}

  async list(entity: EntityName, query: ListQuery): Promise<{ items: RecordOut[]; total: number; totalCapped: boolean }> {
    const spec = ENTITIES[entity];
    const k = loose(this.db.kysely);
    const q = query.q ? nameKey(query.q) : '';
    const filtered = (from: LooseSelect): LooseSelect => {
      let b = from;
      if (q && spec.nameKeys.length === 0) b = b.where(spec.fields[0]?.column ?? 'id', 'like', `%${query.q}%`);
      if (query.phone) b = b.where('id', 'in', this.ownersByPhone(spec, query.phone));
      if (query.companyId !== undefined && spec.fields.some((f) => f.name === 'companyId')) b = b.where('company_id', '=', query.companyId);
      if (query.personId !== undefined && spec.fields.some((f) => f.name === 'personId')) b = b.where('person_id', '=', query.personId);
      return b;
    };
    let base = filtered(k.selectFrom(entity));
    if (q && spec.nameKeys.length > 0) {
      base = base.where((eb) => eb.or(spec.nameKeys.map((col) => eb.and([eb(col, '>=', q), eb(col, '<', prefixEnd(q))]))));
    }
    const limit = Math.min(query.limit ?? 50, 500);
    const offset = query.offset ?? 0;
    let rows: LooseRow[];
    if (q && spec.nameKeys.length > 0 && query.sort === undefined) {
      rows = await this.byNamePrefix(spec, q, filtered, offset, limit);
    } else {
      const sortName = query.sort ?? spec.defaultSort;
      const sortColumn = sortName === 'createdAt' ? 'created_at' : sortName === 'lastName' && entity === 'persons' ? 'name_key'
        : sortName === 'name' && entity === 'companies' ? 'name_key' : camelToColumn(spec, sortName);
      if (!sortColumn) throw new AppError('validation-failed', `Cannot sort by ${sortName}`, { field: 'sort' });
      const order = query.order ?? (sortName === 'createdAt' ? 'desc' : 'asc');
      rows = await base.selectAll().orderBy(sortColumn, order).orderBy('id', order).limit(limit).offset(offset).execute();
    }
    // Counting every match of a two-letter prefix in a million rows costs more than the
    // page itself: count at most TOTAL_CAP + 1 rows and say when the total is a floor.
    const count = await k.selectFrom(base.select('id').limit(TOTAL_CAP + 1).as('m')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const n = Number(count?.n ?? 0);
    return { items: await this.hydrate(spec, rows), total: Math.min(n, TOTAL_CAP), totalCapped: n > TOTAL_CAP };
  }

  /**
   * Name-prefix search without sorting every match: each name key's range is read in its
   * own index order and cut at offset + limit, then the pieces are merged by the key that
   * matched (last-name matches and first-name matches interleave alphabetically).
   */
  private async byNamePrefix(
    spec: EntitySpec, q: string, filtered: (from: LooseSelect) => LooseSelect, offset: number, limit: number,
  ): Promise<LooseRow[]> {
    const k = loose(this.db.kysely);
    const want = offset + limit;
    const found: Array<{ key: string; row: LooseRow }> = [];
    for (const [i, col] of spec.nameKeys.entries()) {
      let b = filtered(k.selectFrom(spec.name)).where(col, '>=', q).where(col, '<', prefixEnd(q));
      // A record matching on an earlier key was found there already.
      for (const prev of spec.nameKeys.slice(0, i)) b = b.where((eb) => eb.or([eb(prev, '<', q), eb(prev, '>=', prefixEnd(q))]));
      const rows = await b.selectAll().orderBy(col).orderBy('id').limit(want).execute();
      for (const row of rows) found.push({ key: String(row[col]), row });
    }
    found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : Number(a.row.id) - Number(b.row.id)));
    return found.slice(offset, offset + limit).map((f) => f.row);
  }

  /** Owners whose number is this one (any format) or ends with these digits. */
  private ownersByPhone(spec: EntitySpec, phone: string) {
    const k = loose(this.db.kysely);
    const owner = spec.singular;
    const e164 = digitsOf(phone).length >= 8 ? this.keyer().keys(phone).e164 : null;
    if (e164) {
      return k.selectFrom('phone_index').select('owner_id').where('owner_type', '=', owner).where('key', '=', e164.slice(1));
    }
    const rev = reversed(digitsOf(phone));
    return k.selectFrom('phones').select('owner_id').where('owner_type', '=', owner)
      .where('rev_digits', '>=', rev).where('rev_digits', '<', prefixEnd(rev));
  }

  async get(entity: EntityName, id: number, db: Executor = this.db.kysely): Promise<RecordOut> {
    const spec = ENTITIES[entity];
    const row = await loose(db).selectFrom(entity).selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not-found', `No ${spec.singular} with id ${id}`, { entity, id });
    const [out] = await this.hydrate(spec, [row], db);
    return out as RecordOut;
  }

  async create(entity: EntityName, input: RecordInput): Promise<RecordOut> {
    const spec = ENTITIES[entity];
    const custom = validateCustomValues(await this.fields.list(entity), input.custom ?? {});
    return this.db.kysely.transaction().execute(async (tx) => {
      const values = await this.columns(tx, spec, input, true);
      const now = nowIso();
      const inserted = await loose(tx).insertInto(entity).values({ ...values, created_at: now, updated_at: now })
        .returning('id').executeTakeFirstOrThrow();
      const id = Number(inserted.id);
      await this.writeChildren(tx, spec, id, input, custom);
      return this.get(entity, id, tx);
    });
  }

  async update(entity: EntityName, id: number, input: RecordInput): Promise<RecordOut> {
    const spec = ENTITIES[entity];
    const custom = validateCustomValues(await this.fields.list(entity), input.custom ?? {});
    return this.db.kysely.transaction().execute(async (tx) => {
      const current = await this.get(entity, id, tx);
      const values = await this.columns(tx, spec, { ...current, ...input }, false);
      await loose(tx).updateTable(entity).set({ ...values, updated_at: nowIso() }).where('id', '=', id).execute();
      await this.writeChildren(tx, spec, id, input, custom);
      return this.get(entity, id, tx);
    });
  }

  async remove(entity: EntityName, id: number): Promise<void> {
    const spec = ENTITIES[entity];
    await this.db.kysely.transaction().execute(async (tx) => {
      await this.get(entity, id, tx);
      if (spec.hasPhones) await deleteOwnerContacts(tx, spec.singular as 'company' | 'person', id);
      await tx.deleteFrom('custom_values').where('entity', '=', entity).where('record_id', '=', id).execute();
      await loose(tx).deleteFrom(entity).where('id', '=', id).execute();
    });
  }

  private async writeChildren(tx: Executor, spec: EntitySpec, id: number, input: RecordInput, custom: Record<string, string | null>) {
    const owner = spec.singular as 'company' | 'person';
    if (spec.hasPhones && input.phones) await replacePhones(tx, this.keyer(), owner, id, input.phones);
    if (spec.hasPhones && input.emails) await replaceEmails(tx, owner, id, input.emails);
    if (Object.keys(custom).length > 0) await this.fields.writeCustomValues(tx, spec.name, id, custom);
  }

  /** Built-in column values from the input, checked: required fields, references that exist. */
  private async columns(tx: Executor, spec: EntitySpec, input: Record<string, unknown>, creating: boolean): Promise<LooseRow> {
    const out: LooseRow = {};
    for (const f of spec.fields) {
      if (!f.column) continue;
      let value = input[f.name];
      if (value === undefined && creating && f.options) value = f.options[0];
      if (value === undefined) continue;
      if (f.required && (value === null || value === '')) {
        throw new AppError('validation-failed', `${f.name} is required`, { field: f.name });
      }
      if (f.type === 'reference' && value !== null) {
        const target = f.references === 'users' ? 'users' : f.references ?? 'companies';
        const found = await loose(tx).selectFrom(target).select('id').where('id', '=', value).executeTakeFirst();
        if (!found) throw new AppError('validation-failed', `${f.name}: no ${target} with id ${String(value)}`, { field: f.name });
      }
      out[f.column] = value === '' && f.type !== 'text' ? null : value;
    }
    if (spec.name === 'persons') {
      out.name_key = nameKey(String(input.lastName ?? ''), String(input.firstName ?? ''));
      out.first_key = nameKey(String(input.firstName ?? ''), String(input.lastName ?? ''));
    } else if (spec.name === 'companies') {
      out.name_key = nameKey(String(input.name ?? ''));
    }
    for (const f of spec.fields) {
      if (creating && f.required && (out[f.column ?? ''] === undefined)) {
        throw new AppError('validation-failed', `${f.name} is required`, { field: f.name });
      }
    }
    return out;
  }

  /** Rows → API records: camelCase fields, phones, e-mails, custom values, linked names. */
  private async hydrate(spec: EntitySpec, rows: LooseRow[], db: Executor = this.db.kysely): Promise<RecordOut[]> {
    const ids = rows.map((r) => Number(r.id));
    const owner = spec.singular as 'company' | 'person';
    const [phones, emails, customRows] = await Promise.all([
      spec.hasPhones ? loadPhones(db, owner, ids) : Promise.resolve(new Map()),
      spec.hasPhones ? loadEmails(db, owner, ids) : Promise.resolve(new Map()),
      ids.length ? db.selectFrom('custom_values').selectAll().where('entity', '=', spec.name).where('record_id', 'in', ids).execute() : Promise.resolve([]),
    ]);
    const companyIds = [...new Set(rows.map((r) => r.company_id).filter((v): v is number => typeof v === 'number'))];
    const personIds = [...new Set(rows.map((r) => r.person_id).filter((v): v is number => typeof v === 'number'))];
    const companies = new Map((companyIds.length && spec.name !== 'companies'
      ? await db.selectFrom('companies').select(['id', 'name']).where('id', 'in', companyIds).execute() : []).map((c) => [c.id, c.name]));
    const persons = new Map((personIds.length
      ? await db.selectFrom('persons').select(['id', 'first_name', 'last_name']).where('id', 'in', personIds).execute() : [])
      .map((p) => [p.id, `${p.first_name} ${p.last_name}`.trim()]));
    return rows.map((row) => {
      const id = Number(row.id);
      const out: RecordOut = { id };
      for (const f of spec.fields) if (f.column) out[f.name] = row[f.column] ?? null;
      if (spec.hasPhones) { out.phones = phones.get(id) ?? []; out.emails = emails.get(id) ?? []; }
      if ('companyId' in out) out.companyName = out.companyId ? companies.get(out.companyId as number) ?? null : null;
      if ('personId' in out) out.personName = out.personId ? persons.get(out.personId as number) ?? null : null;
      out.custom = Object.fromEntries(customRows.filter((c) => c.record_id === id).map((c) => [c.field, c.value]));
      out.title = spec.title(out);
      out.createdAt = row.created_at;
      out.updatedAt = row.updated_at;
      return out;
    });
  }
}

/**
 * Communications: the activity history on which calls are logged (direction, number,
 * times, outcome, linked company/person/user, notes, call-back flag).
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { Db } from '../db/database.js';
import type { CommunicationLinksTable, CommunicationRow, Database } from '../db/schema.js';
import { nowIso } from './clock.js';
import type { Executor } from './db-types.js';

export interface Communication {
  id: number;
  kind: string;
  direction: 'inbound' | 'outbound' | 'internal';
  number: string;
  e164: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationS: number | null;
  outcome: string | null;
  transferredTo: string | null;
  conversationId: string | null;
  callKey: string | null;
  /** Our id of the call (UUIDv7), unique for ever. */
  callId: string | null;
  /** The phone system's ref of the call (not unique across restarts). */
  providerRef: string | null;
  /** The number as people read it; `number` holds E.164 where known. */
  displayNumber: string | null;
  personId: number | null;
  companyId: number | null;
  userId: number | null;
  notes: string | null;
  callback: boolean;
}

/** A record the communication is filed on, with its name as it was when the call was logged. */
export interface CommunicationLink {
  type: CommunicationLinksTable['type'];
  id: number;
  name: string;
}

/** A communication with the records it is filed on. */
export type FiledCommunication = Communication & { links: CommunicationLink[] };

export type CommunicationInput = Partial<Omit<Communication, 'id' | 'callback'>> & { callback?: boolean };

export const toCommunication = (r: CommunicationRow): Communication => ({
  id: r.id, kind: r.kind, direction: r.direction, number: r.number, e164: r.e164, startedAt: r.started_at,
  answeredAt: r.answered_at, endedAt: r.ended_at, durationS: r.duration_s, outcome: r.outcome,
  transferredTo: r.transferred_to, conversationId: r.conversation_id, callKey: r.call_key,
  callId: r.call_id, providerRef: r.provider_ref, displayNumber: r.display_number,
  personId: r.person_id, companyId: r.company_id, userId: r.user_id, notes: r.notes, callback: r.callback === 1,
});

const toColumns = (c: CommunicationInput) => ({
  ...(c.kind !== undefined ? { kind: c.kind } : {}),
  ...(c.direction !== undefined ? { direction: c.direction } : {}),
  ...(c.number !== undefined ? { number: c.number } : {}),
  ...(c.e164 !== undefined ? { e164: c.e164 } : {}),
  ...(c.startedAt !== undefined ? { started_at: c.startedAt } : {}),
  ...(c.answeredAt !== undefined ? { answered_at: c.answeredAt } : {}),
  ...(c.endedAt !== undefined ? { ended_at: c.endedAt } : {}),
  ...(c.durationS !== undefined ? { duration_s: c.durationS } : {}),
  ...(c.outcome !== undefined ? { outcome: c.outcome } : {}),
  ...(c.transferredTo !== undefined ? { transferred_to: c.transferredTo } : {}),
  ...(c.conversationId !== undefined ? { conversation_id: c.conversationId } : {}),
  ...(c.callKey !== undefined ? { call_key: c.callKey } : {}),
  ...(c.callId !== undefined ? { call_id: c.callId } : {}),
  ...(c.providerRef !== undefined ? { provider_ref: c.providerRef } : {}),
  ...(c.displayNumber !== undefined ? { display_number: c.displayNumber } : {}),
  ...(c.personId !== undefined ? { person_id: c.personId } : {}),
  ...(c.companyId !== undefined ? { company_id: c.companyId } : {}),
  ...(c.userId !== undefined ? { user_id: c.userId } : {}),
  ...(c.notes !== undefined ? { notes: c.notes } : {}),
  ...(c.callback !== undefined ? { callback: c.callback ? 1 : 0 } : {}),
});

export interface CommunicationQuery {
  personId?: number; companyId?: number; userId?: number; callback?: boolean; limit?: number; offset?: number;
}

export class CommunicationService {
  constructor(private readonly db: Db) {}

  async list(q: CommunicationQuery): Promise<{ items: FiledCommunication[]; total: number }> {
    let base = this.db.kysely.selectFrom('communications');
    // Filed on the record: its own column, or a link (a number two persons share files the call on both).
    const filedOn = (type: 'person' | 'company', id: number) => (eb: ExpressionBuilder<Database, 'communications'>): Expression<SqlBool> => eb.or([
      eb(type === 'person' ? 'person_id' : 'company_id', '=', id),
      eb('id', 'in', eb.selectFrom('communication_links').select('communication_id').where('type', '=', type).where('record_id', '=', id)),
    ]);
    if (q.personId !== undefined) base = base.where(filedOn('person', q.personId));
    if (q.companyId !== undefined) base = base.where(filedOn('company', q.companyId));
    if (q.userId !== undefined) base = base.where('user_id', '=', q.userId);
    if (q.callback !== undefined) base = base.where('callback', '=', q.callback ? 1 : 0);
    const rows = await base.selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(Math.min(q.limit ?? 50, 500)).offset(q.offset ?? 0).execute();
    const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return { items: await this.withLinks(rows.map(toCommunication)), total: Number(count?.n ?? 0) };
  }

  async get(id: number, db: Executor = this.db.kysely): Promise<FiledCommunication> {
    const row = await db.selectFrom('communications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not-found', `No communication with id ${id}`, { id });
    const [one] = await this.withLinks([toCommunication(row)], db);
    return one as FiledCommunication;
  }

  /** One communication with the legs of its conversation (itself included), oldest first. */
  async getWithLegs(id: number): Promise<FiledCommunication & { legs: FiledCommunication[] }> {
    const one = await this.get(id);
    return { ...one, legs: one.conversationId === null ? [one] : await this.conversation(one.conversationId) };
  }

  /** The legs of one conversation (a call, its consultation, the transfer), oldest first. */
  async conversation(conversationId: string): Promise<FiledCommunication[]> {
    const rows = await this.db.kysely.selectFrom('communications').selectAll().where('conversation_id', '=', conversationId)
      .orderBy('started_at').orderBy('id').limit(100).execute();
    return this.withLinks(rows.map(toCommunication));
  }

  private async withLinks(items: Communication[], db: Executor = this.db.kysely): Promise<FiledCommunication[]> {
    const ids = items.map((c) => c.id);
    const links = ids.length === 0 ? [] : await db.selectFrom('communication_links').select(['communication_id', 'type', 'record_id', 'name'])
      .where('communication_id', 'in', ids).orderBy('id').execute();
    return items.map((c) => ({
      ...c, links: links.filter((l) => l.communication_id === c.id).map((l) => ({ type: l.type, id: l.record_id, name: l.name })),
    }));
  }

  /** A link to a person, company or user that does not exist is a 422 naming the field, not a database error. */
  private async checkLinks(input: CommunicationInput): Promise<void> {
    const links = [['personId', 'persons', input.personId], ['companyId', 'companies', input.companyId], ['userId', 'users', input.userId]] as const;
    for (const [field, table, id] of links) {
      if (id === undefined || id === null) continue;
      const row = await this.db.kysely.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('unprocessable', `${field} ${id} does not exist`, { field, id });
    }
  }

  async create(input: CommunicationInput): Promise<Communication> {
    await this.checkLinks(input);
    const now = nowIso();
    const { id } = await this.db.kysely.insertInto('communications').values({
      kind: 'call', direction: 'outbound', number: '', started_at: now, callback: 0,
      ...toColumns(input), created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    return this.get(id);
  }

  async update(id: number, patch: CommunicationInput): Promise<Communication> {
    await this.get(id);
    await this.checkLinks(patch);
    await this.db.kysely.updateTable('communications').set({ ...toColumns(patch), updated_at: nowIso() }).where('id', '=', id).execute();
    return this.get(id);
  }

  /**
   * Writes a call leg's record by its call key in one statement (insert, or update on
   * conflict): idempotent, so the CTI can write at the call's start and again at every
   * change up to its final state, with no read-back on the hot path.
   */
  async writeByCallKey(callKey: string, input: CommunicationInput, links: CommunicationLink[] = []): Promise<void> {
    const now = nowIso();
    const { person_id: person, company_id: company, user_id: user, ...plain } = toColumns(input);
    await this.db.kysely.transaction().execute(async (tx) => {
      // A record deleted during the call is no longer linked by id (its link keeps the name):
      // each id is written only if its row still exists, in the same statement (issue 12).
      const ifExists = (table: 'persons' | 'companies' | 'users', id: number | null) =>
        (id === null ? null : tx.selectFrom(table).select('id').where('id', '=', id));
      const refs = {
        ...(person !== undefined ? { person_id: ifExists('persons', person) } : {}),
        ...(company !== undefined ? { company_id: ifExists('companies', company) } : {}),
        ...(user !== undefined ? { user_id: ifExists('users', user) } : {}),
      };
      const columns = { ...plain, ...refs };
      const { id } = await tx.insertInto('communications').values({
        kind: 'call', direction: 'outbound', number: '', started_at: now, callback: 0,
        ...columns, call_key: callKey, created_at: now, updated_at: now,
      }).onConflict((oc) => oc.column('call_key').doUpdateSet({ ...columns, updated_at: now })).returning('id').executeTakeFirstOrThrow();
      if (links.length > 0) {
        await tx.insertInto('communication_links')
          .values(links.map((l) => ({ communication_id: id, type: l.type, record_id: l.id, name: l.name })))
          .onConflict((oc) => oc.columns(['communication_id', 'type', 'record_id']).doNothing()).execute();
      }
    });
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.db.kysely.deleteFrom('communications').where('id', '=', id).execute();
  }
}

/**
 * Communications: the activity history on which calls are logged (direction, number,
 * times, outcome, linked company/person/user, notes, call-back flag).
 */
import { AppError } from '../domain/errors.js';
import type { Db } from '../db/database.js';
import type { CommunicationRow } from '../db/schema.js';
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
  personId: number | null;
  companyId: number | null;
  userId: number | null;
  notes: string | null;
  callback: boolean;
}

export type CommunicationInput = Partial<Omit<Communication, 'id' | 'callback'>> & { callback?: boolean };

export const toCommunication = (r: CommunicationRow): Communication => ({
  id: r.id, kind: r.kind, direction: r.direction, number: r.number, e164: r.e164, startedAt: r.started_at,
  answeredAt: r.answered_at, endedAt: r.ended_at, durationS: r.duration_s, outcome: r.outcome,
  transferredTo: r.transferred_to, conversationId: r.conversation_id, callKey: r.call_key,
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

  async list(q: CommunicationQuery): Promise<{ items: Communication[]; total: number }> {
    let base = this.db.kysely.selectFrom('communications');
    if (q.personId !== undefined) base = base.where('person_id', '=', q.personId);
    if (q.companyId !== undefined) base = base.where('company_id', '=', q.companyId);
    if (q.userId !== undefined) base = base.where('user_id', '=', q.userId);
    if (q.callback !== undefined) base = base.where('callback', '=', q.callback ? 1 : 0);
    const rows = await base.selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(Math.min(q.limit ?? 50, 500)).offset(q.offset ?? 0).execute();
    const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return { items: rows.map(toCommunication), total: Number(count?.n ?? 0) };
  }

  async get(id: number, db: Executor = this.db.kysely): Promise<Communication> {
    const row = await db.selectFrom('communications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not-found', `No communication with id ${id}`, { id });
    return toCommunication(row);
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
  async writeByCallKey(callKey: string, input: CommunicationInput): Promise<void> {
    const now = nowIso();
    const columns = toColumns(input);
    await this.db.kysely.insertInto('communications').values({
      kind: 'call', direction: 'outbound', number: '', started_at: now, callback: 0,
      ...columns, call_key: callKey, created_at: now, updated_at: now,
    }).onConflict((oc) => oc.column('call_key').doUpdateSet({ ...columns, updated_at: now })).execute();
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.db.kysely.deleteFrom('communications').where('id', '=', id).execute();
  }
}

/**
 * The CTI call log on the CRM's communications (issue 4): one communication per call
 * leg per agent device, keyed by `callId:device` (our call id, a UUIDv7: unique for ever,
 * issue 12), filed on every matched person and company and on the agent. Upserts are
 * idempotent; records left open by a stop are found again at the next start and closed by
 * the CTI core (`interrupted`, or the provider's end).
 */
import type { CallLogRecord, CallLogStore } from '../../cti/ports.js';
import type { CommunicationLink, CommunicationService } from '../../crm/communications.js';
import type { Db } from '../../db/database.js';
import type { CommunicationRow } from '../../db/schema.js';

const durationOf = (r: CallLogRecord): number | null =>
  r.answeredAt && r.endedAt ? Math.max(0, Math.round((Date.parse(r.endedAt) - Date.parse(r.answeredAt)) / 1000)) : null;

export class CrmCallLog implements CallLogStore {
  constructor(private readonly db: Db, private readonly comms: CommunicationService) {}

  async upsert(r: CallLogRecord): Promise<void> {
    const person = r.links.find((l) => l.type === 'person')?.id ?? null;
    const company = r.links.find((l) => l.type === 'company')?.id ?? null;
    // Links read back from an open row (listOpen) carry no name: the row already has them.
    const links: CommunicationLink[] = r.links.filter((l) => l.name !== '');
    await this.comms.writeByCallKey(r.key, {
      kind: 'call',
      direction: r.direction,
      // What the agent meant: E.164 where the number has one, never the dial string.
      number: r.number.e164 ?? r.number.raw,
      e164: r.number.e164,
      displayNumber: r.number.canonical ?? r.number.raw,
      startedAt: r.startedAt,
      answeredAt: r.answeredAt ?? null,
      endedAt: r.endedAt ?? null,
      durationS: durationOf(r),
      outcome: r.outcome ?? null,
      transferredTo: r.transferredTo ?? null,
      conversationId: r.conversationId,
      callId: r.callId,
      providerRef: r.providerRef,
      personId: person,
      companyId: company,
      userId: r.userId,
      callback: r.callBack,
    }, links);
  }

  async listOpen(): Promise<CallLogRecord[]> {
    const rows = await this.db.kysely.selectFrom('communications').selectAll()
      .where('ended_at', 'is', null).where('call_key', 'is not', null).execute();
    return rows.map(toRecord);
  }
}

function toRecord(row: CommunicationRow): CallLogRecord {
  const key = row.call_key ?? '';
  const cut = key.lastIndexOf(':');
  const links: CallLogRecord['links'] = [];
  if (row.person_id !== null) links.push({ type: 'person', id: row.person_id, name: '' });
  if (row.company_id !== null) links.push({ type: 'company', id: row.company_id, name: '' });
  const callId = row.call_id ?? key.slice(0, cut);
  return {
    key,
    callId,
    // Rows logged before migration 006 were keyed by the phone system's ref.
    providerRef: row.provider_ref ?? key.slice(0, cut),
    device: key.slice(cut + 1),
    conversationId: row.conversation_id ?? callId,
    userId: row.user_id,
    direction: row.direction,
    number: { raw: row.number, e164: row.e164, canonical: row.display_number, dialable: null },
    links,
    startedAt: row.started_at,
    ...(row.answered_at ? { answeredAt: row.answered_at } : {}),
    ...(row.outcome ? { outcome: row.outcome as NonNullable<CallLogRecord['outcome']> } : {}),
    ...(row.transferred_to ? { transferredTo: row.transferred_to } : {}),
    callBack: row.callback === 1,
  };
}

/** Audit log of admin changes: who, what, when (issue 2). */
import type { Executor } from './db-types.js';
import { nowIso } from './clock.js';

export interface AuditEntry { userId: number | null; action: string; entity: string; entityId?: string | number | null; details?: unknown }

export async function audit(db: Executor, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values({
    user_id: e.userId, action: e.action, entity: e.entity,
    entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    details: e.details === undefined ? null : JSON.stringify(e.details), at: nowIso(),
  }).execute();
}

export async function listAudit(db: Executor, limit = 100) {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, action: r.action, entity: r.entity, entityId: r.entity_id, details: r.details ? JSON.parse(r.details) as unknown : null, at: r.at }));
}

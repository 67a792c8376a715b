/**
 * Login sessions: a random token in an HTTP-only cookie, stored hashed; each session has
 * its CSRF token, which state-changing requests send back in `x-csrf-token`.
 *
 * Revocation (issue 12): logging out, changing one's password, an admin resetting it or
 * deleting the user, and expiry delete the session rows and tell every listener which
 * sessions ended, so the WebSocket route closes their open sockets at once. Expired rows
 * are purged at start and periodically.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { UserRow } from '../db/schema.js';

export const SESSION_COOKIE = 'sb_session';
export const CSRF_HEADER = 'x-csrf-token';

export const sessionIdOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SessionInfo { user: UserRow; csrfToken: string; sessionId: string }

type RevokeListener = (sessionIds: readonly string[]) => void;

export class SessionStore {
  private readonly listeners: RevokeListener[] = [];

  constructor(private readonly db: Db, private readonly ttlHours: number, private readonly now: () => Date = () => new Date()) {}

  /** Called with the ids of sessions that just ended (never for a session still valid). */
  onRevoke(listener: RevokeListener): void { this.listeners.push(listener); }

  async create(userId: number): Promise<{ token: string; csrfToken: string; sessionId: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = this.now();
    const sessionId = sessionIdOf(token);
    await this.db.kysely.insertInto('sessions').values({
      id: sessionId, user_id: userId, csrf_token: csrfToken,
      created_at: now.toISOString(), expires_at: new Date(now.getTime() + this.ttlHours * 3_600_000).toISOString(),
    }).execute();
    return { token, csrfToken, sessionId };
  }

  async lookup(token: string | undefined): Promise<SessionInfo | null> {
    if (!token || token.length > 200) return null;
    return this.lookupId(sessionIdOf(token));
  }

  async lookupId(id: string): Promise<SessionInfo | null> {
    const row = await this.db.kysely.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users').select(['sessions.csrf_token', 'sessions.expires_at'])
      .where('sessions.id', '=', id).executeTakeFirst();
    if (!row) return null;
    if (row.expires_at < this.now().toISOString()) {
      await this.revoke([id]);
      return null;
    }
    const { csrf_token: csrfToken, expires_at: _expires, ...user } = row;
    return { user, csrfToken, sessionId: id };
  }

  async destroy(token: string): Promise<void> {
    await this.revoke([sessionIdOf(token)]);
  }

  /** Ends every session of the user, but `keep` (the one changing its own password). */
  async destroyForUser(userId: number, keep?: string): Promise<void> {
    let query = this.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', userId);
    if (keep !== undefined) query = query.where('id', '<>', keep);
    await this.revoke((await query.execute()).map((r) => r.id));
  }

  /** Deletes expired sessions (at start and periodically); returns how many. */
  async purgeExpired(): Promise<number> {
    const rows = await this.db.kysely.selectFrom('sessions').select('id').where('expires_at', '<', this.now().toISOString()).execute();
    await this.revoke(rows.map((r) => r.id));
    return rows.length;
  }

  private async revoke(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.db.kysely.deleteFrom('sessions').where('id', 'in', ids.slice(i, i + 500)).execute();
    }
    if (ids.length > 0) for (const l of this.listeners) l(ids);
  }
}

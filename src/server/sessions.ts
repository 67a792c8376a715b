/**
 * Login sessions: a random token in an HTTP-only cookie, stored hashed; each session has
 * its CSRF token, which state-changing requests send back in `x-csrf-token`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { UserRow } from '../db/schema.js';

export const SESSION_COOKIE = 'sb_session';
export const CSRF_HEADER = 'x-csrf-token';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SessionInfo { user: UserRow; csrfToken: string; sessionId: string }

export class SessionStore {
  constructor(private readonly db: Db, private readonly ttlHours: number) {}

  async create(userId: number): Promise<{ token: string; csrfToken: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = new Date();
    await this.db.kysely.insertInto('sessions').values({
      id: hashToken(token), user_id: userId, csrf_token: csrfToken,
      created_at: now.toISOString(), expires_at: new Date(now.getTime() + this.ttlHours * 3_600_000).toISOString(),
    }).execute();
    return { token, csrfToken };
  }

  async lookup(token: string | undefined): Promise<SessionInfo | null> {
    if (!token || token.length > 200) return null;
    const id = hashToken(token);
    const row = await this.db.kysely.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users').select(['sessions.csrf_token', 'sessions.expires_at'])
      .where('sessions.id', '=', id).executeTakeFirst();
    if (!row) return null;
    if (row.expires_at < new Date().toISOString()) {
      await this.destroy(token);
      return null;
    }
    const { csrf_token: csrfToken, expires_at: _expires, ...user } = row;
    return { user, csrfToken, sessionId: id };
  }

  async destroy(token: string): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
  }

  async destroyForUser(userId: number): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }
}

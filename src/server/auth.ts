/**
 * Authentication and authorisation on every route: each route declares its access
 * (`public`, `user` — the default —, or `admin`) in `config.access`; state-changing
 * requests must carry the session's CSRF token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import type { UserRow } from '../db/schema.js';
import { CSRF_HEADER, SESSION_COOKIE, type SessionStore } from './sessions.js';

export type Access = 'public' | 'user' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig { access?: Access }
  interface FastifyRequest { user: UserRow | null; csrfToken: string | null; sessionToken: string | null; sessionId: string | null }
  interface FastifyInstance { sessions: SessionStore }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function installAuth(app: FastifyInstance, sessions: SessionStore): void {
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('sessionId', null);
  app.decorate('sessions', sessions);
  app.addHook('onRequest', async (request) => {
    const access: Access = request.routeOptions.config.access ?? 'user';
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await sessions.lookup(token) : null;
    if (session) {
      request.user = session.user;
      request.csrfToken = session.csrfToken;
      request.sessionToken = token ?? null;
      request.sessionId = session.sessionId;
    }
    // The web app's files (web/dist) are public; every API route keeps its checks.
    if (access === 'public' || !request.routeOptions.url || !request.url.startsWith('/api/')) return;
    if (!session) throw new AppError('unauthenticated', 'Log in first');
    if (access === 'admin' && session.user.role !== 'admin') throw new AppError('forbidden', 'Admins only');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
        throw new AppError('csrf-token-invalid', `Missing or wrong ${CSRF_HEADER} header`);
      }
    }
  });
}

/** The logged-in user of a route whose access is `user` or `admin`. */
export function currentUser(request: FastifyRequest): UserRow {
  if (!request.user) throw new AppError('unauthenticated', 'Log in first');
  return request.user;
}

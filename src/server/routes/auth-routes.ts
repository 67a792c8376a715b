import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { verifyPassword } from '../../crm/passwords.js';
import { toUser, type UserService } from '../../crm/users.js';
import { currentUser } from '../auth.js';
import { RateLimiter } from '../rate-limiter.js';
import { Strict, errorResponses } from '../schemas.js';
import { SESSION_COOKIE, type SessionStore } from '../sessions.js';

const LoginBody = Strict({ login: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) });
const MePatch = Strict({ locale: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])), alwaysShowCallScreen: Type.Optional(Type.Boolean()) });

/** Dummy hash so an unknown login costs as much time as a wrong password. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function authRoutes(app: FastifyInstance, deps: { sessions: SessionStore; users: UserService; cookieSecure: boolean; ttlHours: number }): void {
  const byAddress = new RateLimiter(20, 15 * 60_000);
  const byLogin = new RateLimiter(5, 15 * 60_000);

  app.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Log in; sets the session cookie and returns the CSRF token', body: LoginBody, response: { 401: Type.Ref('Error'), 429: Type.Ref('Error') } },
  }, async (request, reply) => {
    const { login, password } = request.body as Static<typeof LoginBody>;
    const wait = Math.max(byAddress.blockedFor(request.ip), byLogin.blockedFor(login));
    if (wait > 0) throw new AppError('rate-limited', 'Too many failed logins; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
    const row = await deps.users.findByLogin(login);
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) {
      byAddress.fail(request.ip);
      byLogin.fail(login);
      throw new AppError('invalid-credentials', 'Wrong login or password');
    }
    byLogin.reset(login);
    const { token, csrfToken } = await deps.sessions.create(row.id);
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure, path: '/', maxAge: deps.ttlHours * 3600,
    });
    return { user: toUser(row), csrfToken };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: errorResponses } }, async (request, reply) => {
    if (request.sessionToken) await deps.sessions.destroy(request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The logged-in user and the CSRF token', response: errorResponses } }, async (request) => ({
    user: toUser(currentUser(request)), csrfToken: request.csrfToken,
  }));

  app.patch('/api/auth/me', { schema: { tags: ['auth'], summary: 'My own preferences', body: MePatch, response: errorResponses } }, async (request) => {
    const user = await deps.users.update(currentUser(request).id, request.body as Static<typeof MePatch>);
    return { user, csrfToken: request.csrfToken };
  });
}

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { verifyPassword } from '../../crm/passwords.js';
import { toUser, type UserService } from '../../crm/users.js';
import { currentUser } from '../auth.js';
import { KnownAddresses } from '../known-addresses.js';
import { RateLimiter } from '../rate-limiter.js';
import { Strict, errorResponses } from '../schemas.js';
import { SESSION_COOKIE, type SessionStore } from '../sessions.js';

const LoginBody = Strict({ login: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) });
const MePatch = Strict({ locale: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])), alwaysShowCallScreen: Type.Optional(Type.Boolean()) });
const PasswordChange = Strict({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 8, maxLength: 200 }) });

/** Dummy hash so an unknown login costs as much time as a wrong password. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const WINDOW_MS = 15 * 60_000;

export function authRoutes(app: FastifyInstance, deps: { sessions: SessionStore; users: UserService; cookieSecure: boolean; ttlHours: number }): void {
  const byAddress = new RateLimiter(20, WINDOW_MS);
  const byLogin = new RateLimiter(5, WINDOW_MS);
  const known = new KnownAddresses();

  /**
   * Counts a guess before its password is hashed, in one synchronous step (no await
   * between the check and the count), so parallel guesses cannot all pass the check.
   * From an address the login has succeeded from, the login's limit is that address's
   * own: guessers elsewhere cannot lock its owner out.
   */
  const reserve = (login: string, address: string): string => {
    const loginKey = known.has(login, address) ? `${login}\n${address}` : login;
    const wait = Math.max(byAddress.blockedFor(address), byLogin.blockedFor(loginKey));
    if (wait > 0) throw new AppError('rate-limited', 'Too many failed logins; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
    byAddress.fail(address);
    byLogin.fail(loginKey);
    return loginKey;
  };

  app.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Log in; sets the session cookie and returns the CSRF token', body: LoginBody, response: { 401: Type.Ref('Error'), 429: Type.Ref('Error') } },
  }, async (request, reply) => {
    const { login, password } = request.body as Static<typeof LoginBody>;
    // request.ip is the client's address; behind a reverse proxy, the one it forwards (TRUST_PROXY).
    const loginKey = reserve(login, request.ip);
    const row = await deps.users.findByLogin(login);
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) throw new AppError('invalid-credentials', 'Wrong login or password');
    byAddress.release(request.ip);
    byLogin.reset(loginKey);
    known.remember(login, request.ip);
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

  app.put('/api/auth/password', {
    schema: {
      tags: ['auth'], summary: 'Change my own password (the current one is required); ends my other sessions',
      body: PasswordChange, response: { 422: Type.Ref('Error'), 429: Type.Ref('Error'), ...errorResponses },
    },
  }, async (request) => {
    const me = currentUser(request);
    const { currentPassword, newPassword } = request.body as Static<typeof PasswordChange>;
    // The current password is a login guess like any other: same limits.
    const loginKey = reserve(me.login, request.ip);
    if (!await verifyPassword(currentPassword, me.password_hash)) {
      throw new AppError('invalid-credentials', 'The current password is wrong', { field: 'currentPassword' });
    }
    byAddress.release(request.ip);
    byLogin.reset(loginKey);
    await deps.users.update(me.id, { password: newPassword });
    await deps.sessions.destroyForUser(me.id, request.sessionId ?? undefined);
    return { ok: true };
  });
}

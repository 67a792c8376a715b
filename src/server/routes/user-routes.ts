/**
 * Users (colleagues) and their CTI fields (R4.1–R4.5), and their SIP password for the
 * built-in SIP server: write-only, stored as HA1s (docs/sip.md); the JSON only says
 * whether it is set and whether it must be set again. Changes are admin-only and audited.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../crm/audit-log.js';
import { MIN_SIP_PASSWORD_LENGTH, type SipPasswordState } from '../../crm/sip-accounts.js';
import { CALL_SCREENS, type User, type UserInput, type UserService } from '../../crm/users.js';
import type { Db } from '../../db/database.js';
import { currentUser } from '../auth.js';
import { IdParams, Loose, Strict, errorResponses } from '../schemas.js';

const nullableString = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const userFields = {
  login: Type.String({ minLength: 2, maxLength: 60, pattern: '^[A-Za-z0-9._@-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  email: nullableString(200),
  password: Type.String({ minLength: 8, maxLength: 200 }),
  role: Type.Union([Type.Literal('admin'), Type.Literal('agent')]),
  phone: nullableString(40),
  extension: Type.Union([Type.String({ pattern: '^[0-9]{2,8}$' }), Type.Null()]),
  locale: Type.Union([Type.Literal('en'), Type.Literal('fr')]),
  ctiEnabled: Type.Boolean(),
  ctiDevice: nullableString(100),
  ctiCallScreen: Type.Union(CALL_SCREENS.map((s) => Type.Literal(s))),
  alwaysShowCallScreen: Type.Boolean(),
};
const optional = Type.Partial(Type.Object(userFields)).properties;
const NewUserBody = Strict({ ...optional, login: userFields.login, name: userFields.name, password: userFields.password });
const UserPatchBody = Strict(optional);
const SipPasswordStatus = {
  sipPasswordSet: Type.Boolean({ description: 'A SIP password is stored (as digest HA1s) for the user\'s device' }),
  sipPasswordStale: Type.Boolean({ description: 'It was set for another realm or device name: it must be set again' }),
};
const UserSchema = Loose({ id: Type.Integer(), login: Type.String(), name: Type.String(), role: Type.String(), ctiEnabled: Type.Boolean(), ...SipPasswordStatus });
const SipPasswordBody = Strict({ password: Type.String({ minLength: MIN_SIP_PASSWORD_LENGTH, maxLength: 200 }) });

const withSip = (u: User, state: SipPasswordState | undefined) => ({ ...u, sipPasswordSet: state === 'set', sipPasswordStale: state === 'stale' });

export function userRoutes(app: FastifyInstance, deps: { users: UserService; db: Db }): void {
  const tags = ['users'];
  app.get('/api/users', {
    schema: { tags, querystring: Strict({ q: Type.Optional(Type.String({ maxLength: 100 })) }), response: { 200: Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() }), ...errorResponses } },
  }, async (request) => {
    const users = await deps.users.list((request.query as { q?: string }).q);
    const states = await deps.users.sip.states();
    const items = users.map((u) => withSip(u, states.get(u.id)));
    return { items, total: items.length };
  });
  const present = async (u: User) => withSip(u, await deps.users.sip.stateOf(u.id));
  app.get('/api/users/:id', { schema: { tags, params: IdParams, response: { 200: UserSchema, ...errorResponses } } },
    async (request) => present(await deps.users.get((request.params as Static<typeof IdParams>).id)));
  app.post('/api/users', { config: { access: 'admin' }, schema: { tags, body: NewUserBody, response: { 201: UserSchema, ...errorResponses } } },
    async (request, reply) => {
      const body = request.body as Static<typeof NewUserBody>;
      const user = await deps.users.create(body as UserInput & { login: string; name: string; password: string });
      await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'create', entity: 'users', entityId: user.id, details: { ...body, password: undefined } });
      return reply.status(201).send(await present(user));
    });
  app.patch('/api/users/:id', { config: { access: 'admin' }, schema: { tags, params: IdParams, body: UserPatchBody, response: { 200: UserSchema, ...errorResponses } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      const body = request.body as UserInput;
      const user = await deps.users.update(id, body);
      // A reset password ends the user's sessions and closes their sockets (issue 12).
      if (body.password !== undefined) await app.sessions.destroyForUser(id, id === currentUser(request).id ? request.sessionId ?? undefined : undefined);
      await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'update', entity: 'users', entityId: id, details: { ...body, password: body.password ? '(changed)' : undefined } });
      return present(user);
    });
  app.put('/api/users/:id/sip-password', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Set the user\'s SIP password for the built-in SIP server (write-only; stored as digest HA1s)', params: IdParams, body: SipPasswordBody, response: { 200: Type.Object(SipPasswordStatus), 422: Type.Ref('Error'), ...errorResponses } },
  }, async (request) => {
    const { id } = request.params as Static<typeof IdParams>;
    await deps.users.sip.setPassword(id, (request.body as Static<typeof SipPasswordBody>).password);
    await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'set-sip-password', entity: 'users', entityId: id });
    return withSip(await deps.users.get(id), await deps.users.sip.stateOf(id));
  });
  app.delete('/api/users/:id/sip-password', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Remove the user\'s SIP password: the phone can no longer register', params: IdParams, response: { 200: Type.Object(SipPasswordStatus), ...errorResponses } },
  }, async (request) => {
    const { id } = request.params as Static<typeof IdParams>;
    await deps.users.get(id);
    await deps.users.sip.clearPassword(id);
    await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'clear-sip-password', entity: 'users', entityId: id });
    return { sipPasswordSet: false, sipPasswordStale: false };
  });
  app.delete('/api/users/:id', { config: { access: 'admin' }, schema: { tags, params: IdParams, response: errorResponses } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      await deps.users.get(id);
      await app.sessions.destroyForUser(id);
      await deps.users.remove(id);
      await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'delete', entity: 'users', entityId: id });
      return { ok: true };
    });
}

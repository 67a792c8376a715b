/** Users (colleagues) and their CTI fields (R4.1–R4.5). Changes are admin-only and audited. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../crm/audit-log.js';
import { CALL_SCREENS, type UserInput, type UserService } from '../../crm/users.js';
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
const UserSchema = Loose({ id: Type.Integer(), login: Type.String(), name: Type.String(), role: Type.String(), ctiEnabled: Type.Boolean() });

export function userRoutes(app: FastifyInstance, deps: { users: UserService; db: Db }): void {
  const tags = ['users'];
  app.get('/api/users', {
    schema: { tags, querystring: Strict({ q: Type.Optional(Type.String({ maxLength: 100 })) }), response: { 200: Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() }), ...errorResponses } },
  }, async (request) => {
    const items = await deps.users.list((request.query as { q?: string }).q);
    return { items, total: items.length };
  });
  app.get('/api/users/:id', { schema: { tags, params: IdParams, response: { 200: UserSchema, ...errorResponses } } },
    async (request) => deps.users.get((request.params as Static<typeof IdParams>).id));
  app.post('/api/users', { config: { access: 'admin' }, schema: { tags, body: NewUserBody, response: { 201: UserSchema, ...errorResponses } } },
    async (request, reply) => {
      const body = request.body as Static<typeof NewUserBody>;
      const user = await deps.users.create(body as UserInput & { login: string; name: string; password: string });
      await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'create', entity: 'users', entityId: user.id, details: { ...body, password: undefined } });
      return reply.status(201).send(user);
    });
  app.patch('/api/users/:id', { config: { access: 'admin' }, schema: { tags, params: IdParams, body: UserPatchBody, response: { 200: UserSchema, ...errorResponses } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      const body = request.body as UserInput;
      const user = await deps.users.update(id, body);
      await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'update', entity: 'users', entityId: id, details: { ...body, password: body.password ? '(changed)' : undefined } });
      return user;
    });
  app.delete('/api/users/:id', { config: { access: 'admin' }, schema: { tags, params: IdParams, response: errorResponses } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      await deps.users.remove(id);
      await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'delete', entity: 'users', entityId: id });
      return { ok: true };
    });
}

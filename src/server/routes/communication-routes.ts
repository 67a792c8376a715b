/**
 * The activity history (communications), where calls are logged.
 *
 * Who writes what (issue 12): an agent creates entries only in their own name and edits
 * only their own (403 `not-your-record`); an admin may write anyone's, and every admin
 * write to an entry that is not their own is in the audit log with what changed.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../crm/audit-log.js';
import type { Communication, CommunicationInput, CommunicationQuery, CommunicationService } from '../../crm/communications.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { currentUser } from '../auth.js';
import { IdParams, Loose, Page, Paging, RefId, Strict, errorResponses } from '../schemas.js';

const nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const iso = Type.String({ format: 'date-time', maxLength: 40 });
const ref = Type.Union([RefId, Type.Null()]);
const props = {
  direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound'), Type.Literal('internal')]),
  number: Type.String({ maxLength: 60 }),
  startedAt: iso, answeredAt: nullable(iso), endedAt: nullable(iso),
  outcome: nullable(Type.String({ maxLength: 60 })),
  personId: ref, companyId: ref, userId: ref,
  notes: nullable(Type.String({ maxLength: 4000 })),
  callback: Type.Boolean(),
};
const optional = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Type.Optional(v)]));
const NewBody = Strict({ ...optional, direction: props.direction, number: props.number });
const PatchBody = Strict(optional);
const Query = Strict({ personId: Type.Optional(RefId), companyId: Type.Optional(RefId), userId: Type.Optional(RefId), callback: Type.Optional(Type.Boolean()), ...Paging });
const Link = Type.Object({ type: Type.String(), id: Type.Integer(), name: Type.String() });
// The call log's fields (issue 12): our call id (UUIDv7), the phone system's ref, the
// conversation, the number as shown, and every record the call is filed on.
const CommSchema = Loose({
  id: Type.Integer(), direction: Type.String(), number: Type.String(), startedAt: Type.String(),
  displayNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])), callId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  providerRef: Type.Optional(Type.Union([Type.String(), Type.Null()])), conversationId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  links: Type.Optional(Type.Array(Link)),
});
/** One communication with the legs of its conversation (consult, transfer), oldest first. */
const CommWithLegs = Loose({ ...CommSchema.properties, legs: Type.Array(CommSchema) });
const writeErrors = { ...errorResponses, 422: Type.Ref('Error') };

export function communicationRoutes(app: FastifyInstance, comms: CommunicationService, db: Db): void {
  const tags = ['communications'];
  const notYours = (what: string) => new AppError('not-your-record', `${what}: agents write only their own call log entries`);
  const auditAdmin = async (request: FastifyRequest, action: string, entry: Communication, details: unknown) => {
    await audit(db.kysely, { userId: currentUser(request).id, action, entity: 'communications', entityId: entry.id, details });
  };

  app.get('/api/communications', { schema: { tags, querystring: Query, response: { 200: Page(CommSchema), ...errorResponses } } },
    async (request) => comms.list(request.query as CommunicationQuery));
  app.get('/api/communications/:id', { schema: { tags, params: IdParams, response: { 200: CommWithLegs, ...errorResponses } } },
    async (request) => comms.getWithLegs((request.params as Static<typeof IdParams>).id));
  app.post('/api/communications', { schema: { tags, summary: 'Log a communication (an agent: in their own name only)', body: NewBody, response: { 201: CommSchema, ...writeErrors } } },
    async (request, reply) => {
      const me = currentUser(request);
      const body = request.body as CommunicationInput;
      if (me.role !== 'admin' && body.userId !== undefined && body.userId !== me.id) throw notYours('Not in someone else\'s name');
      const created = await comms.create({ ...body, userId: body.userId === undefined ? me.id : body.userId });
      if (me.role === 'admin' && created.userId !== me.id) await auditAdmin(request, 'create', created, body);
      return reply.status(201).send(created);
    });
  app.patch('/api/communications/:id', { schema: { tags, summary: 'Edit a communication (an agent: their own only)', params: IdParams, body: PatchBody, response: { 200: CommSchema, ...writeErrors } } },
    async (request) => {
      const me = currentUser(request);
      const { id } = request.params as Static<typeof IdParams>;
      const body = request.body as CommunicationInput;
      const before = await comms.get(id);
      if (me.role !== 'admin') {
        if (before.userId !== me.id) throw notYours('Not your entry');
        if (body.userId !== undefined && body.userId !== me.id) throw notYours('Not in someone else\'s name');
      }
      const after = await comms.update(id, body);
      if (me.role === 'admin' && (before.userId !== me.id || after.userId !== me.id)) {
        const changed = Object.keys(body) as Array<keyof Communication>;
        await auditAdmin(request, 'update', after, { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: body });
      }
      return after;
    });
  app.delete('/api/communications/:id', { config: { access: 'admin' }, schema: { tags, params: IdParams, response: errorResponses } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      const before = await comms.get(id);
      await comms.remove(id);
      await auditAdmin(request, 'delete', before, before);
      return { ok: true };
    });
}

/** The activity history (communications), where calls are logged. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { CommunicationInput, CommunicationQuery, CommunicationService } from '../../crm/communications.js';
import { IdParams, Loose, Page, Paging, Strict, errorResponses } from '../schemas.js';

const nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const iso = Type.String({ format: 'date-time', maxLength: 40 });
const ref = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]);
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
const Query = Strict({ personId: Type.Optional(Type.Integer({ minimum: 1 })), companyId: Type.Optional(Type.Integer({ minimum: 1 })), userId: Type.Optional(Type.Integer({ minimum: 1 })), callback: Type.Optional(Type.Boolean()), ...Paging });
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

export function communicationRoutes(app: FastifyInstance, comms: CommunicationService): void {
  const tags = ['communications'];
  app.get('/api/communications', { schema: { tags, querystring: Query, response: { 200: Page(CommSchema), ...errorResponses } } },
    async (request) => comms.list(request.query as CommunicationQuery));
  app.get('/api/communications/:id', { schema: { tags, params: IdParams, response: { 200: CommWithLegs, ...errorResponses } } },
    async (request) => comms.getWithLegs((request.params as Static<typeof IdParams>).id));
  app.post('/api/communications', { schema: { tags, body: NewBody, response: { 201: CommSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await comms.create(request.body as CommunicationInput)));
  app.patch('/api/communications/:id', { schema: { tags, params: IdParams, body: PatchBody, response: { 200: CommSchema, ...errorResponses } } },
    async (request) => comms.update((request.params as Static<typeof IdParams>).id, request.body as CommunicationInput));
  app.delete('/api/communications/:id', { config: { access: 'admin' }, schema: { tags, params: IdParams, response: errorResponses } },
    async (request) => {
      await comms.remove((request.params as Static<typeof IdParams>).id);
      return { ok: true };
    });
}

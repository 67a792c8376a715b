/** Numbers (API.md): the dialling preview (R6.5), caller-ID matching (R6.6), attaching a number. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PHONE_KINDS, type PhoneKind } from '../../crm/entities.js';
import type { PhoneService } from '../../crm/phone-service.js';
import { Loose, Strict, errorResponses } from '../schemas.js';

const Preview = Loose({ e164: Type.Union([Type.String(), Type.Null()]), canonical: Type.Union([Type.String(), Type.Null()]), national: Type.Union([Type.String(), Type.Null()]), dialable: Type.String(), kind: Type.String(), preview: Type.String() });
const Match = Type.Object({
  type: Type.Union([Type.Literal('person'), Type.Literal('company'), Type.Literal('user')]), id: Type.Integer(), name: Type.String(),
  company: Type.Optional(Type.Object({ id: Type.Integer(), name: Type.String() })), phone: Type.String(), field: Type.Optional(Type.String()),
  reason: Type.Union([Type.Literal('exact'), Type.Literal('variant'), Type.Literal('prefix'), Type.Literal('internal')]),
});
const MatchResult = Type.Object({ internal: Type.Boolean(), normalised: Type.Optional(Type.String()), matches: Type.Array(Match) });
const AttachBody = Strict({
  number: Type.String({ minLength: 1, maxLength: 40 }), type: Type.Union([Type.Literal('person'), Type.Literal('company')]),
  id: Type.Integer({ minimum: 1 }), kind: Type.Optional(Type.Union(PHONE_KINDS.map((k) => Type.Literal(k)))),
});

export function phoneRoutes(app: FastifyInstance, phones: PhoneService): void {
  const tags = ['numbers'];
  app.get('/api/phone/preview', {
    schema: { tags, summary: 'What a typed number will dial (R6.5), or 422 with the reason', querystring: Strict({ number: Type.String({ minLength: 1, maxLength: 64 }) }), response: { 200: Preview, 422: Type.Ref('Error'), ...errorResponses } },
  }, async (request) => phones.preview((request.query as { number: string }).number));
  app.get('/api/phone/match', {
    schema: { tags, summary: 'Who a caller ID is, with why each record matched (R6.6)', querystring: Strict({ callerId: Type.String({ minLength: 1, maxLength: 512 }) }), response: { 200: MatchResult, ...errorResponses } },
  }, async (request) => phones.match((request.query as { callerId: string }).callerId));
  app.post('/api/phone/attach', {
    schema: { tags, summary: 'Add a number to a person or company ("this is Arthur\'s new mobile")', body: AttachBody, response: errorResponses },
  }, async (request) => {
    const b = request.body as Static<typeof AttachBody>;
    return phones.attach(b.number, b.type, b.id, (b.kind ?? 'other') as PhoneKind);
  });
}

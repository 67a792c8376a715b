/** CRUD + list/search routes for companies, persons, cases, opportunities and leads. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ENTITIES, ENTITY_NAMES } from '../../crm/entities.js';
import type { ListQuery, RecordInput, RecordService } from '../../crm/records.js';
import { IdParams, Page, errorResponses } from '../schemas.js';
import { ListQuerySchema, RecordSchema, recordBodySchema } from './record-schemas.js';

export function recordRoutes(app: FastifyInstance, records: RecordService): void {
  for (const entity of ENTITY_NAMES) {
    const spec = ENTITIES[entity];
    const tags = [entity];
    const base = `/api/${entity}`;
    app.get(base, {
      schema: { tags, summary: `List and search ${entity} (name prefix with q, phone digits with phone)`, querystring: ListQuerySchema, response: { 200: Page(RecordSchema), ...errorResponses } },
    }, async (request) => records.list(entity, request.query as ListQuery));
    app.get(`${base}/:id`, {
      schema: { tags, params: IdParams, response: { 200: RecordSchema, ...errorResponses } },
    }, async (request) => records.get(entity, (request.params as Static<typeof IdParams>).id));
    app.post(base, {
      schema: { tags, body: recordBodySchema(spec, true), response: { 201: RecordSchema, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send(await records.create(entity, request.body as RecordInput)));
    app.patch(`${base}/:id`, {
      schema: { tags, params: IdParams, body: recordBodySchema(spec, false), response: { 200: RecordSchema, ...errorResponses } },
    }, async (request) => records.update(entity, (request.params as Static<typeof IdParams>).id, request.body as RecordInput));
    app.delete(`${base}/:id`, {
      schema: { tags, params: IdParams, response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses } },
    }, async (request) => {
      await records.remove(entity, (request.params as Static<typeof IdParams>).id);
      return { ok: true };
    });
  }
}

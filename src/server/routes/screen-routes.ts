/** Screen definitions (R5.3): ordered field lists per screen, and screens rendered with a record. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../crm/audit-log.js';
import { ENTITY_NAMES, type EntityName } from '../../crm/entities.js';
import type { ScreenService } from '../../crm/screens.js';
import type { Db } from '../../db/database.js';
import { currentUser } from '../auth.js';
import { Loose, Strict, errorResponses } from '../schemas.js';

const ScreenParam = Strict({ id: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9-]+$' }) });
const ScreenSchema = Loose({ id: Type.Integer(), entity: Type.String(), name: Type.String(), caption: Type.String(), kind: Type.String(), fields: Type.Array(Type.String()) });
const idOrName = (raw: string): number | string => (/^\d+$/.test(raw) ? Number(raw) : raw);

export function screenRoutes(app: FastifyInstance, deps: { screens: ScreenService; db: Db }): void {
  const tags = ['customisation'];
  app.get('/api/screens', {
    schema: { tags, querystring: Strict({ entity: Type.Optional(Type.Union(ENTITY_NAMES.map((e) => Type.Literal(e)))) }), response: { 200: Type.Array(ScreenSchema), ...errorResponses } },
  }, async (request) => deps.screens.list((request.query as { entity?: EntityName }).entity));
  app.get('/api/screens/:id', { schema: { tags, summary: 'A screen by id or name (e.g. company-summary)', params: ScreenParam, response: { 200: ScreenSchema, ...errorResponses } } },
    async (request) => deps.screens.get(idOrName((request.params as { id: string }).id)));
  app.put('/api/screens/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Set the ordered field list of a screen (R5.3)', params: ScreenParam, body: Strict({ fields: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 }) }), response: { 200: ScreenSchema, ...errorResponses } },
  }, async (request) => {
    const screen = await deps.screens.get(idOrName((request.params as { id: string }).id));
    const updated = await deps.screens.setFields(screen.id, (request.body as { fields: string[] }).fields);
    await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'update', entity: 'screens', entityId: screen.name, details: request.body });
    return updated;
  });
  app.get('/api/screens/:id/render', {
    schema: { tags, summary: 'A screen with its fields and a record\'s values (or defaults)', params: ScreenParam, querystring: Strict({ recordId: Type.Optional(Type.Integer({ minimum: 1 })) }), response: errorResponses },
  }, async (request) => deps.screens.render(idOrName((request.params as { id: string }).id), (request.query as { recordId?: number }).recordId));
}

/** Field customisation per entity (R5.2): list, add a custom field, change caption/type/limits. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../crm/audit-log.js';
import { ENTITY_NAMES, FIELD_TYPES, type EntityName } from '../../crm/entities.js';
import type { FieldPatch, FieldService, NewField } from '../../crm/fields.js';
import type { Db } from '../../db/database.js';
import { currentUser } from '../auth.js';
import { Loose, Strict, errorResponses } from '../schemas.js';

const EntityParam = Strict({ entity: Type.Union(ENTITY_NAMES.map((e) => Type.Literal(e))) });
const FieldParam = Strict({ entity: Type.Union(ENTITY_NAMES.map((e) => Type.Literal(e))), name: Type.String({ maxLength: 40 }) });
const fieldProps = {
  caption: Type.String({ minLength: 1, maxLength: 100 }),
  type: Type.Union(FIELD_TYPES.map((t) => Type.Literal(t))),
  maxLength: Type.Union([Type.Integer({ minimum: 1, maximum: 4000 }), Type.Null()]),
  width: Type.Union([Type.Integer({ minimum: 1, maximum: 200 }), Type.Null()]),
  default: Type.Union([Type.String({ maxLength: 4000 }), Type.Null()]),
  options: Type.Union([Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 }), Type.Null()]),
};
const NewFieldBody = Strict({
  name: Type.String({ minLength: 2, maxLength: 40 }), caption: fieldProps.caption, type: fieldProps.type,
  maxLength: Type.Optional(fieldProps.maxLength), width: Type.Optional(fieldProps.width),
  default: Type.Optional(fieldProps.default), options: Type.Optional(fieldProps.options),
});
const FieldPatchBody = Strict(Object.fromEntries(Object.entries(fieldProps).map(([k, v]) => [k, Type.Optional(v)])));
const FieldSchema = Loose({ name: Type.String(), caption: Type.String(), type: Type.String(), builtIn: Type.Boolean() });

export function fieldRoutes(app: FastifyInstance, deps: { fields: FieldService; db: Db }): void {
  const tags = ['customisation'];
  app.get('/api/fields/:entity', { schema: { tags, params: EntityParam, response: { 200: Type.Array(FieldSchema), ...errorResponses } } },
    async (request) => deps.fields.list((request.params as { entity: EntityName }).entity));
  app.post('/api/fields/:entity', { config: { access: 'admin' }, schema: { tags, summary: 'Add a custom field (R5.2)', params: EntityParam, body: NewFieldBody, response: { 201: FieldSchema, ...errorResponses } } },
    async (request, reply) => {
      const { entity } = request.params as { entity: EntityName };
      const field = await deps.fields.add(entity, request.body as NewField);
      await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'create', entity: 'fields', entityId: `${entity}.${field.name}`, details: request.body });
      return reply.status(201).send(field);
    });
  app.patch('/api/fields/:entity/:name', { config: { access: 'admin' }, schema: { tags, summary: 'Change a field: caption, entry type (e.g. to Phone number, R5.2), limits', params: FieldParam, body: FieldPatchBody, response: { 200: FieldSchema, ...errorResponses } } },
    async (request) => {
      const { entity, name } = request.params as Static<typeof FieldParam>;
      const field = await deps.fields.update(entity, name, request.body as FieldPatch);
      await audit(deps.db.kysely, { userId: currentUser(request).id, action: 'update', entity: 'fields', entityId: `${entity}.${name}`, details: request.body });
      return field;
    });
}

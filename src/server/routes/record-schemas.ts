/** Request schemas of the record routes, derived from the entity specs (entities.ts). */
import { Type, type TSchema } from '@sinclair/typebox';
import { EMAIL_KINDS, PHONE_KINDS, type BuiltInField, type EntitySpec } from '../../crm/entities.js';
import { Paging, Strict } from '../schemas.js';

const literalUnion = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const PhoneInputSchema = Strict({ kind: literalUnion(PHONE_KINDS), value: Type.String({ minLength: 1, maxLength: 40 }) });
const EmailInputSchema = Strict({ kind: literalUnion(EMAIL_KINDS), value: Type.String({ minLength: 3, maxLength: 200, pattern: '^[^\\s@]+@[^\\s@]+$' }) });

function fieldSchema(f: BuiltInField): TSchema | null {
  switch (f.type) {
    case 'phone-list': return Type.Array(PhoneInputSchema, { maxItems: 20 });
    case 'email-list': return Type.Array(EmailInputSchema, { maxItems: 20 });
    case 'reference': return Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]);
    case 'number': return Type.Union([Type.Number(), Type.Null()]);
    case 'date': return Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]);
    case 'select': return literalUnion(f.options ?? []);
    default: {
      const s = Type.String({ maxLength: f.maxLength ?? 200 });
      return f.required ? Type.String({ minLength: 1, maxLength: f.maxLength ?? 200 }) : Type.Union([s, Type.Null()]);
    }
  }
}

export function recordBodySchema(spec: EntitySpec, creating: boolean): TSchema {
  const props: Record<string, TSchema> = {};
  for (const f of spec.fields) {
    const s = fieldSchema(f);
    if (!s) continue;
    props[f.name] = creating && f.required ? s : Type.Optional(s);
  }
  props.custom = Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }), Type.Union([Type.String({ maxLength: 4000 }), Type.Number(), Type.Null()])));
  return Strict(props);
}

export const ListQuerySchema = Strict({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  sort: Type.Optional(Type.String({ maxLength: 40 })),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  companyId: Type.Optional(Type.Integer({ minimum: 1 })),
  personId: Type.Optional(Type.Integer({ minimum: 1 })),
  ...Paging,
});

export const RecordSchema = Type.Object({ id: Type.Integer(), title: Type.String() }, { additionalProperties: true });

/** Shared TypeBox schemas for routes (and so for the OpenAPI document). */
import { Type, type TSchema } from '@sinclair/typebox';

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) }),
}, { $id: 'Error' });

/** The largest id a database integer column holds (PostgreSQL `integer`): larger ids are 400s, not 500s. */
export const MAX_ID = 2_147_483_647;

/** A record id in a path, query or body. */
export const RefId = Type.Integer({ minimum: 1, maximum: MAX_ID });

export const IdParams = Type.Object({ id: RefId }, { additionalProperties: false });

/** Offsets past a billion rows are refused (SQLite and PostgreSQL reject 1e20 with a 500). */
export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
};

export const Page = (item: TSchema) => Type.Object({ items: Type.Array(item), total: Type.Integer(), totalCapped: Type.Optional(Type.Boolean()) });

/** An object schema that rejects unknown fields. */
export const Strict = <T extends Parameters<typeof Type.Object>[0]>(props: T) => Type.Object(props, { additionalProperties: false });

/** A record shape for docs: known fields listed, others allowed through (custom values). */
export const Loose = <T extends Parameters<typeof Type.Object>[0]>(props: T) => Type.Object(props, { additionalProperties: true });

export const errorResponses = {
  400: Type.Ref('Error'), 401: Type.Ref('Error'), 403: Type.Ref('Error'), 404: Type.Ref('Error'),
};

/** Shared TypeBox schemas for routes (and so for the OpenAPI document). */
import { Type, type TSchema } from '@sinclair/typebox';

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) }),
}, { $id: 'Error' });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
};

export const Page = (item: TSchema) => Type.Object({ items: Type.Array(item), total: Type.Integer(), totalCapped: Type.Optional(Type.Boolean()) });

/** An object schema that rejects unknown fields. */
export const Strict = <T extends Parameters<typeof Type.Object>[0]>(props: T) => Type.Object(props, { additionalProperties: false });

/** A record shape for docs: known fields listed, others allowed through (custom values). */
export const Loose = <T extends Parameters<typeof Type.Object>[0]>(props: T) => Type.Object(props, { additionalProperties: true });

export const errorResponses = {
  400: Type.Ref('Error'), 401: Type.Ref('Error'), 403: Type.Ref('Error'), 404: Type.Ref('Error'),
};

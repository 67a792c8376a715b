/**
 * fast-check arbitraries for an OpenAPI operation's inputs: values that fit the schema
 * (to reach the code behind validation) mixed with hostile ones — huge and negative
 * numbers, 1e20, NaN strings, strings over 10k, unicode, `constructor` / `__proto__`,
 * wrong types, missing and extra fields.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string; enum?: unknown[]; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; $ref?: string;
  properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  minimum?: number; maximum?: number; minLength?: number; maxLength?: number; format?: string;
}

export interface Operation {
  method: string; path: string;
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** `x` now and then (one time in `every`), else null: extra fields should be the exception. */
const sometimes = <T>(x: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: every - 1 }, { arbitrary: x, weight: 1 });

const PROTO_KEYS = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const BOUNDARY_NUMBERS = [0, -1, 1, 2, -0.5, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53 + 1, 1e20, -1e20, Number.MAX_VALUE, -Number.MAX_VALUE];

/** A string that is not a valid anything: huge, unicode, control characters, numbers in words. */
export const hostileString = (): fc.Arbitrary<string> => fc.oneof(
  fc.constantFrom('', ' ', '        ', 'NaN', 'Infinity', '-Infinity', '1e20', '-1', '0x10', '9007199254740993', 'null', 'undefined', 'true',
    ...PROTO_KEYS, '../../etc/passwd', '%00', '\u0000', '\u202e', '🦄📞', '日本語の名前', 'Ünïcödé', "'; drop table users; --", '<script>alert(1)</script>', '{{7*7}}'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 10_001, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 101, max: 600 }).map((n) => '9'.repeat(n)),
);

export const hostileValue = (): fc.Arbitrary<unknown> => fc.oneof(
  hostileString(),
  fc.constantFrom(...BOUNDARY_NUMBERS),
  fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null),
  fc.constant({}), fc.constant([]),
  fc.constantFrom(...PROTO_KEYS).map((k) => JSON.parse(`{"${k}": {"polluted": true}}`) as unknown),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.split('/').pop() ?? '';
  return components[name] ?? {};
}

/** Values that fit `schema` (roughly), or at its boundaries. */
export function fitting(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const alts = s.anyOf ?? s.oneOf;
  if (alts !== undefined && alts.length > 0) return fc.oneof(...alts.map((a) => fitting(a, components, depth + 1)));
  if (s.allOf !== undefined && s.allOf[0] !== undefined) return fitting(s.allOf[0], components, depth + 1);
  if (s.enum !== undefined && s.enum.length > 0) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'integer': {
      const min = s.minimum ?? -1000;
      const max = s.maximum ?? Math.max(min, 1000);
      return fc.oneof(fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) }), fc.constantFrom(min, max, 1, 2, 3), fc.constantFrom(...BOUNDARY_NUMBERS));
    }
    case 'number': return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1, s.minimum ?? 0, s.maximum ?? 1));
    case 'boolean': return fc.boolean();
    case 'string': {
      if (s.format === 'date-time') return fc.date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString());
      const maxLength = s.maxLength ?? 60;
      return fc.oneof(
        fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(maxLength, 40) }),
        fc.constantFrom('1001', '1002', '+33142685300', '0142685300', '2125550123', 'alice', 'name', 'phones', 'person-summary', 'person', 'company')
          .filter((v) => v.length <= maxLength && v.length >= (s.minLength ?? 0)),
        fc.constant('é'.repeat(Math.max(s.minLength ?? 0, Math.min(maxLength, 200)))),
        fc.constantFrom(...PROTO_KEYS),
      );
    }
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(fitting(s.items ?? {}, components, depth + 1), { maxLength: 3 });
    case 'object':
    case undefined: {
      if (depth > 3 || s.properties === undefined) return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 });
      return objectFor(s, components, depth);
    }
    default: return hostileValue();
  }
}

/** An object with the schema's fields (any may be missing), each fitting or hostile, sometimes an extra field. */
function objectFor(s: JsonSchema, components: Record<string, JsonSchema>, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const fields = Object.fromEntries(Object.entries(props).map(([k, v]) =>
    [k, fc.oneof({ arbitrary: fitting(v, components, depth + 1), weight: 12 }, { arbitrary: hostileValue(), weight: 1 })]));
  const required = (s.required ?? []).filter((k) => k in props);
  // Mostly with the required fields (so validation lets the values through), sometimes without.
  const record = fc.oneof({ arbitrary: fc.record(fields, { requiredKeys: required }), weight: 4 }, { arbitrary: fc.record(fields, { requiredKeys: [] }), weight: 1 });
  return fc.tuple(record, sometimes(fc.tuple(fc.constantFrom('extra', ...PROTO_KEYS), hostileValue()), 8)).map(([rec, extra]) => {
    const out: Record<string, unknown> = { ...rec };
    if (extra !== null) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true });
    return out;
  });
}

/**
 * A request for `op`: its URL (path and query filled) and body. Every parameter fits its
 * schema (boundaries included) except, half the time, exactly one that is hostile, so
 * the hostile value gets past the other fields' validation to the code behind it.
 */
export function requestFor(op: Operation, components: Record<string, JsonSchema>): fc.Arbitrary<{ url: string; body: unknown }> {
  const params = op.parameters ?? [];
  const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
  const fit = (p: { schema?: JsonSchema }) => fitting(p.schema ?? { type: 'string' }, components).map(String);
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const pathArb = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, fit(p).filter((v) => v.length > 0)])));
  const queryArb = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, fit(p)])), { requiredKeys: [] });
  const names = params.map((p) => p.name);
  const spoil = names.length === 0 ? fc.constant(null) : sometimes(fc.tuple(fc.constantFrom(...names), hostileValue().map(asText)), 2);
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const bodyArb: fc.Arbitrary<unknown> = schema === undefined
    ? fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: hostileValue(), weight: 1 })
    : fc.oneof({ arbitrary: fitting(schema, components), weight: 10 }, { arbitrary: hostileValue(), weight: 1 });
  return fc.tuple(pathArb, queryArb, spoil, sometimes(fc.tuple(fc.constantFrom('extra', ...PROTO_KEYS), hostileString()), 8), bodyArb)
    .map(([path, query, bad, extra, body]) => {
      const p = { ...(path as Record<string, string>) };
      const q = { ...(query as Record<string, string>) };
      if (bad !== null) {
        if (pathParams.some((x) => x.name === bad[0])) { if (bad[1].length > 0) p[bad[0]] = bad[1]; } else q[bad[0]] = bad[1];
      }
      const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(p[name] ?? ''));
      const search = new URLSearchParams(Object.entries(q));
      if (extra !== null) search.append(extra[0], extra[1]);
      const qs = search.toString();
      return { url: qs === '' ? url : `${url}?${qs}`, body };
    });
}

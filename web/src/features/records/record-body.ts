/**
 * Form values → the body the records API takes: built-in fields at the top level,
 * custom columns under `custom`, lists reduced to `{ kind, value }`, empty values as
 * the schema wants them (null, or left out for a select). Pure.
 */
import type { FieldDef, FieldType, RenderedField } from './api/records-api.js';

const entries = (v: unknown): Array<{ kind: string; value: string }> =>
  Array.isArray(v) ? (v as Array<{ kind: string; value: string }>).filter((e) => e.value.trim() !== '').map((e) => ({ kind: e.kind, value: e.value })) : [];

/** A form value as the API takes it; `undefined` means "leave it out". */
export const cleanValue = (type: FieldType, v: unknown): unknown => {
  switch (type) {
    case 'phone-list':
    case 'email-list':
      return entries(v);
    case 'select':
      return v === '' || v === null || v === undefined ? undefined : v;
    case 'reference':
    case 'number':
      return v === '' || v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v);
    default:
      return v === '' || v === undefined ? null : v;
  }
};

/** Splits form values into built-in columns and `custom`, as the records API takes them. */
export const toBody = (fields: readonly Pick<RenderedField, 'name' | 'type'>[], values: Record<string, unknown>, defs: readonly FieldDef[]): Record<string, unknown> => {
  const body: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const f of fields) {
    const value = cleanValue(f.type, values[f.name]);
    if (value === undefined) continue;
    const def = defs.find((d) => d.name === f.name);
    if (def && !def.builtIn) custom[f.name] = value;
    else body[f.name] = value;
  }
  if (Object.keys(custom).length) body.custom = custom;
  return body;
};


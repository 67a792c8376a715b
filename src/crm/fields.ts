/**
 * Field definitions per entity (R5.2): the built-in fields (from entities.ts, kept in the
 * `fields` table so captions and widths are editable) and the admin's custom fields,
 * whose values live in `custom_values`. A custom text field can become a Phone number
 * field: its values are then indexed for caller-ID matching (R6.6).
 */
import { AppError } from '../domain/errors.js';
import type { FieldRow } from '../db/schema.js';
import type { Db } from '../db/database.js';
import { ENTITIES, ENTITY_NAMES, type EntityName, type FieldType } from './entities.js';
import { indexPhone, unindexField } from './contact-lists.js';
import type { Executor } from './db-types.js';
import type { PhoneKeyer } from './phone-keyer.js';

export interface FieldDef {
  name: string;
  caption: string;
  type: FieldType;
  builtIn: boolean;
  maxLength: number | null;
  width: number | null;
  default: string | null;
  options: string[] | null;
  references?: string;
  required?: boolean;
}

export interface NewField {
  name: string;
  caption: string;
  type: FieldType;
  maxLength?: number | null;
  width?: number | null;
  default?: string | null;
  options?: string[] | null;
}

export type FieldPatch = Partial<Omit<NewField, 'name'>>;

/** Types a custom field may have (lists and references are built-in only). */
export const CUSTOM_FIELD_TYPES: readonly FieldType[] = ['text', 'textarea', 'phone', 'email', 'number', 'date', 'select'];
export const COLUMN_NAME = /^[a-z][a-z0-9_]{1,39}$/;

const toDef = (row: FieldRow, entity: EntityName): FieldDef => {
  const builtIn = ENTITIES[entity].fields.find((f) => f.name === row.name);
  return {
    name: row.name,
    caption: row.caption,
    type: row.type as FieldType,
    builtIn: row.built_in === 1,
    maxLength: row.max_length,
    width: row.width,
    default: row.default_value,
    options: row.options ? (JSON.parse(row.options) as string[]) : null,
    ...(builtIn?.references ? { references: builtIn.references } : {}),
    ...(builtIn?.required ? { required: true } : {}),
  };
};

const ownerOf = (entity: EntityName): 'company' | 'person' | null =>
  entity === 'companies' ? 'company' : entity === 'persons' ? 'person' : null;

export class FieldService {
  private cache = new Map<EntityName, FieldDef[]>();

  constructor(private readonly db: Db, private readonly keyer: () => PhoneKeyer) {}

  /** Inserts the built-in field rows that are missing (first start, or a new release). */
  async ensureBuiltIns(): Promise<void> {
    for (const entity of ENTITY_NAMES) {
      const existing = new Set((await this.db.kysely.selectFrom('fields').select('name').where('entity', '=', entity).execute()).map((r) => r.name));
      let position = 0;
      for (const f of ENTITIES[entity].fields) {
        position += 10;
        if (existing.has(f.name)) continue;
        await this.db.kysely.insertInto('fields').values({
          entity, name: f.name, caption: f.caption, type: f.type, built_in: 1,
          max_length: f.maxLength ?? null, width: null, default_value: null,
          options: f.options ? JSON.stringify(f.options) : null, position,
        }).execute();
      }
    }
    this.cache.clear();
  }

  async list(entity: EntityName): Promise<FieldDef[]> {
    const hit = this.cache.get(entity);
    if (hit) return hit;
    const rows = await this.db.kysely.selectFrom('fields').selectAll().where('entity', '=', entity).orderBy('position').orderBy('id').execute();
    const defs = rows.map((r) => toDef(r, entity));
    this.cache.set(entity, defs);
    return defs;
  }

  async get(entity: EntityName, name: string): Promise<FieldDef> {
    const def = (await this.list(entity)).find((f) => f.name === name);
    if (!def) throw new AppError('not-found', `No field ${name} on ${entity}`, { entity, field: name });
    return def;
  }

  async add(entity: EntityName, input: NewField): Promise<FieldDef> {
    if (!COLUMN_NAME.test(input.name)) {
      throw new AppError('validation-failed', 'Column name must be lower-case letters, digits and _ (2–40), starting with a letter', { field: 'name' });
    }
    if (!CUSTOM_FIELD_TYPES.includes(input.type)) {
      throw new AppError('validation-failed', `A custom field cannot be of type ${input.type}`, { field: 'type' });
    }
    if ((await this.list(entity)).some((f) => f.name === input.name)) {
      throw new AppError('conflict', `${entity} already has a field named ${input.name}`, { field: 'name' });
    }
    const max = await this.db.kysely.selectFrom('fields').select((eb) => eb.fn.max('position').as('p')).where('entity', '=', entity).executeTakeFirst();
    await this.db.kysely.insertInto('fields').values({
      entity, name: input.name, caption: input.caption, type: input.type, built_in: 0,
      max_length: input.maxLength ?? null, width: input.width ?? null, default_value: input.default ?? null,
      options: input.options ? JSON.stringify(input.options) : null, position: Number(max?.p ?? 0) + 10,
    }).execute();
    this.cache.delete(entity);
    return this.get(entity, input.name);
  }

  async update(entity: EntityName, name: string, patch: FieldPatch): Promise<FieldDef> {
    const current = await this.get(entity, name);
    if (current.builtIn && patch.type !== undefined && patch.type !== current.type) {
      throw new AppError('unprocessable', 'The entry type of a built-in field cannot change', { field: 'type' });
    }
    if (patch.type !== undefined && !CUSTOM_FIELD_TYPES.includes(patch.type)) {
      throw new AppError('validation-failed', `A custom field cannot be of type ${patch.type}`, { field: 'type' });
    }
    await this.db.kysely.transaction().execute(async (tx) => {
      await tx.updateTable('fields').set({
        ...(patch.caption !== undefined ? { caption: patch.caption } : {}),
        ...(patch.type !== undefined ? { type: patch.type } : {}),
        ...(patch.maxLength !== undefined ? { max_length: patch.maxLength } : {}),
        ...(patch.width !== undefined ? { width: patch.width } : {}),
        ...(patch.default !== undefined ? { default_value: patch.default } : {}),
        ...(patch.options !== undefined ? { options: patch.options ? JSON.stringify(patch.options) : null } : {}),
      }).where('entity', '=', entity).where('name', '=', name).execute();
      const becamePhone = patch.type === 'phone' && current.type !== 'phone';
      const leftPhone = patch.type !== undefined && patch.type !== 'phone' && current.type === 'phone';
      if (becamePhone || leftPhone) await this.reindexField(tx, entity, name, becamePhone);
    });
    this.cache.delete(entity);
    return this.get(entity, name);
  }

  /** (Re)writes the caller-ID index rows of one custom field's values. */
  private async reindexField(tx: Executor, entity: EntityName, name: string, index: boolean): Promise<void> {
    const owner = ownerOf(entity);
    if (!owner) return;
    await tx.deleteFrom('phone_index').where('owner_type', '=', owner).where('field', '=', name).execute();
    if (!index) return;
    const values = await tx.selectFrom('custom_values').select(['record_id', 'value']).where('entity', '=', entity).where('field', '=', name).execute();
    const keyer = this.keyer();
    for (const v of values) {
      if (v.value) await indexPhone(tx, keyer.keys(v.value).keys, owner, v.record_id, name, v.value);
    }
  }

  /** Writes one record's custom values, indexing those of phone fields. */
  async writeCustomValues(tx: Executor, entity: EntityName, recordId: number, values: Record<string, string | null>): Promise<void> {
    const defs = await this.list(entity);
    const owner = ownerOf(entity);
    for (const [name, value] of Object.entries(values)) {
      const def = defs.find((f) => f.name === name && !f.builtIn);
      if (!def) continue;
      await tx.deleteFrom('custom_values').where('entity', '=', entity).where('record_id', '=', recordId).where('field', '=', name).execute();
      await tx.insertInto('custom_values').values({ entity, record_id: recordId, field: name, value }).execute();
      if (owner && def.type === 'phone') {
        await unindexField(tx, owner, recordId, name);
        if (value) await indexPhone(tx, this.keyer().keys(value).keys, owner, recordId, name, value);
      }
    }
  }
}

/**
 * Screen definitions (R5.3): each entity has named screens (company-summary,
 * company-entry, …) whose ordered field lists the admin edits. `render` returns a screen
 * with its fields and a record's values, so the web app draws any screen generically.
 */
import { AppError } from '../domain/errors.js';
import type { Db } from '../db/database.js';
import type { ScreenRow } from '../db/schema.js';
import { ENTITIES, ENTITY_NAMES, type EntityName } from './entities.js';
import type { FieldService } from './fields.js';
import type { RecordService } from './records.js';

export type ScreenKind = 'summary' | 'entry' | 'list';

export interface Screen {
  id: number;
  entity: EntityName;
  name: string;
  caption: string;
  kind: ScreenKind;
  fields: string[];
}

const CAPTIONS: Record<EntityName, string> = {
  companies: 'Company', persons: 'Person', cases: 'Case', opportunities: 'Opportunity', leads: 'Lead',
};

/** The screens every installation starts with: all built-in fields, in order. */
function builtInScreens(): Array<Omit<Screen, 'id'>> {
  const out: Array<Omit<Screen, 'id'>> = [];
  for (const entity of ENTITY_NAMES) {
    const spec = ENTITIES[entity];
    const all = spec.fields.map((f) => f.name);
    const caption = CAPTIONS[entity];
    out.push({ entity, name: `${spec.singular}-summary`, caption: `${caption} summary`, kind: 'summary', fields: all });
    out.push({ entity, name: `${spec.singular}-entry`, caption: `${caption} entry`, kind: 'entry', fields: all });
    out.push({ entity, name: `${spec.singular}-list`, caption: `${caption} list`, kind: 'list', fields: all.filter((f) => !['notes', 'description', 'address', 'emails'].includes(f)).slice(0, 6) });
  }
  return out;
}

const toScreen = (r: ScreenRow): Screen => ({
  id: r.id, entity: r.entity as EntityName, name: r.name, caption: r.caption, kind: r.kind as ScreenKind,
  fields: JSON.parse(r.fields) as string[],
});

export class ScreenService {
  constructor(private readonly db: Db, private readonly fields: FieldService, private readonly records: RecordService) {}

  async ensureBuiltIns(): Promise<void> {
    const existing = new Set((await this.db.kysely.selectFrom('screens').select('name').execute()).map((r) => r.name));
    for (const s of builtInScreens()) {
      if (existing.has(s.name)) continue;
      await this.db.kysely.insertInto('screens').values({ ...s, fields: JSON.stringify(s.fields) }).execute();
    }
  }

  async list(entity?: EntityName): Promise<Screen[]> {
    let q = this.db.kysely.selectFrom('screens').selectAll().orderBy('id');
    if (entity) q = q.where('entity', '=', entity);
    return (await q.execute()).map(toScreen);
  }

  async get(idOrName: number | string): Promise<Screen> {
    const q = this.db.kysely.selectFrom('screens').selectAll();
    const row = await (typeof idOrName === 'number' ? q.where('id', '=', idOrName) : q.where('name', '=', idOrName)).executeTakeFirst();
    if (!row) throw new AppError('not-found', `No screen ${idOrName}`, { screen: idOrName });
    return toScreen(row);
  }

  async setFields(id: number, fields: string[]): Promise<Screen> {
    const screen = await this.get(id);
    const known = new Set((await this.fields.list(screen.entity)).map((f) => f.name));
    const unknown = fields.find((f) => !known.has(f));
    if (unknown) throw new AppError('validation-failed', `${screen.entity} has no field ${unknown}`, { field: 'fields', value: unknown });
    if (new Set(fields).size !== fields.length) throw new AppError('validation-failed', 'A field appears twice on the screen', { field: 'fields' });
    await this.db.kysely.updateTable('screens').set({ fields: JSON.stringify(fields) }).where('id', '=', id).execute();
    return this.get(id);
  }

  /** A screen, its field definitions in order, and a record's values (or defaults for a new one). */
  async render(idOrName: number | string, recordId?: number) {
    const screen = await this.get(idOrName);
    const defs = await this.fields.list(screen.entity);
    const record = recordId !== undefined ? await this.records.get(screen.entity, recordId) : null;
    const custom = (record?.custom ?? {}) as Record<string, unknown>;
    const fields = screen.fields.flatMap((name) => {
      const def = defs.find((d) => d.name === name);
      if (!def) return [];
      const value = record ? (def.builtIn ? record[name] : custom[name] ?? null) : (def.default ?? null);
      return [{ ...def, value: value ?? null }];
    });
    return { screen, fields, record };
  }
}

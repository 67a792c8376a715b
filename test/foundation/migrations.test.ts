import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/db/database.js';
import { DIALECTS, freshDatabase } from '../support/databases.js';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('create every table on an empty database, and running them again changes nothing', async () => {
    const database = await freshDatabase(dialect);
    const db = await openDatabase(database.url);
    try {
      expect(await migrate(db)).toEqual(['001-initial', '002-phone-search-indexes', '003-caller-id-function', '004-sip-credentials', '005-caller-id-labels', '006-calllog-call-identity']);
      expect(await migrate(db)).toEqual([]);
      const tables = (await db.kysely.introspection.getTables()).map((t) => t.name).sort();
      for (const t of ['users', 'sessions', 'companies', 'persons', 'phones', 'emails', 'phone_index', 'cases', 'opportunities', 'leads', 'communications', 'fields', 'custom_values', 'screens', 'settings', 'audit_log']) {
        expect(tables).toContain(t);
      }
    } finally {
      await db.close();
      await database.drop();
    }
  });
});

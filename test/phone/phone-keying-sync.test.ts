/**
 * Issue 12 §3: numbers stored under older keying rules are found after an upgrade. An
 * index built by an older version (its keys missing the forms the new rules key) is
 * rebuilt once at start; an index already at the current version is left alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/cli/create-app.js';
import { loadConfig } from '../../src/config.js';
import { PHONE_KEYING_VERSION } from '../../src/crm/phone-keying-sync.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';

describe.each(DIALECTS)('the caller-ID index after the keying rules changed (%s)', (dialect) => {
  let db: TestDatabase;
  let app: App | undefined;
  const start = async (): Promise<App> => createApp(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }), { webRoot: '/nonexistent' });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await db.drop();
  });

  it('is rebuilt at start when an older version built it, and then matches', async () => {
    db = await freshDatabase(dialect);
    app = await start();
    const person = await app.services.records.create('persons', { firstName: 'Ada', lastName: 'Byron', phones: [{ kind: 'office', value: '0044 20 7946 0958' }] });
    // What an older version left: its keys (here: none for this form) and its version.
    await app.db.kysely.deleteFrom('phone_index').where('owner_id', '=', person.id as number).execute();
    await app.db.kysely.updateTable('settings').set({ value: '1' }).where('key', '=', 'phone_keying').execute();
    await app.close();

    app = await start();
    const found = await app.services.phones.match('+442079460958');
    expect(found.matches.map((m) => m.id)).toEqual([person.id]);
    const row = await app.db.kysely.selectFrom('settings').select('value').where('key', '=', 'phone_keying').executeTakeFirst();
    expect(row?.value).toBe(PHONE_KEYING_VERSION);
  });

  it('is left alone when the current version built it', async () => {
    db = await freshDatabase(dialect);
    app = await start();
    const person = await app.services.records.create('persons', { firstName: 'Ada', lastName: 'Byron', phones: [{ kind: 'office', value: '+44 20 7946 0958' }] });
    await app.db.kysely.deleteFrom('phone_index').where('owner_id', '=', person.id as number).execute();
    await app.close();

    app = await start();
    expect((await app.services.phones.match('+442079460958')).matches).toEqual([]);
  });
});

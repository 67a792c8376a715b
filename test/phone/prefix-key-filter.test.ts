/**
 * The Bloom filter in front of the caller-ID prefix probes (SQLite) may skip a probe only
 * when no prefix row has that key: before it is built, after this process writes, and
 * after another connection writes, a direct-dial line still finds its company (R6.6).
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/cli/create-app.js';
import { loadConfig } from '../../src/config.js';
import { CHECK_EVERY_MS, PrefixKeyFilter } from '../../src/crm/prefix-key-filter.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

const flushImmediates = async (n = 20): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('the prefix-key filter (SQLite)', () => {
  let app: App;
  let db: TestDatabase;
  const reasons = async (callerId: string) => (await app.services.phones.match(callerId)).matches.map((m) => `${m.reason} ${m.name}`);

  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    app = await createApp(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), { webRoot: '/nonexistent' });
    await app.services.settings.setup({ country: 'DE', areaCode: '211', outsidePrefix: '0' });
    await app.services.records.create('companies', { name: 'Rhein Handel GmbH', phones: [{ kind: 'main', value: '+49 211 12345-0' }] });
  });
  afterAll(async () => { await app.close(); await db.drop(); });

  it('looks every key up until it is built, then only those that may have a prefix row', async () => {
    const sqlite = app.db.sqlite;
    if (!sqlite) throw new Error('SQLite expected');
    const steps: Array<() => void> = [];
    const filter = new PrefixKeyFilter(sqlite, (f) => steps.push(f));
    expect(filter.select(['4921112345', '492111234', '4930123'])).toEqual(['4921112345', '492111234', '4930123']);
    while (steps.length > 0) steps.shift()?.();
    expect(filter.isReady).toBe(true);
    expect(filter.select(['4921112345', '492111234', '4930123'])).toEqual(['4921112345']);
  });

  it('finds a direct line by its company\'s block, once built', async () => {
    expect(await reasons('+49 211 12345 67')).toEqual(['prefix Rhein Handel GmbH']);
    await flushImmediates();
    expect(await reasons('+49 211 12345 67')).toEqual(['prefix Rhein Handel GmbH']);
  });

  it('knows at once a block this process writes', async () => {
    await reasons('+49 211 99999 1');
    await flushImmediates();
    await app.services.records.create('companies', { name: 'Düssel Werke', phones: [{ kind: 'main', value: '0211 99999-0' }] });
    expect(await reasons('+49 211 99999 12')).toEqual(['prefix Düssel Werke']);
  });

  it(`sees a block another connection writes (PRAGMA data_version), within ${CHECK_EVERY_MS} ms`, async () => {
    await flushImmediates();
    const other = new Database(db.url.replace(/^sqlite:/, ''));
    try {
      other.prepare("INSERT INTO companies (id, name, name_key, created_at, updated_at) VALUES (900, 'Köln Kontor', 'koln kontor', '2026-01-01', '2026-01-01')").run();
      other.prepare("INSERT INTO phone_index (key, owner_type, owner_id, field, value, block) VALUES ('4922177777', 'company', 900, 'phone:main', '0221 77777-0', 1)").run();
    } finally {
      other.close();
    }
    await new Promise((r) => setTimeout(r, CHECK_EVERY_MS + 50)); // the window in which it may not know yet
    expect(await reasons('+49 221 77777 34')).toEqual(['prefix Köln Kontor']);
  });
});

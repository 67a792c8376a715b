import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/cli/create-app.js';
import { parseAmiConfig } from '../../src/telephony/asterisk/ami-config.js';
import { AmiProvider } from '../../src/telephony/asterisk/ami-provider.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

/** A port nothing listens on: bind one, note it, close it. */
const closedPort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

describe('a phone system unreachable at start', () => {
  let app: App;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    const provider = new AmiProvider({ config: parseAmiConfig({ host: '127.0.0.1', port: await closedPort(), username: 'crm', secret: 'secret' }) });
    app = await createApp(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), { webRoot: '/nonexistent', cti: { provider } });
  }, 30_000);
  afterAll(async () => { await app.close(); await db.drop(); });

  it('does not keep the CRM from starting: it serves, and says the telephony is down', async () => {
    expect((await app.server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const ready = await app.server.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not-ready', components: { database: true, telephony: false } });
  });
});

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

  it('shows the admin that the phone system is not connected; an agent may not look (R2.2)', async () => {
    await app.services.users.create({ login: 'root', name: 'Root', password: 'root-password', role: 'admin' });
    await app.services.users.create({ login: 'agent', name: 'Agent', password: 'agent-password', role: 'agent' });
    const as = async (login: string, password: string) => {
      const res = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
      return String(res.headers['set-cookie']).split(';')[0] ?? '';
    };
    const admin = await app.server.inject({ method: 'GET', url: '/api/telephony/status', headers: { cookie: await as('root', 'root-password') } });
    expect(admin.statusCode).toBe(200);
    expect(admin.json()).toEqual({ kind: 'asterisk', up: false, links: [] });
    const agent = await app.server.inject({ method: 'GET', url: '/api/telephony/status', headers: { cookie: await as('agent', 'agent-password') } });
    expect(agent.statusCode).toBe(403);
  });
});

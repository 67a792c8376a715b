import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ManualClock } from '../../src/telephony/sim/sim-clock.js';
import { SimProvider } from '../../src/telephony/sim/sim-provider.js';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/cli/create-app.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

describe('the CTI through the real server and a real WebSocket (R6.4)', () => {
  let app: App;
  let db: TestDatabase;
  let base: string;
  let cookie = '';
  let csrf = '';
  const clock = new ManualClock();
  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    const sim = new SimProvider({ clock, config: { extensions: ['1001', '1002'] } });
    app = await createApp(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), { webRoot: '/nonexistent', cti: { provider: sim } });
    await app.services.users.create({ login: 'alice', name: 'Alice', password: 'alice-password', ctiEnabled: true, ctiDevice: '1001', extension: '1001' });
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.server.address();
    base = `127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const res = await fetch(`http://${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'alice', password: 'alice-password' }) });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  });
  afterAll(async () => { await app.close(); await db.drop(); });

  it('dials, shows Dialing then Connected on the socket, hangs up, and logs the call', async () => {
    const ws = new WebSocket(`ws://${base}/api/ws`, { headers: { cookie } });
    const messages: Array<{ type: string; call?: { id: string; label: { en: string }; actions?: string[] } }> = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'cti', online: true }));
    await new Promise((r) => setTimeout(r, 50));
    const post = (path: string, body: unknown = {}) => fetch(`http://${base}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const dial = await post('/api/calls', { number: '44 161 5527789' });
    expect(dial.status).toBe(201);
    const snap = (await dial.json()) as { id: string; label: { en: string }; number: { dialable: string } };
    expect(snap.number.dialable).toBe('9011441615527789');
    clock.advance(2_000);
    await app.cti.registry.idle();
    await new Promise((r) => setTimeout(r, 50));
    const labels = messages.filter((m) => m.type === 'call' && m.call?.id === snap.id).map((m) => m.call?.label.en);
    expect(labels).toContain('Dialing');
    expect(labels.at(-1)).toBe('Connected');
    expect((await post(`/api/calls/${encodeURIComponent(snap.id)}/hangup`)).status).toBe(200);
    await app.cti.registry.idle();
    const comms = await app.services.communications.list({});
    expect(comms.items[0]).toMatchObject({ direction: 'outbound', outcome: 'answered' });
    ws.close();
  });

  it('refuses a WebSocket without a session', async () => {
    const ws = new WebSocket(`ws://${base}/api/ws`);
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });
});

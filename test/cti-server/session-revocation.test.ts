/**
 * A session ends everywhere at once (issue 12): logging out, changing one's password, an
 * admin resetting it, deleting the user and expiry each end the session and close its
 * open WebSockets (code 4401) through the real server with a real WebSocket client; the
 * old cookie then gets 401 and the closed socket can no longer send a command.
 */
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_ENDED_CLOSE_CODE } from '../../src/server/cti/ws-route.js';
import { DIALECTS } from '../support/databases.js';
import { AGENT_PASSWORD } from './support/crm-fixtures.js';
import { HttpClient } from './support/http-client.js';
import { startServerWorld, type ServerWorld } from './support/server-world.js';

const NEW_PASSWORD = 'plum-orchard-lantern-42';

describe.each(DIALECTS)('sessions end with their sockets (%s)', (dialect) => {
  let w: ServerWorld;
  beforeEach(async () => { w = await startServerWorld(dialect); });
  afterEach(() => w.close());

  const expectLoggedOut = async (client: HttpClient) => {
    const me = await client.get<{ error: { code: string } }>('/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
  };

  it('logout closes the session\'s open socket at once; it cannot dial any more', async () => {
    const alice = await w.login(w.crm.alice);
    const socket = await w.socket(alice);
    expect((await socket.command('dial', { number: '1002' })).ok).toBe(true);
    expect((await alice.post('/api/auth/logout')).status).toBe(200);
    expect(await socket.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    expect(socket.isOpen()).toBe(false);
    await expectLoggedOut(alice);
    // A new socket with the old cookie is refused.
    await expect(WebSocketOpen(w.base, alice.cookie)).rejects.toThrow(/401/);
  });

  it('changing my own password needs the current one, ends my other sessions and their sockets, keeps this one', async () => {
    const here = await w.login(w.crm.alice);
    const elsewhere = await w.login(w.crm.alice);
    const hereSocket = await w.socket(here);
    const elsewhereSocket = await w.socket(elsewhere);
    const wrong = await here.request<{ error: { code: string } }>('PUT', '/api/auth/password', { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD });
    expect(wrong.body.error.code).toBe('invalid-credentials');
    const weak = await here.request<{ error: { code: string } }>('PUT', '/api/auth/password', { currentPassword: AGENT_PASSWORD, newPassword: 'password' });
    expect(weak.body.error.code).toBe('weak-password');
    expect((await here.request('PUT', '/api/auth/password', { currentPassword: AGENT_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(200);
    expect(await elsewhereSocket.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    await expectLoggedOut(elsewhere);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await hereSocket.command('dial', { number: '1002' })).ok).toBe(true);
    expect((await fetchLogin(w.base, 'alice', AGENT_PASSWORD)).status).toBe(401);
    expect((await fetchLogin(w.base, 'alice', NEW_PASSWORD)).status).toBe(200);
  });

  it('an admin resetting a password ends every session of that user and closes their sockets', async () => {
    const alice = await w.login(w.crm.alice);
    const socket = await w.socket(alice);
    expect((await w.admin.request('PATCH', `/api/users/${w.crm.alice.id}`, { password: NEW_PASSWORD })).status).toBe(200);
    expect(await socket.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    await expectLoggedOut(alice);
    // The admin's own session is untouched.
    expect((await w.admin.get('/api/auth/me')).status).toBe(200);
  });

  it('deleting a user closes their sockets', async () => {
    const bob = await w.login(w.crm.bob);
    const socket = await w.socket(bob);
    expect((await w.admin.request('DELETE', `/api/users/${w.crm.bob.id}`)).status).toBe(200);
    expect(await socket.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    await expectLoggedOut(bob);
  });

  it('expired sessions are purged, and their sockets closed', async () => {
    const alice = await w.login(w.crm.alice);
    const socket = await w.socket(alice);
    await w.app.db.kysely.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('user_id', '=', w.crm.alice.id).execute();
    expect(await w.app.server.sessions.purgeExpired()).toBe(1);
    expect(await socket.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    const left = await w.app.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', w.crm.alice.id).execute();
    expect(left).toEqual([]);
  });

  it('a WebSocket upgrade with Origin: null (or any unparsable origin) is a coded 403, not a 500', async () => {
    const alice = await w.login(w.crm.alice);
    for (const origin of ['null', 'not a url', 'http://evil.example']) {
      await expect(WebSocketOpen(w.base, alice.cookie, origin)).rejects.toThrow(/403/);
    }
  });
});

function fetchLogin(base: string, login: string, password: string): Promise<Response> {
  return fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
}

function WebSocketOpen(base: string, cookie: string, origin?: string): Promise<void> {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/ws`, { headers: { cookie, ...(origin !== undefined ? { origin } : {}) } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => { ws.close(); resolve(); });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: ${res.statusCode ?? 0}`)));
    ws.once('error', reject);
  });
}

/**
 * Weak passwords are refused for logins and SIP passwords alike (issue 12): an admin
 * creating or resetting a user, an agent changing their own, a SIP password; 422
 * `weak-password` naming the reason, and nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { AGENT_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const WEAK = ['        ', '12345678', 'password', 'Password1!', 'qwertyui', 'aaaaaaaa', 'abcabcabc', 'hellohello', '1qaz2wsx'];

describe.each(DIALECTS)('weak passwords are refused (%s)', (dialect) => {
  let t: TestApp;
  let agentId: number;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    agentId = (await t.app.services.users.findByLogin('agent'))?.id ?? 0;
  });
  afterAll(async () => { await t.close(); });

  const expectWeak = (res: { statusCode: number; json(): unknown }, what: string) => {
    expect(res.statusCode, what).toBe(422);
    expect((res.json() as { error: { code: string; details: { reason: string } } }).error).toMatchObject({ code: 'weak-password', details: { reason: expect.any(String) } });
  };

  it('when an admin creates a user or resets a password', async () => {
    for (const password of WEAK) {
      expectWeak(await t.request(t.admin, 'POST', '/api/users', { login: 'zeus', name: 'Zeus New', password }), `create ${password}`);
      expectWeak(await t.request(t.admin, 'PATCH', `/api/users/${agentId}`, { password }), `reset ${password}`);
    }
    expect(await t.app.services.users.findByLogin('zeus')).toBeUndefined();
    expect((await t.login('agent', AGENT_PASSWORD)).cookie).not.toBe('');
  });

  it('when an agent changes their own password', async () => {
    for (const newPassword of WEAK) {
      expectWeak(await t.request(t.agent, 'PUT', '/api/auth/password', { currentPassword: AGENT_PASSWORD, newPassword }), newPassword);
    }
    expect((await t.request(t.agent, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('for SIP passwords, including the device name with a few characters around it', async () => {
    for (const password of [...WEAK, '1001-1001', 'agent1001']) {
      expectWeak(await t.request(t.admin, 'PUT', `/api/users/${agentId}/sip-password`, { password }), password);
    }
    expect((await t.request(t.admin, 'GET', `/api/users/${agentId}`)).json()).toMatchObject({ sipPasswordSet: false });
    expect((await t.request(t.admin, 'PUT', `/api/users/${agentId}/sip-password`, { password: 'violet-harbour-93' })).statusCode).toBe(200);
  });
});

/**
 * Saving the Asterisk settings runs a live test of the connection (issue 7): against the
 * replay server speaking the recorded S01 login, a right secret passes and a wrong one fails
 * with words for the admin — and neither answer contains the secret.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testAmiConnection } from '../../src/telephony/asterisk/ami-connection.js';
import { loadFixture } from './ami-fixtures.js';
import { startReplayServer, type ReplayServer } from './ami-replay-server.js';
import { SECRET, replayConfig } from './ami-provider-harness.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the live test of the Asterisk settings', () => {
  it('logs in with the recorded Login and logs off', async () => {
    server = await startReplayServer(loadFixture('S01'), { secret: SECRET });
    const result = await testAmiConnection(replayConfig(server.port));
    expect(result).toEqual({ ok: true, message: `logged in to 127.0.0.1:${server.port} (Asterisk Call Manager/11.0.0)` });
    expect(server.checks.filter((c) => c.problems.length > 0)).toEqual([]);
  });

  it('says the login was refused, without repeating the secret', async () => {
    server = await startReplayServer(loadFixture('S01'), { secret: SECRET });
    const result = await testAmiConnection(replayConfig(server.port, { secret: 'wrong-secret-123' }));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/refused the login/);
    expect(result.message).not.toContain('wrong-secret-123');
  });

  it('says when nothing listens on the port', async () => {
    server = await startReplayServer(loadFixture('S01'));
    const port = server.port;
    await server.close();
    server = undefined;
    const result = await testAmiConnection(replayConfig(port));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/cannot reach the Asterisk manager port/) });
  });
});

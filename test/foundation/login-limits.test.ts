/**
 * Login guessing (issue 12): the limit holds under parallel guesses (each is counted
 * before its password is hashed), a guesser elsewhere cannot lock the owner out of an
 * address they logged in from, and behind a trusted reverse proxy the forwarded client
 * address is the one limited (never a header an attacker sets on a direct connection).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const login = (t: TestApp, body: { login: string; password: string }, address: string, headers: Record<string, string> = {}) =>
  t.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: body, remoteAddress: address, headers });

describe('login rate limits', () => {
  let t: TestApp;
  afterEach(async () => { await t.close(); });

  it('300 parallel wrong guesses at one login: at most 5 are checked, the rest are 429 rate-limited', async () => {
    t = await startTestApp();
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) =>
      login(t, { login: 'agent', password: `guess-number-${i}` }, `10.0.${Math.floor(i / 200)}.${i % 200}`)));
    const checked = answers.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.statusCode === 429).length).toBe(300 - checked);
    expect(answers.every((r) => r.statusCode === 401 || r.json().error.code === 'rate-limited')).toBe(true);
  });

  it('300 parallel guesses from one address at many logins: at most 20 are checked', async () => {
    t = await startTestApp();
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => login(t, { login: `user${i}`, password: 'whatever-guess' }, '10.9.9.9')));
    expect(answers.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(20);
  });

  it('a login locked by guessers elsewhere still takes the right password from an address it logged in from', async () => {
    t = await startTestApp();
    expect((await login(t, { login: 'agent', password: AGENT_PASSWORD }, '192.0.2.10')).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) await login(t, { login: 'agent', password: `wrong-${i}` }, `198.51.100.${i}`);
    // Locked for everyone else…
    const stranger = await login(t, { login: 'agent', password: AGENT_PASSWORD }, '203.0.113.7');
    expect(stranger.json().error.code).toBe('rate-limited');
    // …but not for the owner's known address.
    expect((await login(t, { login: 'agent', password: AGENT_PASSWORD }, '192.0.2.10')).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For on a direct connection: rotating it does not get around the address limit', async () => {
    t = await startTestApp();
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) {
      codes.push((await login(t, { login: `nobody${i}`, password: 'whatever-guess' }, '10.1.1.1', { 'x-forwarded-for': `172.16.0.${i}` })).statusCode);
    }
    expect(codes.slice(20)).toEqual([429, 429, 429, 429, 429]);
  });

  it('behind a trusted proxy (TRUST_PROXY) limits each forwarded client address, not the proxy\'s', async () => {
    t = await startTestApp('sqlite', { TRUST_PROXY: '127.0.0.1' });
    const proxy = '127.0.0.1';
    for (let i = 0; i < 21; i++) await login(t, { login: `nobody${i}`, password: 'whatever-guess' }, proxy, { 'x-forwarded-for': '198.51.100.66' });
    const attacker = await login(t, { login: 'nobody', password: 'whatever-guess' }, proxy, { 'x-forwarded-for': '198.51.100.66' });
    expect(attacker.json().error.code).toBe('rate-limited');
    // Another client behind the same proxy is not locked out.
    expect((await login(t, { login: 'agent', password: AGENT_PASSWORD }, proxy, { 'x-forwarded-for': '198.51.100.77' })).statusCode).toBe(200);
  });
});

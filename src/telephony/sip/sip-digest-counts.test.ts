import { describe, expect, it } from 'vitest';
import { computeHa1s, computeResponseFromHa1, DigestServer } from './sip-digest.js';

const URI = 'sip:95550100@127.0.0.1';
const ha1s = computeHa1s('1001', 'switchboard', 'secret-1001');
const authorization = (nonce: string, nc: string): string => {
  const response = computeResponseFromHa1({ algorithm: 'MD5', ha1: ha1s.MD5, method: 'INVITE', uri: URI, nonce, qop: 'auth', nc, cnonce: 'c' });
  return `Digest username="1001", realm="switchboard", nonce="${nonce}", uri="${URI}", response="${response}", qop=auth, nc=${nc}, cnonce="c"`;
};

describe('nonce-counts with many live nonces (RFC 7616 §3.4, issue 6)', () => {
  it('still refuses a replayed nonce-count after more than 10,000 nonces were used within their life', () => {
    let t = 1_000_000;
    const server = new DigestServer({ realm: 'switchboard', now: () => t, algorithms: ['MD5'] });
    const first = server.newNonce();
    expect(server.verify(authorization(first, '00000001'), 'INVITE', ha1s, URI)).toMatchObject({ ok: true });
    for (let i = 0; i < 10_050; i++) {
      t += 1;
      const nonce = server.newNonce();
      expect(server.verify(authorization(nonce, '00000001'), 'INVITE', ha1s, URI).ok).toBe(true);
    }
    expect(server.verify(authorization(first, '00000001'), 'INVITE', ha1s, URI)).toEqual({ ok: false, reason: 'replay' });
    expect(server.verify(authorization(first, '00000002'), 'INVITE', ha1s, URI)).toMatchObject({ ok: true });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstLineOf, maskSipText } from './sip-trace-mask.js';

const secret = fc.stringMatching(/^[A-Za-z0-9+/=._~-]{6,40}$/);
const headerName = fc.constantFrom('Authorization', 'Proxy-Authorization', 'WWW-Authenticate', 'Proxy-Authenticate', 'authorization', 'PROXY-AUTHORIZATION');

describe('the SIP trace masks secrets (issue 17)', () => {
  it('no digest response, nonce or cnonce value survives, quoted or not, whatever the header spelling', () => {
    fc.assert(fc.property(headerName, secret, secret, secret, fc.boolean(), (name, response, nonce, cnonce, quoted) => {
      const q = (v: string): string => (quoted ? `"${v}"` : v);
      const text = `REGISTER sip:127.0.0.1 SIP/2.0\r\nCall-ID: abc\r\n${name}: Digest username="1001", realm="switchboard", nonce=${q(nonce)}, uri="sip:127.0.0.1", response=${q(response)}, cnonce = ${q(cnonce)}, nc=00000001, qop=auth\r\nContent-Length: 0\r\n\r\n`;
      const masked = maskSipText(text);
      for (const v of [response, nonce, cnonce]) expect(masked).not.toContain(v);
      expect(masked).toContain('username="1001"');
      expect(masked).toContain('Call-ID: abc');
    }));
  });

  it('masks the password of a sip:user:password@host URI anywhere in the message, keeping the user', () => {
    fc.assert(fc.property(secret, (password) => {
      const text = `INVITE sip:1002:${password}@127.0.0.1 SIP/2.0\r\nContact: <sip:1001:${password}@10.0.0.1:5060>\r\n\r\n`;
      const masked = maskSipText(text);
      expect(masked).not.toContain(password);
      expect(masked).toContain('sip:1002:***@127.0.0.1');
      expect(firstLineOf(text)).toBe('INVITE sip:1002:***@127.0.0.1 SIP/2.0');
    }));
  });

  it('leaves ordinary headers alone: a Call-ID or Via with "nonce" in it, addresses with ports', () => {
    const text = 'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKnonce=1\r\nTo: <sip:1001@127.0.0.1:5060>\r\n\r\n';
    expect(maskSipText(text)).toBe(text);
  });
});

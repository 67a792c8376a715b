/**
 * SIP message serializer (RFC 3261 §7). Content-Length is always written from the
 * body's BYTE length (RFC 3261 §20.14: "the size of the message-body, in decimal
 * number of octets"), never from a string length, so UTF-8 bodies frame correctly.
 */
import { type SipMessage, SIP_VERSION } from './sip-message.js';
import { displayName } from './sip-headers.js';

/** Headers written first, in this order, for readability in traces (order is not significant, §7.3.1). */
const FIRST = ['via', 'max-forwards', 'route', 'record-route', 'from', 'to', 'call-id', 'cseq', 'contact'];
const FIRST_SET = new Set(FIRST);

export const serializeHead = (m: SipMessage): string => {
  let s = m.kind === 'request' ? `${m.method} ${m.uri} ${SIP_VERSION}\r\n` : `${SIP_VERSION} ${m.status} ${m.reason}\r\n`;
  for (const name of FIRST) {
    const values = m.headers.get(name);
    if (!values) continue;
    const dn = displayName(name);
    for (const v of values) s += `${dn}: ${v}\r\n`;
  }
  for (const [name, values] of m.headers) {
    if (FIRST_SET.has(name) || name === 'content-length') continue;
    const dn = displayName(name);
    for (const v of values) s += `${dn}: ${v}\r\n`;
  }
  s += `Content-Length: ${m.body.length}\r\n\r\n`;
  return s;
};

/**
 * Allocated outside Node's 8 KiB buffer pool on purpose: serialized responses are kept
 * by transactions for up to 32 s (retransmissions), and a small pooled slice would pin
 * its whole 8 KiB slab.
 */
export const serializeMessage = (m: SipMessage): Buffer => {
  const head = serializeHead(m);
  const headLen = Buffer.byteLength(head, 'utf8');
  const out = Buffer.allocUnsafeSlow(headLen + m.body.length);
  out.write(head, 0, 'utf8');
  m.body.copy(out, headLen);
  return out;
};

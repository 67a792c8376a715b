/** A raw UDP peer on 127.0.0.1 for stack tests: sends text, awaits parsed messages. */
import dgram from 'node:dgram';
import { parseMessage } from '../../../src/telephony/sip/sip-parser.js';
import type { SipMessage } from '../../../src/telephony/sip/sip-message.js';

export interface RawPeer {
  port: number;
  send(text: string, port: number): void;
  sendBytes(buf: Buffer, port: number): void;
  /** Resolves with the next message matching `pred` (already received ones count). */
  next(pred?: (m: SipMessage) => boolean, timeoutMs?: number): Promise<SipMessage>;
  received: SipMessage[];
  close(): Promise<void>;
}

export const startRawPeer = async (): Promise<RawPeer> => {
  const sock = dgram.createSocket('udp4');
  const received: SipMessage[] = [];
  const consumed = new Set<SipMessage>();
  let wake: (() => void) | undefined;
  sock.on('message', (buf) => {
    const r = parseMessage(buf);
    if (r.ok) received.push(r.message);
    wake?.();
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const port = sock.address().port;
  return {
    port,
    received,
    send: (text, to) => sock.send(Buffer.from(text.replace(/\r?\n/g, '\r\n')), to, '127.0.0.1'),
    sendBytes: (buf, to) => sock.send(buf, to, '127.0.0.1'),
    next: async (pred = () => true, timeoutMs = 3000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = received.find((x) => !consumed.has(x) && pred(x));
        if (m) {
          consumed.add(m);
          return m;
        }
        if (Date.now() > deadline) throw new Error('no matching message');
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 50);
        });
      }
    },
    close: () => new Promise((r) => sock.close(() => r())),
  };
};

let seq = 0;
/** A request as text, with sensible defaults for the headers tests do not care about. */
export const requestText = (method: string, peerPort: number, targetPort: number, extra: Record<string, string> = {}): string => {
  seq++;
  const h: Record<string, string> = {
    Via: `SIP/2.0/UDP 127.0.0.1:${peerPort};branch=z9hG4bKraw${seq}x${Date.now()}`,
    'Max-Forwards': '70',
    From: `<sip:alice@127.0.0.1:${peerPort}>;tag=ra${seq}`,
    To: `<sip:bob@127.0.0.1:${targetPort}>`,
    'Call-ID': `raw-${seq}-${Date.now()}`,
    CSeq: `1 ${method}`,
    Contact: `<sip:alice@127.0.0.1:${peerPort}>`,
    ...extra,
  };
  const body = h.Body ?? '';
  delete h.Body;
  return `${method} sip:bob@127.0.0.1:${targetPort} SIP/2.0\n${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\n')}\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`;
};

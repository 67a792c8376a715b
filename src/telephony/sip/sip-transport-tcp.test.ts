import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { createTcpTransport } from './sip-transport-tcp.js';
import { createUdpTransport } from './sip-transport-udp.js';
import type { SipTransport, TransportEvent } from './sip-transport.js';
import { serializeMessage } from './sip-serializer.js';
import { newRequest } from './sip-message.js';

const OPTIONS = (n: number, body = ''): Buffer => serializeMessage(newRequest('OPTIONS', 'sip:a@127.0.0.1', [
  ['via', `SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKt${n}`], ['from', '<sip:x@h>;tag=1'], ['to', '<sip:a@h>'], ['call-id', `c${n}`], ['cseq', `${n} OPTIONS`],
], Buffer.from(body, 'utf8')));

const connect = (port: number): Promise<net.Socket> => new Promise((resolve, reject) => {
  const s = net.connect({ port, host: '127.0.0.1' }, () => resolve(s));
  s.once('error', reject);
});

const collect = (t: SipTransport): TransportEvent[] => {
  const events: TransportEvent[] = [];
  t.onReceive((e) => events.push(e));
  return events;
};

const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error('timed out');
};

describe('TCP transport: Content-Length framing on the stream (RFC 3261 §18.3)', () => {
  let t: SipTransport;
  const sockets: net.Socket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    sockets.length = 0;
    await t.close();
  });

  it('reassembles a message split byte by byte and splits two messages sent in one write, with a UTF-8 body', async () => {
    t = createTcpTransport({ port: 0 });
    const events = collect(t);
    const { port } = await t.listen();
    const s = await connect(port);
    sockets.push(s);
    const one = OPTIONS(1, 'héllo');
    for (const b of one) s.write(Buffer.from([b]));
    s.write(Buffer.concat([Buffer.from('\r\n\r\n'), OPTIONS(2), OPTIONS(3, 'ü')]));
    await until(() => events.length === 3);
    expect(events.map((e) => e.kind)).toEqual(['message', 'message', 'message']);
    const first = events[0];
    expect(first?.kind === 'message' && first.message.body.toString('utf8')).toBe('héllo');
  });

  it('reports a missing Content-Length and closes the connection (cannot resynchronise)', async () => {
    t = createTcpTransport({ port: 0 });
    const events = collect(t);
    const { port } = await t.listen();
    const s = await connect(port);
    sockets.push(s);
    const closed = new Promise<void>((r) => s.once('close', () => r()));
    s.write(OPTIONS(1).toString('latin1').replace('Content-Length: 0\r\n', ''));
    await closed;
    expect(events[0]).toMatchObject({ kind: 'parse-error', error: { code: 'missing-content-length' } });
  });

  it('limits connections per source address', async () => {
    t = createTcpTransport({ port: 0, maxConnectionsPerSource: 2 });
    const { port } = await t.listen();
    for (let i = 0; i < 3; i++) sockets.push(await connect(port));
    const third = sockets[2] as net.Socket;
    await new Promise<void>((r) => (third.destroyed ? r() : third.once('close', () => r())));
    expect((sockets[0] as net.Socket).destroyed).toBe(false);
  });

  it('sends a response back over the connection the request came on (§18.2.2)', async () => {
    t = createTcpTransport({ port: 0 });
    const events = collect(t);
    const { port } = await t.listen();
    const s = await connect(port);
    sockets.push(s);
    const got: Buffer[] = [];
    s.on('data', (d: Buffer) => got.push(d));
    s.write(OPTIONS(7));
    await until(() => events.length === 1);
    const e = events[0];
    if (e?.kind !== 'message') throw new Error('expected a message');
    t.send(e.source, Buffer.from('SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n'));
    await until(() => got.length > 0);
    expect(Buffer.concat(got).toString()).toContain('200 OK');
  });
});

describe('UDP transport over IPv6 loopback', () => {
  it('receives a datagram on ::1 and reports its source', async () => {
    const t = createUdpTransport({ host: '::1', port: 0 });
    const events = collect(t);
    const bound = await t.listen().catch(() => undefined);
    if (!bound) {
      await t.close();
      return; // no IPv6 on this host: nothing to test
    }
    const port = bound.port;
    const peer = createUdpTransport({ host: '::1', port: 0 });
    await peer.listen();
    peer.send({ protocol: 'udp', host: '::1', port }, OPTIONS(9));
    await until(() => events.length === 1);
    expect(events[0]).toMatchObject({ kind: 'message', source: { host: '::1' } });
    await peer.close();
    await t.close();
  });
});

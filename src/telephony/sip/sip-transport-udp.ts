/**
 * UDP transport (RFC 3261 §18.1.1 / §18.2.1): one datagram is one message; the
 * parser enforces the size limit (65,535 bytes, the datagram bound).
 */
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseMessage, type ParseLimits, DEFAULT_LIMITS } from './sip-parser.js';
import { normalizeHost, type SipAddress, type SipTransport, type TransportHandler } from './sip-transport.js';

export interface UdpTransportOptions {
  host?: string;
  /** Default 5060 (RFC 3261 §18); 0 picks a free port. */
  port?: number;
  limits?: ParseLimits;
}

export const createUdpTransport = (opts: UdpTransportOptions = {}): SipTransport => {
  const host = opts.host ?? '127.0.0.1';
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const socket = dgram.createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', recvBufferSize: 4 * 1024 * 1024, sendBufferSize: 4 * 1024 * 1024 });
  let handler: TransportHandler = () => undefined;
  let bound: SipAddress = { protocol: 'udp', host, port: opts.port ?? 5060 };

  socket.on('message', (buf, rinfo) => {
    const source: SipAddress = { protocol: 'udp', host: normalizeHost(rinfo.address), port: rinfo.port };
    const r = parseMessage(buf, { limits, stream: false });
    if (r.ok) handler({ kind: 'message', message: r.message, source });
    else handler({ kind: 'parse-error', error: r.error, source });
  });
  // A socket error (e.g. ICMP port unreachable surfacing) must never crash the server.
  socket.on('error', () => undefined);

  return {
    protocol: 'udp',
    reliable: false,
    listen: () =>
      new Promise((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(opts.port ?? 5060, host, () => {
          socket.off('error', reject);
          const a = socket.address();
          bound = { protocol: 'udp', host, port: a.port };
          resolve(bound);
        });
      }),
    local: () => bound,
    send: (dest, data, onError) => {
      socket.send(data, dest.port, dest.host, (err) => {
        if (err && onError) onError(err);
      });
    },
    onReceive: (h) => {
      handler = h;
    },
    close: () =>
      new Promise((resolve) => {
        try {
          socket.close(() => resolve());
        } catch {
          resolve();
        }
      }),
  };
};

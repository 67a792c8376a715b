/**
 * TCP transport (RFC 3261 §18.3): messages framed in the byte stream by
 * Content-Length; connections reused by remote address in both directions (§18.2.2:
 * a response goes back over the connection the request came on); a cap on
 * connections per source address.
 */
import net from 'node:net';
import { DEFAULT_LIMITS, nextFrame, parseMessage, type ParseLimits } from './sip-parser.js';
import { addressKey, normalizeHost, type SipAddress, type SipTransport, type TransportHandler } from './sip-transport.js';

export interface TcpTransportOptions {
  host?: string;
  port?: number;
  limits?: ParseLimits;
  maxConnectionsPerSource?: number;
  maxConnections?: number;
  /** Idle connections are closed after this many ms (0 = never). */
  idleTimeoutMs?: number;
}

export const createTcpTransport = (opts: TcpTransportOptions = {}): SipTransport => {
  const host = opts.host ?? '127.0.0.1';
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const perSource = opts.maxConnectionsPerSource ?? 20;
  const maxConnections = opts.maxConnections ?? 10_000;
  const idle = opts.idleTimeoutMs ?? 0;
  const connections = new Map<string, net.Socket>();
  const countBySource = new Map<string, number>();
  let handler: TransportHandler = () => undefined;
  let bound: SipAddress = { protocol: 'tcp', host, port: opts.port ?? 5060 };

  const attach = (socket: net.Socket, remote: SipAddress): void => {
    const key = addressKey(remote);
    connections.set(key, socket);
    countBySource.set(remote.host, (countBySource.get(remote.host) ?? 0) + 1);
    socket.setNoDelay(true);
    if (idle > 0) socket.setTimeout(idle, () => socket.destroy());
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        const f = nextFrame(pending, limits);
        if (f.kind === 'need-more') break;
        if (f.kind === 'skip') {
          pending = pending.subarray(f.bytes);
          continue;
        }
        if (f.kind === 'error') {
          // The stream cannot be re-synchronised after a framing error: report and close.
          handler({ kind: 'parse-error', error: f.error, source: remote });
          socket.destroy();
          pending = Buffer.alloc(0);
          return;
        }
        const frame = pending.subarray(0, f.length);
        pending = pending.subarray(f.length);
        const r = parseMessage(frame, { limits, stream: true });
        if (r.ok) handler({ kind: 'message', message: r.message, source: remote });
        else handler({ kind: 'parse-error', error: r.error, source: remote });
      }
      if (pending.length > 0 && pending.byteOffset > 0 && pending.length < 4096) pending = Buffer.from(pending);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (connections.get(key) === socket) connections.delete(key);
      const n = (countBySource.get(remote.host) ?? 1) - 1;
      if (n <= 0) countBySource.delete(remote.host);
      else countBySource.set(remote.host, n);
    });
  };

  const server = net.createServer((socket) => {
    const remote: SipAddress = { protocol: 'tcp', host: normalizeHost(socket.remoteAddress ?? ''), port: socket.remotePort ?? 0 };
    if ((countBySource.get(remote.host) ?? 0) >= perSource || connections.size >= maxConnections) {
      socket.destroy();
      return;
    }
    attach(socket, remote);
  });
  server.on('error', () => undefined);

  return {
    protocol: 'tcp',
    reliable: true,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 5060, host, () => {
          server.off('error', reject);
          const a = server.address();
          bound = { protocol: 'tcp', host, port: typeof a === 'object' && a ? a.port : 0 };
          resolve(bound);
        });
      }),
    local: () => bound,
    send: (dest, data, onError) => {
      const key = addressKey(dest);
      let socket = connections.get(key);
      if (!socket || socket.destroyed) {
        // RFC 3261 §18.1.1: open a new connection when none exists to the destination.
        socket = net.connect({ host: dest.host, port: dest.port, localAddress: host });
        socket.once('error', (err) => onError?.(err));
        attach(socket, { protocol: 'tcp', host: dest.host, port: dest.port });
      }
      socket.write(data, (err) => {
        if (err && onError) onError(err);
      });
    },
    onReceive: (h) => {
      handler = h;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of connections.values()) s.destroy();
        connections.clear();
        server.close(() => resolve());
      }),
  };
};

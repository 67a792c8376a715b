/**
 * Live events (API.md): `GET /api/ws`, authenticated by the session cookie like every
 * route, and refused from another site's page (Origin check against cross-site
 * WebSocket hijacking). The agent hub owns what each socket is sent.
 *
 * A socket lives no longer than its session (issue 12): when the session ends (logout,
 * password change or reset, user deleted, expiry) the socket is dropped from the hub —
 * no command from it is accepted any more — and closed with 4401.
 */
import type { FastifyInstance } from 'fastify';
import type { AgentHub } from '../../cti/agent-hub.js';
import { AppError } from '../../domain/errors.js';
import { currentUser } from '../auth.js';

const MAX_MESSAGE_BYTES = 16 * 1024;
/** Close code for "your session ended" (4000–4999 are the application's, RFC 6455 §7.4.2). */
export const SESSION_ENDED_CLOSE_CODE = 4401;

type HubSocket = Parameters<AgentHub['connect']>[0] & { close(code?: number, reason?: string): void };

/** Whether `origin` is this server's own (the browser sends `null` from opaque origins: refused). */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function wsRoute(app: FastifyInstance, hub: AgentHub): () => void {
  // Sockets that were stalled get their coalesced messages once they drain.
  const pump = setInterval(() => hub.pump(), 50);
  pump.unref();
  const bySession = new Map<string, Set<HubSocket>>();
  const ended = new WeakSet<HubSocket>();
  const drop = (sessionId: string, socket: HubSocket) => {
    const set = bySession.get(sessionId);
    set?.delete(socket);
    if (set?.size === 0) bySession.delete(sessionId);
  };
  const end = (socket: HubSocket) => {
    ended.add(socket);
    hub.disconnect(socket);
    socket.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
  };
  app.sessions.onRevoke((ids) => {
    for (const id of ids) {
      for (const socket of bySession.get(id) ?? []) end(socket);
      bySession.delete(id);
    }
  });
  app.get('/api/ws', {
    websocket: true,
    schema: { tags: ['calls'], summary: 'Live call snapshots (WebSocket): see API.md', hide: false },
    preValidation: async (request) => {
      const origin = request.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, request.headers.host)) {
        throw new AppError('forbidden', 'WebSocket from another origin');
      }
    },
  }, (socket, request) => {
    const user = currentUser(request);
    const sessionId = request.sessionId ?? '';
    const s = socket as unknown as HubSocket;
    const set = bySession.get(sessionId) ?? new Set();
    set.add(s);
    bySession.set(sessionId, set);
    hub.connect(s, user.id);
    // The session may have ended between the request's check and now: look again.
    void app.sessions.lookupId(sessionId).then((still) => { if (still === null && !ended.has(s)) end(s); });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (ended.has(s)) return;
      if (isBinary || data.length > MAX_MESSAGE_BYTES) {
        socket.send(JSON.stringify({ type: 'error', error: { code: 'validation-failed', message: 'Send JSON text messages of at most 16 KiB', details: {} } }));
        return;
      }
      void hub.receive(s, data.toString('utf8'));
    });
    const closed = () => { hub.disconnect(s); drop(sessionId, s); };
    socket.on('close', closed);
    socket.on('error', closed);
  });
  return () => clearInterval(pump);
}

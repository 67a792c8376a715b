/**
 * Live events (API.md): `GET /api/ws`, authenticated by the session cookie like every
 * route, and refused from another site's page (Origin check against cross-site
 * WebSocket hijacking). The agent hub owns what each socket is sent.
 */
import type { FastifyInstance } from 'fastify';
import type { AgentHub } from '../../cti/agent-hub.js';
import { AppError } from '../../domain/errors.js';
import { currentUser } from '../auth.js';

const MAX_MESSAGE_BYTES = 16 * 1024;

export function wsRoute(app: FastifyInstance, hub: AgentHub): () => void {
  // Sockets that were stalled get their coalesced messages once they drain.
  const pump = setInterval(() => hub.pump(), 50);
  pump.unref();
  app.get('/api/ws', {
    websocket: true,
    schema: { tags: ['calls'], summary: 'Live call snapshots (WebSocket): see API.md', hide: false },
    preValidation: async (request) => {
      const origin = request.headers.origin;
      if (origin && new URL(origin).host !== request.headers.host) {
        throw new AppError('forbidden', 'WebSocket from another origin');
      }
    },
  }, (socket, request) => {
    const user = currentUser(request);
    hub.connect(socket, user.id);
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary || data.length > MAX_MESSAGE_BYTES) {
        socket.send(JSON.stringify({ type: 'error', error: { code: 'validation-failed', message: 'Send JSON text messages of at most 16 KiB', details: {} } }));
        return;
      }
      void hub.receive(socket, data.toString('utf8'));
    });
    socket.on('close', () => hub.disconnect(socket));
    socket.on('error', () => hub.disconnect(socket));
  });
  return () => clearInterval(pump);
}

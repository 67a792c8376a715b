import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface Readiness { name: string; ready: () => boolean }

/** `/healthz`: the process answers. `/readyz`: the database answers and each component is ready. */
export function healthRoutes(app: FastifyInstance, db: Db, checks: () => Readiness[]): void {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const components: Record<string, boolean> = {};
    try {
      await sql`select 1`.execute(db.kysely);
      components.database = true;
    } catch {
      components.database = false;
    }
    for (const c of checks()) components[c.name] = c.ready();
    const ready = Object.values(components).every(Boolean);
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', components });
  });
}

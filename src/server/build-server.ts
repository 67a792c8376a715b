/**
 * Builds the HTTP server (not listening: tests use `inject()`, the CLI calls `listen`).
 * Every route validates its input with a schema that rejects unknown fields; errors use
 * the catalogue; the OpenAPI document is generated from the same schemas.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { listAudit } from '../crm/audit-log.js';
import { installAuth } from './auth.js';
import { frameworkError, installErrorHandler } from './error-handler.js';
import { SECURITY_HEADERS, installSecurityHeaders } from './security-headers.js';
import { ErrorSchema } from './schemas.js';
import { SessionStore } from './sessions.js';
import type { Services } from './services.js';
import { authRoutes } from './routes/auth-routes.js';
import { communicationRoutes } from './routes/communication-routes.js';
import { fieldRoutes } from './routes/field-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { phoneRoutes } from './routes/phone-routes.js';
import { recordRoutes } from './routes/record-routes.js';
import { screenRoutes } from './routes/screen-routes.js';
import { settingsRoutes } from './routes/settings-routes.js';
import { userRoutes } from './routes/user-routes.js';

export interface ServerOptions {
  services: Services;
  logger: Logger | false;
  cookieSecure?: boolean;
  sessionTtlHours?: number;
  /**
   * Behind a reverse proxy: which proxies to believe about the client's address
   * (`X-Forwarded-For`), as Fastify's `trustProxy`; false (the default) uses the socket's.
   */
  trustProxy?: boolean | number | string;
  /** Folder of the built web app; served with an index.html fallback when it exists. */
  webRoot?: string;
  /** Extra routes (CTI, telephony) registered after the core ones. */
  plugins?: Array<(app: FastifyInstance) => Promise<void> | void>;
}

export const API_VERSION = '0.1.0';

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { services: s } = opts;
  const app = Fastify({
    loggerInstance: opts.logger === false ? undefined : opts.logger,
    logger: opts.logger === false ? false : undefined,
    bodyLimit: 1_048_576,
    trustProxy: opts.trustProxy ?? false,
    // Path parameters are bounded by each route's schema (a call id: 128), not by the router's 100.
    routerOptions: { maxParamLength: 500 },
    frameworkErrors: (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      reply.headers(SECURITY_HEADERS);
      frameworkError(err, request, reply);
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  app.addSchema(ErrorSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Switchboard API', version: API_VERSION, description: 'CRM records, settings, customisation and the CTI API (calls, numbers, live events). Errors: `{ error: { code, message, details } }` — see docs/errors.md.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sb_session' }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
      security: [{ session: [], csrf: [] }],
    },
  });
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  installErrorHandler(app);
  installSecurityHeaders(app);
  const sessions = new SessionStore(s.db, opts.sessionTtlHours ?? 12);
  installAuth(app, sessions);
  // Expired sessions are purged at start and every ten minutes (issue 12).
  await sessions.purgeExpired();
  const purge = setInterval(() => { sessions.purgeExpired().catch((err: unknown) => app.log.warn({ err }, 'session purge failed')); }, 10 * 60_000);
  purge.unref();
  app.addHook('onClose', async () => { clearInterval(purge); });

  healthRoutes(app, s.db, () => s.readiness());
  authRoutes(app, { sessions, users: s.users, cookieSecure: opts.cookieSecure ?? false, ttlHours: opts.sessionTtlHours ?? 12 });
  recordRoutes(app, s.records);
  userRoutes(app, { users: s.users, db: s.db });
  fieldRoutes(app, { fields: s.fields, db: s.db });
  screenRoutes(app, { screens: s.screens, db: s.db });
  settingsRoutes(app, { settings: s.settings, db: s.db, hooks: s.settingsHooks });
  communicationRoutes(app, s.communications, s.db);
  phoneRoutes(app, s.phones);
  app.get('/api/audit', { config: { access: 'admin' }, schema: { tags: ['settings'], summary: 'Audit log of admin changes' } }, async () => listAudit(s.db.kysely));
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  for (const plugin of opts.plugins ?? []) await plugin(app);

  const webRoot = opts.webRoot ?? resolve('web/dist');
  if (existsSync(resolve(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.status(404).send({ error: { code: 'not-found', message: `No route ${request.method} ${request.url}`, details: {} } });
      return reply.sendFile('index.html');
    });
  }
  return app;
}

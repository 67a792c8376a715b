/** Builds a real app (real database, real server, `inject()` without a socket) with two users. */
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/cli/create-app.js';
import { freshDatabase, type TestDatabase } from './databases.js';

export interface Session { cookie: string; csrf: string }

export interface TestApp {
  app: App;
  database: TestDatabase;
  admin: Session;
  agent: Session;
  request(session: Session | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  login(login: string, password: string): Promise<Session>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = 'admin-password-1';
export const AGENT_PASSWORD = 'agent-password-1';

export async function startTestApp(dialect: 'sqlite' | 'postgres' = 'sqlite', env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase(dialect);
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', DEMO_DATA: 'false', ...env });
  const app = await createApp(config, { webRoot: '/nonexistent' });
  await app.services.users.create({ login: 'admin', name: 'Ada Admin', password: ADMIN_PASSWORD, role: 'admin' });
  await app.services.users.create({ login: 'agent', name: 'Alice Agent', password: AGENT_PASSWORD, role: 'agent', extension: '1001', ctiEnabled: true, ctiDevice: '1001' });

  const request: TestApp['request'] = (session, method, url, body) => app.server.inject({
    method, url,
    headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {},
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
  });
  const login = async (name: string, password: string): Promise<Session> => {
    const res = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login: name, password } });
    if (res.statusCode !== 200) throw new Error(`login ${name} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.headers['set-cookie'];
    const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0] ?? '';
    return { cookie, csrf: (res.json() as { csrfToken: string }).csrfToken };
  };
  const admin = await login('admin', ADMIN_PASSWORD);
  const agent = await login('agent', AGENT_PASSWORD);
  return { app, database, admin, agent, request, login, close: async () => { await app.close(); await database.drop(); } };
}

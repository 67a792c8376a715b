/**
 * The app under test, in its own process so the load generator does not share its
 * event loop: createApp + listen on 127.0.0.1 (random port). A `bench` agent is created
 * (or its password reset) and the port and password go back to the parent over IPC.
 */
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/cli/create-app.js';
import { loadConfig } from '../../src/config.js';

export interface ServerReady { port: number; login: string; password: string }

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: app-server.ts <database-url>');
  const app = await createApp(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }), { webRoot: '/nonexistent' });
  const password = randomBytes(12).toString('base64url');
  const existing = await app.services.users.findByLogin('bench');
  if (existing) await app.services.users.update(existing.id, { password });
  else await app.services.users.create({ login: 'bench', name: 'Bench Agent', password, role: 'agent' });
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const ready: ServerReady = { port, login: 'bench', password };
  process.send?.(ready);
  const stop = () => { void app.close().then(() => process.exit(0)); };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench app failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});

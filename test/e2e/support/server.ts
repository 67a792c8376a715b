/**
 * Starts the real Switchboard server for the end-to-end suites: a free port on
 * 127.0.0.1, a temporary data directory (fresh SQLite file), the simulated phone
 * system, no demo data (each suite seeds what it needs through the API). Stopped by PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ADMIN_PASSWORD = 'admin-pass-123';

export interface RunningServer {
  /** Where the browser goes. */
  url: string;
  /** The Switchboard server itself. */
  serverUrl: string;
  servedBy: 'server' | 'vite-preview';
  dataDir: string;
  stop: () => Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });

const ROOT = resolve(import.meta.dirname, '../../..');

/** Builds the web bundle the server serves (web/dist). */
export const buildWeb = (): Promise<void> =>
  new Promise((ok, fail) => {
    const p = spawn(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`vite build exited ${code}`))));
  });

const waitUp = async (url: string, child: ChildProcess, log: () => string): Promise<void> => {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/setup`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start:\n${log()}`);
};

export const startServer = async (opts: { setup?: boolean } = {}): Promise<RunningServer> => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-e2e-'));
  const args = ['src/cli/start.ts'];
  if (opts.setup !== false) args.push('--country', 'US', '--area-code', '212', '--outside-prefix', '9');
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD, DEMO_DATA: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const serverUrl = `http://127.0.0.1:${port}`;
  await waitUp(serverUrl, child, () => out);
  // The server should serve web/dist itself; while it answers the page with 401, put
  // Vite's static preview (web/dist, /api proxied to this server) in front instead.
  const direct = await fetch(`${serverUrl}/`).then((r) => r.ok && (r.headers.get('content-type') ?? '').includes('html'), () => false);
  const preview = direct ? null : await startPreview(serverUrl);
  if (preview) process.stderr.write(`e2e: ${serverUrl}/ does not serve the app (web/dist behind login?): using vite preview at ${preview.url}\n`);
  return {
    url: preview?.url ?? serverUrl,
    serverUrl,
    dataDir,
    servedBy: preview ? 'vite-preview' : 'server',
    stop: async () => {
      if (preview) await stopChild(preview.child);
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

const stopChild = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(child.pid, 'SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) process.kill(child.pid, 'SIGKILL');
};

const startPreview = async (api: string): Promise<{ url: string; child: ChildProcess }> => {
  const port = await freePort();
  const child = spawn(join(ROOT, 'node_modules/.bin/vite'), ['preview', '--config', 'web/vite.config.ts', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, SWITCHBOARD_API: api },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitUp(url, child, () => out);
  return { url, child };
};

/**
 * The real Switchboard server as a CHILD PROCESS (`tsx src/cli/start.ts`) on a given
 * database: the simulated phone system the settings name, the real clock. Unlike the
 * in-process server world, it can be killed with SIGKILL (`kill -9`): no shutdown code
 * runs, the database is left as a crash leaves it (issue 12). Restarted on the same port,
 * so HTTP clients (whose sessions live in the database) keep working.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
export const CHILD_ADMIN_PASSWORD = 'admin-password-1';

const freePort = (): Promise<number> => new Promise((ok, fail) => {
  const srv = createServer();
  srv.once('error', fail);
  srv.listen(0, '127.0.0.1', () => {
    const addr = srv.address();
    srv.close(() => ok(typeof addr === 'object' && addr ? addr.port : 0));
  });
});

export interface ChildServer {
  base: string;
  /** Starts the server (again) and resolves once it answers HTTP. */
  start(): Promise<void>;
  /** `kill -9`: no shutdown code runs. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it does not exit; removes its data folder. */
  close(): Promise<void>;
  output(): string;
}

export async function childServer(databaseUrl: string): Promise<ChildServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-child-'));
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let out = '';
  const exited = (c: ChildProcess) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once('exit', () => r())));
  const stopWith = async (signal: NodeJS.Signals) => {
    const c = child;
    child = undefined;
    if (c?.pid === undefined || c.exitCode !== null || c.signalCode !== null) return;
    const done = exited(c);
    c.kill(signal);
    await done;
  };
  return {
    base,
    async start() {
      // One process (node with tsx's loader), not the tsx wrapper: SIGKILL must hit the server itself.
      const c = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts', '--country', 'US', '--area-code', '212', '--outside-prefix', '9'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl,
          ADMIN_PASSWORD: CHILD_ADMIN_PASSWORD, DEMO_DATA: 'false', LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      c.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      c.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      // Up means listening: the start command prints its address once it listens.
      await new Promise<void>((ok, fail) => {
        const check = () => {
          if (out.includes(`Switchboard is running`)) { c.stdout?.off('data', check); ok(); }
        };
        c.stdout?.on('data', check);
        c.once('exit', (code) => fail(new Error(`the server exited (${code}) before it listened:\n${out}`)));
      });
    },
    kill: () => stopWith('SIGKILL'),
    async close() {
      await stopWith('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => out,
  };
}

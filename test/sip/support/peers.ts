/**
 * Starting and stopping real peers (sipp, baresip, sipsak) for the test suites: free
 * ports on 127.0.0.1, processes stopped by PID.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';

export const hasBinary = (name: string): boolean => spawnSync('which', [name]).status === 0;

/** A port free for both UDP and TCP on 127.0.0.1. */
export const freePort = async (): Promise<number> => {
  for (;;) {
    const port = await new Promise<number>((resolve) => {
      const s = dgram.createSocket('udp4');
      s.bind(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    });
    const tcpOk = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (tcpOk) return port;
  }
};

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a process to completion (killed by PID after `timeoutMs`). */
export const run = (cmd: string, args: string[], timeoutMs = 60_000, cwd?: string): Promise<RunResult> =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => { if (child.pid) process.kill(child.pid, 'SIGKILL'); }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

/** Starts a long-running process; stop it with `stop(child)`. */
export const startProcess = (cmd: string, args: string[], cwd?: string): ChildProcess =>
  spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

export const stop = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const t = setTimeout(() => { if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL'); }, 2000);
  await done;
  clearTimeout(t);
};

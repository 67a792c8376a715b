/**
 * `npm run call` against a real listening server (issue 4): the CLI, spawned with tsx as
 * a separate process, logs in as the admin over HTTP and injects an incoming call that
 * rings the agent's browser with its matches; refusals are printed clearly.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallArgs, UsageError } from '../../src/cli/call.js';
import { DIALECTS } from '../support/databases.js';
import { ADMIN_PASSWORD, startServerWorld, type ServerWorld } from './support/server-world.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs `tsx src/cli/call.ts <args>` (what `npm run call -- <args>` runs) and waits for it to exit. */
const runCli = (args: string[], env: Record<string, string> = {}): Promise<Run> => new Promise((ok, fail) => {
  const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['src/cli/call.ts', ...args], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.on('error', fail);
  child.on('close', (code) => ok({ code, stdout, stderr }));
});

describe('the options of npm run call', () => {
  it('takes --from and --to, and the admin from the flags or the environment', () => {
    expect(parseCallArgs(['--from', '+1 212 736-4440', '--to', '1001'], { ADMIN_PASSWORD: 'pw-from-env', SB_ADMIN_LOGIN: 'boss' })).toEqual({
      from: '+1 212 736-4440', to: '1001', url: 'http://localhost:3000', login: 'boss', password: 'pw-from-env',
    });
    expect(parseCallArgs(['--from=+33 1 42 68 53 00', '--to=1002', '--url', 'http://127.0.0.1:9/', '--login', 'ada', '--password', 'x'], {})).toMatchObject({
      from: '+33 1 42 68 53 00', to: '1002', url: 'http://127.0.0.1:9', login: 'ada', password: 'x',
    });
  });

  it('refuses a missing number, an unknown option, or no password, with the usage line', () => {
    expect(() => parseCallArgs(['--to', '1001'], { ADMIN_PASSWORD: 'x' })).toThrow(UsageError);
    expect(() => parseCallArgs(['--from', '1', '--to', '1001', '--colour', 'red'], { ADMIN_PASSWORD: 'x' })).toThrow(/unknown option --colour/);
    expect(() => parseCallArgs(['--from', '1', '--to', '1001'], {})).toThrow(/ADMIN_PASSWORD/);
  });
});

describe.each(DIALECTS)('npm run call against a running server (%s)', (dialect) => {
  let w: ServerWorld;
  beforeAll(async () => {
    w = await startServerWorld(dialect);
  });
  afterAll(() => w.close());

  it('injects "+1 212 736-4440" → 1001: prints the call ref, and Alice\'s browser rings with Arthur Browne and Ben Barrow', async () => {
    const socket = await w.socket(await w.login(w.crm.alice));
    const run = await runCli(['--url', w.base, '--from', '+1 212 736-4440', '--to', '1001', '--login', 'admin'], { ADMIN_PASSWORD });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const callRef = /Incoming call (\S+):/.exec(run.stdout)?.[1] ?? '';
    expect(run.stdout).toBe(`Incoming call ${callRef}: +1 212 736-4440 is ringing 1001\n`);
    await w.settle();
    const pop = await socket.waitFor((m) => m.type === 'call' && m.call.id === callRef);
    expect(pop.type === 'call' ? pop.call : undefined).toMatchObject({
      state: 'alerting', label: { en: 'Ringing' }, number: { e164: '+12127364440' },
    });
    const names = pop.type === 'call' ? pop.call.matches.map((m) => m.name).sort() : [];
    expect(names).toEqual(['Arthur Browne', 'Ben Barrow']);
    w.phone.remoteHangup(callRef);
    await w.settle();
  });

  it('prints the server\'s reason when the extension does not exist, and exits 1', async () => {
    const run = await runCli(['--url', w.base, '--from', '+1 212 736-4440', '--to', '1999', '--password', ADMIN_PASSWORD]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^npm run call: the call was refused: .*1999.*\(404 not-found\)\n$/);
  });

  it('says so when the login is wrong, and exits 1', async () => {
    const run = await runCli(['--url', w.base, '--from', '+1 212 736-4440', '--to', '1001', '--password', 'not-the-password']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^npm run call: login as admin failed: .*\(401 /);
  });

  it('a non-admin may not inject calls (403)', async () => {
    const run = await runCli(['--url', w.base, '--from', '+1 212 736-4440', '--to', '1001', '--login', 'alice', '--password', 'agent-password-1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the call was refused: .*\(403 forbidden\)/);
  });
});

/** A port nobody listens on: bound, then released. */
const closedPort = (): Promise<number> => new Promise((ok) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const address = srv.address();
    srv.close(() => ok(typeof address === 'object' && address ? address.port : 0));
  });
});

describe('npm run call with no server', () => {
  it('says it cannot reach Switchboard, and exits 1', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli(['--url', url, '--from', '+1 212 736-4440', '--to', '1001', '--password', 'whatever']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`npm run call: cannot reach Switchboard at ${url} (ECONNREFUSED): is it running (npm start)?\n`);
  });

  it('prints the usage and exits 2 without --from', async () => {
    const run = await runCli(['--to', '1001'], { ADMIN_PASSWORD: 'x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--from and --to are required\nusage: npm run call/);
  });
});

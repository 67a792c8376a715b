/**
 * `npm run call -- --from "+1 212 736-4440" --to 1001`: an incoming call from the outside
 * world into a RUNNING Switchboard (the one `npm start` runs) on the simulated phone
 * system, for demos and manual tests. It logs in over HTTP as an admin and calls
 * `POST /api/sim/calls { from, to }` (API.md, "Simulated phone system only"), then prints
 * the call reference, or the server's error message.
 *
 * Options (or environment):
 *   --from <number>      the caller ID, as the network presents it       (required)
 *   --to <extension>     the agent device that rings                     (required)
 *   --url <url>          the server               (SB_URL, default http://localhost:3000)
 *   --login <login>      an admin's login         (SB_ADMIN_LOGIN, default admin)
 *   --password <pw>      that admin's password    (ADMIN_PASSWORD)
 *
 * Exit codes: 0 the call rings; 1 the server refused or could not be reached; 2 usage.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface CallOptions {
  from: string;
  to: string;
  url: string;
  login: string;
  password: string;
}

export class UsageError extends Error {}

const USAGE = 'usage: npm run call -- --from "+1 212 736-4440" --to 1001 [--url http://localhost:3000] [--login admin] [--password …]';

/** Pure: the options from the command line, falling back to the environment. */
export function parseCallArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CallOptions {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"\n${USAGE}`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (!['from', 'to', 'url', 'login', 'password'].includes(name)) throw new UsageError(`unknown option --${name}\n${USAGE}`);
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value\n${USAGE}`);
    given.set(name, value);
  }
  const from = given.get('from');
  const to = given.get('to');
  if (from === undefined || to === undefined) throw new UsageError(`--from and --to are required\n${USAGE}`);
  const password = given.get('password') ?? env.ADMIN_PASSWORD;
  if (password === undefined || password === '') throw new UsageError(`give the admin password with --password or ADMIN_PASSWORD\n${USAGE}`);
  return {
    from, to, password,
    url: (given.get('url') ?? env.SB_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    login: given.get('login') ?? env.SB_ADMIN_LOGIN ?? 'admin',
  };
}

/** The API's error shape: `{ error: { code, message } }`. */
const describeError = async (res: Response): Promise<string> => {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (body.error?.message) return `${body.error.message} (${res.status} ${body.error.code ?? ''})`.replace(' )', ')');
  } catch {
    // not JSON: show the status and the start of the body
  }
  return `${res.status} ${res.statusText} ${text.slice(0, 200)}`.trim();
};

/** Logs in and injects the call; resolves with the call reference, rejects with a readable message. */
export async function placeIncomingCall(o: CallOptions): Promise<string> {
  let login: Response;
  try {
    login = await fetch(`${o.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: o.login, password: o.password }),
    });
  } catch (e) {
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e as Error).message;
    throw new Error(`cannot reach Switchboard at ${o.url} (${why}): is it running (npm start)?`, { cause: e });
  }
  if (!login.ok) throw new Error(`login as ${o.login} failed: ${await describeError(login)}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${o.url}/api/sim/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ from: o.from, to: o.to }),
  });
  if (res.status !== 201) throw new Error(`the call was refused: ${await describeError(res)}`);
  // The CTI's own id of the call (what /api/calls/{id} takes); the PBX's ref if it has none yet.
  const placed = (await res.json()) as { callRef: string; callId?: string };
  return placed.callId ?? placed.callRef;
}

async function main(): Promise<number> {
  let options: CallOptions;
  try {
    options = parseCallArgs(process.argv.slice(2), process.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  try {
    const callId = await placeIncomingCall(options);
    process.stdout.write(`Incoming call ${callId}: ${options.from} is ringing ${options.to}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`npm run call: ${(e as Error).message}\n`);
    return 1;
  }
}

// Run only as a command, not when imported (e.g. by a test of parseCallArgs).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main();
}

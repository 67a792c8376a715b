/**
 * The real Switchboard server for the CTI suites: `createApp` on a real database (SQLite
 * or PostgreSQL), the simulated phone system on a manual clock as its telephony provider,
 * listening on 127.0.0.1 (a free port). Tests talk to it only over HTTP and WebSockets;
 * they drive the outside world through the simulated PBX and time through the clock,
 * then `settle()` until the CTI core has applied (and logged) everything.
 */
import { loadConfig } from '../../../src/config.js';
import { createApp, type App } from '../../../src/cli/create-app.js';
import type { Communication } from '../../../src/crm/communications.js';
import { ManualClock } from '../../../src/telephony/sim/sim-clock.js';
import { SimProvider } from '../../../src/telephony/sim/sim-provider.js';
import { freshDatabase, type TestDatabase } from '../../support/databases.js';
import { simPhone, type SimPhone } from '../../support/sim-phone.js';
import { AgentSocket } from './agent-socket.js';
import { AGENT_PASSWORD, seedContacts, type Agent, type Contacts } from './crm-fixtures.js';
import { HttpClient } from './http-client.js';

export const ADMIN_LOGIN = 'admin';
export const ADMIN_PASSWORD = 'admin-password-1';
export const EXTENSIONS = ['1001', '1002', '1003', '1004'];

export interface ServerWorld {
  app: App;
  base: string;
  clock: ManualClock;
  sim: SimProvider;
  /** The simulated PBX's outside world in our call ids. */
  phone: SimPhone;
  database: TestDatabase;
  admin: HttpClient;
  crm: Contacts;
  /** Logs an agent in over HTTP. */
  login(agent: Agent): Promise<HttpClient>;
  /** Opens an agent's browser socket (CTI window open unless `cti: false`). */
  socket(client: HttpClient, opts?: { cti?: boolean }): Promise<AgentSocket>;
  /** Waits until the CTI core has applied every provider event and written the call log. */
  settle(): Promise<void>;
  /** Lets phone-system time pass, then settles. */
  passTime(ms: number): Promise<void>;
  /** The communications written for a call, one per agent device, ordered by device. */
  callLog(callId: string): Promise<Communication[]>;
  /** Stops the server and closes the database (keeps it: see `close`). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the app on `database` (a fresh one unless given); seeds the CRM unless `seed: false`. */
export async function startServerWorld(
  dialect: 'sqlite' | 'postgres',
  opts: { database?: TestDatabase; seed?: boolean; clock?: ManualClock } = {},
): Promise<ServerWorld> {
  const database = opts.database ?? await freshDatabase(dialect);
  const clock = opts.clock ?? new ManualClock();
  const sim = new SimProvider({ clock, config: { extensions: EXTENSIONS } });
  const app = await createApp(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }), {
    webRoot: '/nonexistent', cti: { provider: sim },
  });
  if (opts.seed !== false) {
    // The one user made behind the API: the first admin, as `npm start` does on first run.
    await app.services.users.create({ login: ADMIN_LOGIN, name: 'Ada Admin', password: ADMIN_PASSWORD, role: 'admin' });
  }
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const admin = await HttpClient.login(base, ADMIN_LOGIN, ADMIN_PASSWORD);
  const crm = opts.seed === false ? await contactsAlreadyThere(admin) : await seedContacts(admin);
  await app.cti.directory.refresh();
  const sockets: AgentSocket[] = [];
  const settle = () => app.cti.registry.idle();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(sockets.map((s) => s.close()));
    const pgClientsEnded = clientsEnded(app);
    await app.close();
    await pgClientsEnded;
  };
  return {
    app, base, clock, sim, database, admin, crm,
    phone: simPhone(() => sim, app.cti.registry),
    login: (agent) => HttpClient.login(base, agent.login, AGENT_PASSWORD),
    async socket(client, o = {}) {
      const s = await AgentSocket.open(base, client.cookie, o);
      sockets.push(s);
      return s;
    },
    settle,
    async passTime(ms) {
      clock.advance(ms);
      await settle();
    },
    async callLog(callId) {
      const all = await app.services.communications.list({ limit: 500 });
      return all.items.filter((c) => c.callKey?.startsWith(`${callId}:`)).sort((a, b) => (a.callKey ?? '').localeCompare(b.callKey ?? ''));
    },
    stop,
    async close() {
      await stop();
      await dropDatabase(database);
    },
  };
}

/**
 * pg's Pool.end() resolves before its clients' connections have closed; dropping the test
 * database WITH (FORCE) then kills them and pg throws an uncaught "terminating connection
 * due to administrator command". Wait for every client's `remove` (emitted once its
 * `end()` completed) before the database may be dropped.
 */
function clientsEnded(app: App): Promise<void> {
  const pool = app.db.pgPool;
  if (pool === null || pool.totalCount === 0) return Promise.resolve();
  let left = pool.totalCount;
  return new Promise((resolve) => {
    pool.on('remove', () => {
      left -= 1;
      if (left === 0) resolve();
    });
  });
}

/**
 * `DROP DATABASE … WITH (FORCE)` run by a non-superuser fails when an autovacuum worker
 * (a superuser backend) happens to be in the fresh database: "must be a member of the role
 * whose process is being terminated or member of pg_signal_backend". The worker finishes
 * in moments; try again a few times.
 */
export async function dropDatabase(database: TestDatabase): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await database.drop();
      return;
    } catch (e) {
      if (attempt >= 10 || !/pg_signal_backend/.test((e as Error).message)) throw e;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** After a restart on the same database: find the seeded records again through the API. */
async function contactsAlreadyThere(admin: HttpClient): Promise<Contacts> {
  const { items: users } = await admin.ok<{ items: Array<{ id: number; login: string; ctiDevice: string | null }> }>('GET', '/api/users');
  const agentOf = (login: string): Agent => {
    const u = users.find((x) => x.login === login);
    if (u === undefined || u.ctiDevice === null) throw new Error(`no agent ${login} in this database`);
    return { id: u.id, login, device: u.ctiDevice };
  };
  const persons = await admin.ok<{ items: Array<{ id: number; firstName: string; companyId: number | null }> }>('GET', '/api/persons?limit=50');
  const person = (first: string) => {
    const p = persons.items.find((x) => x.firstName === first);
    if (p === undefined) throw new Error(`no person ${first} in this database`);
    return p;
  };
  return {
    companyId: person('Arthur').companyId ?? 0, arthurId: person('Arthur').id, benId: person('Ben').id,
    samCompanyId: person('Sam').companyId ?? 0, samId: person('Sam').id,
    alice: agentOf('alice'), bob: agentOf('bob'), carol: agentOf('carol'),
  };
}

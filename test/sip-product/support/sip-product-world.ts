/**
 * The real product with the built-in SIP server chosen the way an admin chooses it: the
 * app (`createApp` on SQLite or PostgreSQL) listening on 127.0.0.1, the admin's HTTP
 * client, two CTI users made through the API, and real baresip phones started on demand
 * and stopped by PID at `close()`.
 */
import { loadConfig } from '../../../src/config.js';
import { createApp, type App } from '../../../src/cli/create-app.js';
import { freshDatabase, type TestDatabase } from '../../support/databases.js';
import { HttpClient } from '../../cti-server/support/http-client.js';
import { AgentSocket } from '../../cti-server/support/agent-socket.js';
import { BaresipPhone, reservePorts, type PhoneOptions } from '../../sip/support/baresip-phone.js';

export const ADMIN = { login: 'admin', password: 'admin-password-1' };
export const AGENT_PASSWORD = 'agent-password-1';

export interface CtiUser { id: number; login: string; device: string }

export class SipProductWorld {
  private readonly phones: BaresipPhone[] = [];
  private readonly sockets: AgentSocket[] = [];

  private constructor(readonly app: App, readonly database: TestDatabase, readonly base: string, readonly admin: HttpClient, readonly sipPort: number) {}

  static async start(dialect: 'sqlite' | 'postgres'): Promise<SipProductWorld> {
    const database = await freshDatabase(dialect);
    const app = await createApp(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }), { webRoot: '/nonexistent' });
    // The one user made behind the API: the first admin, as `npm start` does on first run.
    await app.services.users.create({ login: ADMIN.login, name: 'Ada Admin', password: ADMIN.password, role: 'admin' });
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const admin = await HttpClient.login(base, ADMIN.login, ADMIN.password);
    await admin.ok('POST', '/api/setup', { country: 'US', areaCode: '212', outsidePrefix: '9' });
    return new SipProductWorld(app, database, base, admin, await reservePorts(2));
  }

  /** A CTI user on `device`, created by the admin through the API (R4.1). */
  async ctiUser(login: string, device: string): Promise<CtiUser> {
    const u = await this.admin.ok<{ id: number }>('POST', '/api/users', {
      login, name: login, password: AGENT_PASSWORD, role: 'agent', extension: device, ctiEnabled: true, ctiDevice: device,
    });
    return { id: u.id, login, device };
  }

  /** Waits (bounded) until `check` holds: used for what happens on other sockets (a REGISTER, a provider restart). */
  async until<T>(what: string, probe: () => Promise<T>, check: (v: T) => boolean): Promise<T> {
    let last: T | undefined;
    for (let i = 0; i < 400; i++) {
      last = await probe();
      if (check(last)) return last;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`${what}: still ${JSON.stringify(last)}`);
  }

  /** A real phone pointed at the product's SIP server. */
  async phone(o: Omit<PhoneOptions, 'registrar'>): Promise<BaresipPhone> {
    const p = await BaresipPhone.start({ ...o, registrar: this.sipPort });
    this.phones.push(p);
    return p;
  }

  /** Stops one phone now (by PID). */
  async stopPhone(p: BaresipPhone): Promise<void> {
    await p.close();
    this.phones.splice(this.phones.indexOf(p), 1);
  }

  async socket(client: HttpClient): Promise<AgentSocket> {
    const s = await AgentSocket.open(this.base, client.cookie);
    this.sockets.push(s);
    return s;
  }

  async close(): Promise<void> {
    await Promise.all(this.sockets.map((s) => s.close()));
    await Promise.all(this.phones.map((p) => p.close()));
    const pool = this.app.db.pgPool;
    const ended = pool === null || pool.totalCount === 0 ? Promise.resolve() : new Promise<void>((resolve) => {
      let left = pool.totalCount;
      pool.on('remove', () => { left -= 1; if (left === 0) resolve(); });
    });
    await this.app.close();
    await ended;
    await this.database.drop();
  }
}

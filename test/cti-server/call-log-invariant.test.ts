/**
 * The call log's invariant, as a property (issue 12, "no call is ever lost or
 * overwritten"): over a random sequence of incoming and outgoing calls, answers,
 * hang-ups, holds, transfers, consultations and completions, server kills (`kill -9` of
 * the child process), restarts, provider rebuilds (a settings change, a CTI user on a
 * device the simulated PBX lacks) and record deletions, every call placed appears in the
 * history, once per agent device, with a final outcome, and no row is ever rewritten to
 * another call. Driven only through the HTTP API of a real server in a child process.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';
import { CHILD_ADMIN_PASSWORD, childServer, type ChildServer } from './support/child-server.js';
import { AGENT_PASSWORD, NUMBERS } from './support/crm-fixtures.js';
import { HttpClient } from './support/http-client.js';

const STEPS = ['incoming', 'incoming', 'outgoing', 'act', 'act', 'act', 'act', 'handset', 'wait', 'rebuild', 'new-device', 'delete'] as const;
type Step = (typeof STEPS)[number] | 'kill';

interface Snapshot { id: string; state: string; actions?: string[] }
interface Row { id: number; callId: string | null; callKey: string | null; providerRef: string | null; direction: string; number: string; startedAt: string; outcome: string | null; endedAt: string | null }

const AGENTS = [['alice', '1001'], ['bob', '1002'], ['carol', '1003']] as const;
const CALLERS = [NUMBERS.sam, NUMBERS.sharedLine, NUMBERS.unknown];
const DIALLED = [NUMBERS.sam, NUMBERS.busy, '+44 161 555 0133', NUMBERS.unknown];

/** Everything the walk placed, and what each row was when first seen. */
class Ledger {
  readonly placed = new Set<string>();
  private readonly identity = new Map<number, string>();

  /** No row is ever rewritten to another call. */
  observe(rows: Row[]): void {
    for (const r of rows) {
      const id = JSON.stringify([r.callId, r.callKey, r.providerRef, r.direction, r.number, r.startedAt]);
      const before = this.identity.get(r.id);
      if (before !== undefined) expect(id, `communication ${r.id} was rewritten`).toBe(before);
      this.identity.set(r.id, id);
    }
  }
}

describe.each(DIALECTS)('the call log over a random walk of calls, kills, rebuilds and deletions (%s)', (dialect) => {
  let server: ChildServer | undefined;
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await server?.close();
    await database?.drop();
    server = undefined;
    database = undefined;
  });

  it('every call placed appears once per device with its final outcome; no row is rewritten to another call', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.constantFrom(...STEPS), { minLength: 12, maxLength: 16 }), fc.nat(), fc.infiniteStream(fc.nat()),
      async (steps, killAt, choices) => {
        await server?.close();
        await database?.drop();
        database = await freshDatabase(dialect);
        server = await childServer(database.url);
        await server.start();
        const world = await World.open(server);
        const pick = <T>(xs: readonly T[]): T => xs[(choices.next().value as number) % xs.length] as T;
        // A kill -9 mid-walk (a restart costs seconds: one, plus one at the end to close every row).
        const cut = killAt % steps.length;
        for (const step of [...steps.slice(0, cut), 'kill', ...steps.slice(cut), 'kill'] as Step[]) {
          if (process.env.WALK_DEBUG) process.stderr.write(`${new Date().toISOString()} ${step}\n`);
          await world.run(step, pick);
          world.ledger.observe(await world.history());
        }
        const rows = await world.history();
        world.ledger.observe(rows);
        // Every call placed is in the history...
        for (const callId of world.ledger.placed) expect(rows.some((r) => r.callId === callId), `call ${callId} is missing`).toBe(true);
        // ...and nothing else, once per device, each with its final outcome.
        for (const r of rows) {
          expect(world.ledger.placed.has(r.callId ?? ''), `row ${r.id} names a call never placed`).toBe(true);
          expect(r, `row ${r.id} has no final outcome`).toMatchObject({ outcome: expect.any(String), endedAt: expect.any(String) });
        }
        expect(new Set(rows.map((r) => r.callKey)).size).toBe(rows.length);
      },
    ), { numRuns: 1, endOnFailure: true, ...(process.env.WALK_SEED ? { seed: Number(process.env.WALK_SEED) } : {}) });
  }, 240_000);
});

/** The walk's view of the running server: the admin, the agents, Sam's record. */
class World {
  readonly ledger = new Ledger();
  private prefix = '9';
  private devices = 0;

  private constructor(private readonly server: ChildServer, private readonly admin: HttpClient, private readonly agents: HttpClient[], private samId: number) {}

  static async open(server: ChildServer): Promise<World> {
    const admin = await HttpClient.login(server.base, 'admin', CHILD_ADMIN_PASSWORD);
    const agents: HttpClient[] = [];
    for (const [login, device] of AGENTS) {
      await admin.ok('POST', '/api/users', { login, name: login, password: AGENT_PASSWORD, role: 'agent', extension: device, ctiEnabled: true, ctiDevice: device });
      agents.push(await HttpClient.login(server.base, login, AGENT_PASSWORD));
    }
    const company = await admin.ok<{ id: number }>('POST', '/api/companies', { name: 'Browne & Barrow Ltd' });
    for (const [first, last] of [['Arthur', 'Browne'], ['Ben', 'Barrow']]) {
      await admin.ok('POST', '/api/persons', { firstName: first, lastName: last, companyId: company.id, phones: [{ kind: 'direct', value: NUMBERS.sharedLine }] });
    }
    const world = new World(server, admin, agents, 0);
    world.samId = await world.addSam();
    return world;
  }

  async history(): Promise<Row[]> {
    return (await this.admin.ok<{ items: Row[] }>('GET', '/api/communications?limit=500')).items;
  }

  async run(step: Step, pick: <T>(xs: readonly T[]) => T): Promise<void> {
    switch (step) {
      case 'incoming': {
        const to = pick(AGENTS)[1];
        const placed = await this.admin.post<{ callId?: string }>('/api/sim/calls', { from: pick(CALLERS), to });
        if (placed.status === 201) this.place(placed.body.callId);
        return;
      }
      case 'outgoing': {
        const dial = await pick(this.agents).post<{ id?: string }>('/api/calls', { number: pick(DIALLED) });
        if (dial.status === 201) this.place(dial.body.id);
        return;
      }
      case 'act': {
        const agent = pick(this.agents);
        const calls = (await agent.get<Snapshot[]>('/api/calls')).body;
        if (!Array.isArray(calls) || calls.length === 0) return;
        const call = pick(calls);
        const action = pick(call.actions ?? []);
        if (action === undefined) return;
        const other = pick(AGENTS)[1];
        const body = action === 'transfer' || action === 'consult' ? { to: other } : {};
        const answer = await agent.post<{ id?: string }>(`/api/calls/${call.id}/${action}`, body);
        if (action === 'consult' && answer.status === 201) this.place(answer.body.id);
        return;
      }
      case 'handset':
        // The far world or the desk phone acts: a handset put down ends its active call.
        await this.admin.post(`/api/sim/devices/${pick(AGENTS)[1]}/hangup`);
        return;
      case 'wait':
        // Phone-system time passes: far parties answer (2 s), scripts hang up.
        await new Promise((r) => setTimeout(r, 2_500));
        return;
      case 'kill':
        await this.server.kill();
        await this.server.start();
        return;
      case 'rebuild':
        // A dialling setting the simulated PBX is built with: the provider is rebuilt.
        this.prefix = this.prefix === '9' ? '8' : '9';
        await this.admin.ok('PUT', '/api/settings', { outsidePrefix: this.prefix, outsidePrefixLongDistance: this.prefix });
        return;
      case 'new-device': {
        this.devices += 1;
        const login = `agent${this.devices}`;
        await this.admin.ok('POST', '/api/users', { login, name: login, password: AGENT_PASSWORD, role: 'agent', extension: `20${this.devices}`, ctiEnabled: true, ctiDevice: `20${this.devices}` });
        return;
      }
      case 'delete':
        // Sam is deleted, maybe mid-call, and typed in again as a new record.
        expect((await this.admin.request('DELETE', `/api/persons/${this.samId}`)).status).toBe(200);
        this.samId = await this.addSam();
        return;
    }
  }

  private place(callId: string | undefined): void {
    expect(callId, 'the API named the call it placed').toEqual(expect.any(String));
    // Identities never repeat: not after a restart, not after a rebuild.
    expect(this.ledger.placed.has(callId as string), `call id ${callId} given twice`).toBe(false);
    this.ledger.placed.add(callId as string);
  }

  private async addSam(): Promise<number> {
    return (await this.admin.ok<{ id: number }>('POST', '/api/persons', { firstName: 'Sam', lastName: 'Carter', phones: [{ kind: 'mobile', value: NUMBERS.sam }] })).id;
  }
}

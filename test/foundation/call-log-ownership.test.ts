/**
 * The call log cannot be forged (issue 12): an agent creates entries only in their own
 * name and edits only their own (outcome, notes, userId); an admin may write anyone's,
 * and each such write is in the audit log with what it changed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { startTestApp, type Session, type TestApp } from '../support/test-app.js';

describe.each(DIALECTS)('who may write the call log (%s)', (dialect) => {
  let t: TestApp;
  let other: Session;
  let agentId: number;
  let otherId: number;
  let adminId: number;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    otherId = (await t.app.services.users.create({ login: 'bruno', name: 'Bruno Other', password: 'bruno-secret-77', role: 'agent' })).id;
    other = await t.login('bruno', 'bruno-secret-77');
    agentId = (await t.app.services.users.findByLogin('agent'))?.id ?? 0;
    adminId = (await t.app.services.users.findByLogin('admin'))?.id ?? 0;
  });
  afterAll(async () => { await t.close(); });

  const entry = { direction: 'inbound', number: '+33142685300' } as const;

  it('an agent\'s new entry is in their own name; one in someone else\'s name is 403 not-your-record and writes nothing', async () => {
    const mine = await t.request(t.agent, 'POST', '/api/communications', entry);
    expect(mine.statusCode).toBe(201);
    expect(mine.json().userId).toBe(agentId);
    const before = (await t.request(t.admin, 'GET', '/api/communications')).json().total as number;
    for (const userId of [otherId, adminId, null]) {
      const forged = await t.request(t.agent, 'POST', '/api/communications', { ...entry, userId });
      expect(forged.statusCode, String(userId)).toBe(403);
      expect(forged.json().error.code).toBe('not-your-record');
    }
    expect((await t.request(t.admin, 'GET', '/api/communications')).json().total).toBe(before);
  });

  it('an agent cannot edit another agent\'s entry, whatever the change, and the entry stays as it was', async () => {
    const theirs = (await t.request(other, 'POST', '/api/communications', { ...entry, outcome: 'answered', notes: 'real notes' })).json() as { id: number };
    await fc.assert(fc.asyncProperty(
      fc.record({ outcome: fc.option(fc.string({ maxLength: 20 })), notes: fc.option(fc.string({ maxLength: 50 })), userId: fc.constantFrom(agentId, otherId, adminId), callback: fc.boolean() }, { requiredKeys: [] }),
      async (patch) => {
        const res = await t.request(t.agent, 'PATCH', `/api/communications/${theirs.id}`, patch);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('not-your-record');
      },
    ), { seed: 12, numRuns: 25 });
    expect((await t.request(t.admin, 'GET', `/api/communications/${theirs.id}`)).json()).toMatchObject({ outcome: 'answered', notes: 'real notes', userId: otherId });
  });

  it('an agent edits their own entry but cannot give it away', async () => {
    const mine = (await t.request(t.agent, 'POST', '/api/communications', entry)).json() as { id: number };
    expect((await t.request(t.agent, 'PATCH', `/api/communications/${mine.id}`, { outcome: 'answered', notes: 'called back' })).statusCode).toBe(200);
    const giveAway = await t.request(t.agent, 'PATCH', `/api/communications/${mine.id}`, { userId: otherId });
    expect(giveAway.json().error.code).toBe('not-your-record');
  });

  it('an admin may change another\'s entry, and the audit log says who changed what', async () => {
    const theirs = (await t.request(other, 'POST', '/api/communications', { ...entry, outcome: 'answered' })).json() as { id: number };
    const res = await t.request(t.admin, 'PATCH', `/api/communications/${theirs.id}`, { outcome: 'missed', userId: agentId });
    expect(res.statusCode).toBe(200);
    const created = await t.request(t.admin, 'POST', '/api/communications', { ...entry, userId: otherId });
    expect(created.statusCode).toBe(201);
    const log = (await t.request(t.admin, 'GET', '/api/audit')).json() as Array<{ userId: number; action: string; entity: string; entityId: string; details: unknown }>;
    expect(log).toContainEqual(expect.objectContaining({
      userId: adminId, action: 'update', entity: 'communications', entityId: String(theirs.id),
      details: { before: { outcome: 'answered', userId: otherId }, after: { outcome: 'missed', userId: agentId } },
    }));
    expect(log).toContainEqual(expect.objectContaining({ userId: adminId, action: 'create', entity: 'communications', entityId: String(created.json().id) }));
  });
});

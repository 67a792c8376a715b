/**
 * A record deleted during a call (issue 12, "no call is ever lost or overwritten"): the
 * call-log write at the call's end must not fail on the deleted record (it used to fail
 * on its foreign key, leaving the row open, later closed as "interrupted" with a wrong end
 * time), and the deleted person's call history stays readable: the communication keeps
 * the name it was filed under.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { NUMBERS } from './support/crm-fixtures.js';
import { startServerWorld, type ServerWorld } from './support/server-world.js';

interface Row { id: number; outcome: string | null; endedAt: string | null; answeredAt: string | null; personId: number | null; companyId: number | null; links: Array<{ type: string; id: number; name: string }> }

describe.each(DIALECTS)('a record deleted during a call (%s)', (dialect) => {
  let w: ServerWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('the call still ends as answered, at its real end, and stays filed under Sam Carter\'s name', async () => {
    w = await startServerWorld(dialect);
    const alice = await w.login(w.crm.alice);
    const { callId } = await w.phone.injectIncoming(NUMBERS.sam, '1001');
    await w.settle();
    expect((await alice.post(`/api/calls/${callId}/answer`)).status).toBe(200);
    expect((await w.admin.request('DELETE', `/api/persons/${w.crm.samId}`)).status).toBe(200);
    expect((await w.admin.request('DELETE', `/api/companies/${w.crm.samCompanyId}`)).status).toBe(200);
    await w.passTime(30_000);
    w.phone.remoteHangup(callId);
    await w.settle();

    const [row] = await w.callLog(callId);
    const read = await w.admin.ok<Row>('GET', `/api/communications/${row?.id ?? 0}`);
    expect(read).toMatchObject({ outcome: 'answered', endedAt: expect.any(String), personId: null, companyId: null });
    expect(Date.parse(read.endedAt ?? '') - Date.parse(read.answeredAt ?? '')).toBe(30_000);
    expect(read.links).toEqual([
      { type: 'person', id: w.crm.samId, name: 'Sam Carter' },
      { type: 'company', id: w.crm.samCompanyId, name: 'Acme Ltd' },
    ]);
    // Sam's history, read by his (deleted) id, still has the call.
    const history = await w.admin.ok<{ items: Row[] }>('GET', `/api/communications?personId=${w.crm.samId}`);
    expect(history.items.map((c) => c.id)).toEqual([read.id]);
  });
});

/**
 * A stalled browser through the real server (R2.4, issue 4 "memory bounded per stalled
 * socket"): one of Alice's tabs stops reading its WebSocket. Once TCP pushes back and the
 * server's buffer passes the hub's high-water mark, the hub keeps at most its cap of
 * coalesced messages for that socket whatever happens next; the healthy tab misses
 * nothing; when the stalled tab reads again it is repaired with the current calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { NUMBERS } from './support/crm-fixtures.js';
import { startServerWorld, type ServerWorld } from './support/server-world.js';

/** The hub's default cap (src/cti/agent-hub.ts `maxPendingPerSocket`), plus the provider-status slot. */
const MAX_PENDING = 32 + 1;
/** Enough calls to fill a loopback connection's kernel buffers (a few MB) many times over. */
const MAX_CALLS = 20_000;

describe.each(DIALECTS)('a stalled WebSocket through the real server (%s)', (dialect) => {
  let w: ServerWorld;
  beforeAll(async () => {
    w = await startServerWorld(dialect);
  });
  afterAll(() => w.close());

  it('holds a bounded backlog for the stalled tab, misses nothing on the healthy one, and repairs the stalled one when it reads again', async () => {
    const alice = await w.login(w.crm.alice);
    const healthy = await w.socket(alice);
    const stalled = await w.socket(alice);
    stalled.stall();
    const before = stalled.messages.length;
    /** One call from the shared line (two matches: a fat snapshot) that rings and is given up. */
    const oneCall = async (): Promise<string> => {
      const { callId } = await w.phone.injectIncoming(NUMBERS.sharedLine, '1001');
      w.phone.remoteHangup(callId);
      await w.app.cti.registry.flush();
      // The test's client shares the server's event loop: give it its I/O turn to read the healthy tab.
      await new Promise((resolve) => setImmediate(resolve));
      return callId;
    };
    const calls: string[] = [];
    while (w.app.cti.hub.stats().stalled === 0 && calls.length < MAX_CALLS) calls.push(await oneCall());
    expect(w.app.cti.hub.stats().stalled).toBe(1);
    let maxPerStalled = 0;
    for (let i = 0; i < 200; i++) {
      calls.push(await oneCall());
      const h = w.app.cti.hub.stats();
      if (h.stalled > 0) maxPerStalled = Math.max(maxPerStalled, h.pendingMessages / h.stalled);
    }
    expect(w.app.cti.hub.stats().stalled).toBe(1);
    expect(maxPerStalled).toBeGreaterThan(0);
    expect(maxPerStalled).toBeLessThanOrEqual(MAX_PENDING);
    expect(w.app.cti.hub.stats().coalesced).toBeGreaterThan(0);

    await w.settle();
    await healthy.sync();
    const ended = new Set(healthy.messages.flatMap((m) => (m.type === 'call' && m.call.state === 'null' ? [m.call.id] : [])));
    expect(calls.filter((id) => !ended.has(id))).toEqual([]);

    // Reading again: what was buffered arrives, then the hub's coalesced backlog — a full
    // list of the current calls (none) instead of the hundreds of snapshots it dropped.
    stalled.resume();
    await stalled.waitFor((m) => m.type === 'calls', before);
    const last = [...stalled.messages].reverse().find((m) => m.type === 'calls');
    expect(last).toEqual({ type: 'calls', calls: [] });
    expect(w.app.cti.hub.stats()).toMatchObject({ stalled: 0, pendingMessages: 0 });
  }, 300_000);
});

/**
 * Media that stops is shown on the call snapshot (issue 17): the provider's `media` event
 * puts `mediaWarning: { noAudioFrom }` on every device's snapshot of the call, with a new
 * version and no state change; `null` takes it away; a call not tracked is ignored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, createCtiWorld, type CtiWorld } from './support/cti-world.js';

let w: CtiWorld;
beforeEach(async () => {
  w = await createCtiWorld();
});
afterEach(() => w.close());

describe('no audio from … on the call snapshot (issue 17)', () => {
  it('given a connected call, a media event shows the silent party, then clears, without moving the state', async () => {
    const alice = await w.browser(ALICE);
    const { callRef } = w.sim.world.injectIncoming('+44 161 5527789', '1001');
    await w.settled();
    const callId = w.registry.idOf(callRef) ?? '';
    await w.control.answer(ALICE, callId);
    await w.settled();
    const before = w.registry.snapshot(callId, '1001');
    expect(before?.mediaWarning).toBeUndefined();

    w.registry.handle({ type: 'media', call: callRef, at: Date.now(), noAudioFrom: '+441615527789' });
    await w.settled();
    const warned = w.registry.snapshot(callId, '1001');
    expect(warned).toMatchObject({ state: 'connected', mediaWarning: { noAudioFrom: '+441615527789' } });
    expect(warned?.version).toBe((before?.version ?? 0) + 1);
    expect(alice.snapshots(callId).at(-1)).toEqual(warned);

    w.registry.handle({ type: 'media', call: callRef, at: Date.now(), noAudioFrom: null });
    w.registry.handle({ type: 'media', call: 'no-such-call', at: Date.now(), noAudioFrom: '1002' });
    await w.settled();
    const cleared = w.registry.snapshot(callId, '1001');
    expect(cleared?.mediaWarning).toBeUndefined();
    expect(cleared?.state).toBe('connected');
  });
});

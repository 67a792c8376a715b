import { describe, expect, it } from 'vitest';
import type { ProviderEvent, ProviderStatusEvent } from '../provider.js';
import { ManualClock } from './sim-clock.js';
import { SimProvider } from './sim-provider.js';
import { behaviourFor, DEFAULT_REMOTE_BEHAVIOUR, DEFAULT_REMOTE_SCRIPTS } from './sim-remote-parties.js';

const world = (config = {}) => {
  const clock = new ManualClock();
  const sim = new SimProvider({ clock, config });
  const events: Array<ProviderEvent | ProviderStatusEvent> = [];
  sim.onEvent((e) => events.push(e));
  const trail = () => events.flatMap((e) => ('callRef' in e ? [`${e.callRef} ${e.device}:${e.type}${e.type === 'failed' ? `(${e.cause})` : ''}`] : [e.type]));
  return { clock, sim, events, trail };
};

describe('the scripted outside world', () => {
  it.each([
    ['9011441615520111', 'busy'],
    ['9011441615520122', 'no-answer'],
    ['9011441615520133', 'answer'],
    ['9011441615520199', 'reject'],
    ['9011441615527789', 'answer'],
  ])('%s behaves as %s', (n, kind) => {
    expect(behaviourFor(n, DEFAULT_REMOTE_SCRIPTS, DEFAULT_REMOTE_BEHAVIOUR).kind).toBe(kind);
  });

  it('a party scripted to hang up does so after its delay', async () => {
    const w = world();
    await w.sim.start();
    const { callRef } = await w.sim.makeCall('1001', '9011441615520133');
    w.clock.advance(2_000);
    w.clock.advance(5_000);
    expect(w.trail().filter((t) => t.startsWith(callRef))).toEqual([
      `${callRef} 1001:originated`, `${callRef} 011441615520133:delivered`,
      `${callRef} 011441615520133:established`, `${callRef} 1001:established`,
      `${callRef} 011441615520133:connection-cleared`, `${callRef} 1001:connection-cleared`,
    ]);
  });

  it('a custom script table replaces the defaults', async () => {
    const w = world({ remoteScripts: [{ endsWith: '7789', behaviour: { kind: 'busy' } }] });
    await w.sim.start();
    await w.sim.makeCall('1001', '9011441615527789');
    expect(w.trail()).toContain('sim-1 011441615527789:failed(busy)');
  });

  it('a rejected call fails with rejected and the PBX clears it if the agent does not', async () => {
    const w = world();
    await w.sim.start();
    const { callRef } = await w.sim.makeCall('1001', '9011441615520199');
    w.clock.advance(w.sim.config.failedClearAfterMs);
    expect(w.trail().filter((t) => t.startsWith(callRef)).slice(-3)).toEqual([
      `${callRef} 011441615520199:failed(rejected)`, `${callRef} 1001:connection-cleared`, `${callRef} 011441615520199:connection-cleared`,
    ]);
  });
});

describe('extensions and handsets', () => {
  it('an internal call alerts the other extension; both see it', async () => {
    const w = world();
    await w.sim.start();
    await w.sim.makeCall('1001', '1002');
    expect(w.events.at(-1)).toMatchObject({ type: 'delivered', device: '1002', callingNumber: '1001', calledNumber: '1002' });
    expect(w.events.at(-1)).not.toHaveProperty('remote');
  });

  it('refuses a second call while one is active, and commands on unknown devices or calls', async () => {
    const w = world();
    await w.sim.start();
    await w.sim.makeCall('1001', '1002');
    await expect(w.sim.makeCall('1001', '1003')).rejects.toMatchObject({ reason: 'invalid-state' });
    await expect(w.sim.makeCall('7777', '1003')).rejects.toMatchObject({ reason: 'unknown-device' });
    await expect(w.sim.hold({ callRef: 'sim-99', device: '1001' })).rejects.toMatchObject({ reason: 'unknown-call' });
    await expect(w.sim.singleStepTransfer({ callRef: 'sim-1', device: '1001' }, '12')).rejects.toMatchObject({ reason: 'invalid-state' });
  });

  it('lifting an idle handset then dialling from the keypad places a call like click-to-dial', async () => {
    const w = world();
    await w.sim.start();
    w.sim.world.lift('1002');
    expect(w.trail()).toEqual(['provider-up', 'synced']);
    w.sim.world.dial('1002', '1003');
    w.sim.world.lift('1003');
    w.sim.world.hangup('1002');
    expect(w.trail().slice(2)).toEqual([
      'sim-1 1002:originated', 'sim-1 1003:delivered', 'sim-1 1003:established', 'sim-1 1002:established',
      'sim-1 1002:connection-cleared', 'sim-1 1003:connection-cleared',
    ]);
  });

  it('lists its extensions and checks a device (R2.6, R4.6)', async () => {
    const w = world();
    await w.sim.start();
    expect((await w.sim.listDevices()).map((d) => d.name)).toEqual(['1001', '1002', '1003', '1004']);
    expect(await w.sim.checkDevice('1001')).toMatchObject({ ok: true });
    expect(await w.sim.checkDevice('2001')).toMatchObject({ ok: false, message: expect.stringContaining('no extension 2001') });
  });
});

describe('demo mode', () => {
  it('is off by default', async () => {
    const w = world();
    await w.sim.start();
    w.clock.advance(10 * 60_000);
    expect(w.trail()).toEqual(['provider-up', 'synced']);
  });

  it('places a realistic incoming call now and then, abandoned if nobody answers', async () => {
    const w = world({ demo: { enabled: true, everyMs: 45_000 } });
    await w.sim.start();
    w.clock.advance(45_000);
    expect(w.events.at(-1)).toMatchObject({ type: 'delivered', device: '1001', callingNumber: '+12127364440' });
    w.clock.advance(45_000);
    expect(w.events.filter((e) => e.type === 'delivered').map((e) => 'device' in e && e.device)).toEqual(['1001', '1002']);
    expect(w.events.some((e) => e.type === 'connection-cleared' && e.callRef === 'sim-1')).toBe(true);
    await w.sim.stop();
    w.clock.advance(10 * 60_000);
    expect(w.events.filter((e) => e.type === 'delivered')).toHaveLength(2);
  });
});

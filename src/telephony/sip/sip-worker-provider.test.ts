import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError, type ProviderEvent, type ProviderStatusEvent } from '../provider.js';
import { defaultSipConfig, InMemoryAccountStore } from './sip-config.js';
import { WorkerSipProvider } from './sip-worker-provider.js';

const config = () => defaultSipConfig({
  listenPort: 0, transports: ['udp'], accounts: new InMemoryAccountStore({ '1001': 'pw-1001', '1002': 'pw-1002' }), autoAnswer: { '1001': 'always' },
});

describe('the SIP provider hosted in a worker thread (R2.2)', () => {
  let provider: WorkerSipProvider | undefined;
  afterEach(async () => {
    await provider?.stop();
    provider = undefined;
  });

  it('starts in the worker, reports provider-up then synced, and provider-down when stopped', async () => {
    provider = new WorkerSipProvider(config());
    const events: Array<ProviderEvent | ProviderStatusEvent> = [];
    provider.onEvent((e) => events.push(e));
    await provider.start();
    expect(provider.isUp()).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['provider-up', 'synced']);
    await provider.stop();
    provider = undefined;
    expect(events.map((e) => e.type)).toEqual(['provider-up', 'synced', 'provider-down']);
  });

  it('offers answer only to devices whose phone can be answered from the page, without asking the worker (R6.7)', () => {
    provider = new WorkerSipProvider(config());
    expect(provider.capabilities('1001').has('answer')).toBe(true);
    expect(provider.capabilities('1002').has('answer')).toBe(false);
    expect(provider.capabilities('1002').has('makeCall')).toBe(true);
  });

  it('looks accounts up in the main thread\'s store when checking a device (R4.6)', async () => {
    provider = new WorkerSipProvider(config());
    await provider.start();
    expect((await provider.checkDevice('1001')).message).toMatch(/1001 is not registered/);
    expect(await provider.checkDevice('7777')).toMatchObject({ ok: false, message: expect.stringMatching(/no SIP account for device 7777/) });
  });

  it('lists the main thread\'s accounts as devices, unavailable until they register (R2.6)', async () => {
    provider = new WorkerSipProvider(config());
    await provider.start();
    expect(await provider.listDevices()).toEqual([
      { name: '1001', status: 'unavailable', description: 'not registered' },
      { name: '1002', status: 'unavailable', description: 'not registered' },
    ]);
    expect(await provider.isRegistered('1001')).toBe(false);
  });

  it('turns a refusal in the worker into the same ProviderError on the main thread', async () => {
    provider = new WorkerSipProvider(config());
    await provider.start();
    const err = await provider.makeCall('1001', '95550100').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ reason: 'unknown-device' });
  });

  it('reports the trunk registration as the worker\'s provider sees it', async () => {
    provider = new WorkerSipProvider(config());
    await provider.start();
    expect(await provider.trunkStatus()).toEqual({ state: 'not-configured' });
  });

  it('refuses commands with reason down when it is not running', async () => {
    provider = new WorkerSipProvider(config());
    await expect(provider.hold({ callRef: 'x', device: '1001' })).rejects.toMatchObject({ reason: 'down' });
  });
});

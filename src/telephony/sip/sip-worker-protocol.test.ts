import { describe, expect, it } from 'vitest';
import { ProviderError, type ProviderEvent, type ProviderStatusEvent } from '../provider.js';
import { defaultSipConfig, InMemoryAccountStore } from './sip-config.js';
import { decodeEvents, deserializeError, encodeEvents, serializeError, workerConfigOf } from './sip-worker-protocol.js';

describe('what crosses between the SIP worker and the main thread', () => {
  it('brings a ProviderError back with its reason, so the CTI core maps it the same (R2.2)', () => {
    const back = deserializeError(serializeError(new ProviderError('invalid-state', 'not ringing')));
    expect(back).toBeInstanceOf(ProviderError);
    expect(back).toMatchObject({ reason: 'invalid-state', message: 'not ringing' });
  });

  it('brings any other error back as a plain Error with its name and message', () => {
    const back = deserializeError(serializeError(new TypeError('boom')));
    expect(back).not.toBeInstanceOf(ProviderError);
    expect(back).toMatchObject({ name: 'TypeError', message: 'boom' });
    expect(deserializeError(serializeError('text')).message).toBe('text');
  });

  it('carries provider events through their JSON text unchanged and in order', () => {
    const events: Array<ProviderEvent | ProviderStatusEvent> = [
      { type: 'originated', callRef: 'c1', device: '1001', at: 1, calledNumber: '95550100' },
      { type: 'delivered', callRef: 'c1', device: '5550100', remote: true, at: 2, callingNumber: '1001', calledNumber: '5550100' },
      { type: 'connection-cleared', callRef: 'c1', device: '1001', at: 3, cause: 'normal' },
      { type: 'synced', at: 4, calls: [{ callRef: 'c2', callingNumber: 'a', calledNumber: 'b', startedAt: 0, connections: [{ device: '1001', state: 'hold' }] }] },
    ];
    expect(decodeEvents(encodeEvents(events))).toEqual(events);
  });

  it('sends the settings without the account store, which stays on the main thread', () => {
    const config = defaultSipConfig({ accounts: new InMemoryAccountStore({ '1001': 'secret-1001' }), autoAnswer: { '1001': 'always' } });
    const sent = workerConfigOf(config);
    expect(sent).not.toHaveProperty('accounts');
    expect(sent).toMatchObject({ autoAnswer: { '1001': 'always' }, listenPort: 5060 });
    expect(JSON.stringify(sent)).not.toContain('secret-1001');
  });
});

/**
 * The issue-17 sequence from the CRM's side: a call transferred from the page and then by
 * the remaining phone's own REFER can still be consulted and completed through the CTI's
 * call control (it used to fail with 409 "the first call is not on hold"), and the audio
 * follows: real baresip phones, each with its own tone.
 */
import { afterEach, expect, it } from 'vitest';
import { pino } from 'pino';
import { CallRegistry } from '../../src/cti/call-registry.js';
import { CallControl } from '../../src/cti/call-control.js';
import { createCallerIdMatcher, createPhoneNumberPlan } from '../../src/cti/phone-ports.js';
import { contextOfLocation, defaultLocation } from '../../src/phone/index.js';
import type { ProviderEvent } from '../../src/telephony/provider.js';
import { InMemoryCallLog, InMemoryDirectory, InMemoryPhoneIndex } from '../cti/support/in-memory-ports.js';
import { describeWith } from '../support/peers.js';
import { ToneWorld } from './support/tone-world.js';
import { checkAudio, play, startConversation } from './support/transfer-chain.js';

describeWith(['baresip'])('transfers, then call control from the CRM (real phones)', () => {
  let w: ToneWorld | undefined;
  afterEach(async () => { await w?.close(); w = undefined; });

  it('after a CRM transfer and a phone REFER, the CRM consults and completes, and the audio follows', async () => {
    w = await ToneWorld.start('udp');
    const location = defaultLocation('US', '212', '9', 4);
    const directory = new InMemoryDirectory([1001, 1002, 1003].map((n, i) => ({ userId: i + 1, device: String(n), extension: String(n), ctiEnabled: true })));
    const numbers = createPhoneNumberPlan(() => location);
    const registry = new CallRegistry({
      logger: pino({ level: 'silent' }), matcher: createCallerIdMatcher(() => location, new InMemoryPhoneIndex(contextOfLocation(location)).lookup),
      numbers, callLog: new InMemoryCallLog(), directory, sink: { publish: () => undefined, providerStatus: () => undefined },
    });
    registry.attach(w.provider);
    const control = new CallControl({ provider: w.provider, registry, directory, numbers });
    let c = await startConversation(w, 'dial-colleague'); // 1001 ↔ 1002
    c = await play(w, c, { kind: 'transfer', by: '1001', to: '1003' }); // 1002 ↔ 1003
    c = await play(w, c, { kind: 'refer', by: '1002', to: '1001' }); // 1003 ↔ 1001
    await checkAudio(w, c);
    await registry.idle();
    const from = w.rec.events.length;
    const { callId: consultId } = await control.consult(1, registry.idOf(c.ref) ?? '', '1002'); // user 1 is on 1001
    const consult = registry.call(consultId)?.ref ?? ''; // the phone system's name of the consultation
    const est = (device: string): Promise<unknown> => w?.rec.waitFor(`${device} established in the consultation`, (e) => e.type === 'established' && (e as ProviderEvent).callRef === consult && (e as ProviderEvent).device === device, from) ?? Promise.resolve();
    await est('1002');
    await est('1001');
    await registry.idle();
    await checkAudio(w, { ...c, consult: { ref: consult, agent: '1001', target: '1002' } });
    const closed = w.phone('1001').waitEvent('CALL_CLOSED', w.phone('1001').events.length, 20_000);
    await expect(control.complete(1, consultId)).resolves.toBeDefined();
    await closed;
    await Promise.all([w.hears('1003', '1002'), w.hears('1002', '1003')]);
  }, 120_000);
});

/**
 * Everyone sees whom they talk to (issue 17, R6.6, R6.9): after a blind transfer the new
 * party's phone is called by the party it will talk to (From), not by whoever transferred;
 * after a transfer or a completed consultation the remaining phones are re-INVITEd with the
 * new party in P-Asserted-Identity (RFC 3325) and each CRM call screen (the registry's
 * snapshots, caller-ID matched) names the new party. Click-to-dial's first leg rings the
 * agent's phone with the number being dialled.
 */
import { afterEach, expect, it } from 'vitest';
import { pino } from 'pino';
import { CallRegistry } from '../../src/cti/call-registry.js';
import { createCallerIdMatcher, createPhoneNumberPlan } from '../../src/cti/phone-ports.js';
import { contextOfLocation, defaultLocation } from '../../src/phone/index.js';
import type { CallSnapshot } from '../../src/domain/call.js';
import type { SipRequest } from '../../src/telephony/sip/sip-message.js';
import { getHeader } from '../../src/telephony/sip/sip-message.js';
import { InMemoryCallLog, InMemoryDirectory, InMemoryPhoneIndex } from '../cti/support/in-memory-ports.js';
import { describeWith } from '../support/peers.js';
import { CALLER, ToneWorld } from './support/tone-world.js';
import { play, startConversation } from './support/transfer-chain.js';
import type { BaresipEvent } from './support/baresip-phone.js';

/** The CTI registry on the real SIP provider, its snapshots kept per device. */
const ctiOn = (w: ToneWorld): { registry: CallRegistry; screens: CallSnapshot[]; callLog: InMemoryCallLog } => {
  const location = defaultLocation('US', '212', '9', 4);
  const index = new InMemoryPhoneIndex(contextOfLocation(location));
  index.add({ ownerType: 'company', ownerId: 22, name: 'Globex', phone: '+1 212 736 4440', field: 'switchboard' });
  const directory = new InMemoryDirectory([1001, 1002, 1003].map((n, i) => ({ userId: i + 1, device: String(n), extension: String(n), ctiEnabled: true })));
  const screens: CallSnapshot[] = [];
  const callLog = new InMemoryCallLog();
  const registry = new CallRegistry({
    logger: pino({ level: 'silent' }), matcher: createCallerIdMatcher(() => location, index.lookup),
    numbers: createPhoneNumberPlan(() => location), callLog, directory,
    sink: { publish: (s) => screens.push(s), providerStatus: () => undefined },
  });
  registry.attach(w.provider);
  return { registry, screens, callLog };
};

/** The last screen `device` was shown for the call the phone system names `ref` (snapshots carry our call ids). */
const screenOf = (cti: { registry: CallRegistry; screens: readonly CallSnapshot[] }, ref: string, device: string): CallSnapshot | undefined =>
  cti.screens.filter((s) => s.id === cti.registry.idOf(ref) && s.device === device).at(-1);

/** The re-INVITEs the server sent with a P-Asserted-Identity, as `to-user → identity`. */
const identitiesSent = (w: ToneWorld): string[] => {
  const sent: string[] = [];
  const stack = w.provider.stack;
  if (!stack) throw new Error('no stack');
  const send = stack.sendRequest.bind(stack);
  stack.sendRequest = ((req: SipRequest, ...rest: unknown[]) => {
    const pai = getHeader(req, 'p-asserted-identity');
    // the phone's Contact user is the device name with a suffix (baresip: 1002-0x55e0…)
    const to = /sips?:(\d+)/.exec(getHeader(req, 'to') ?? '')?.[1];
    if (req.method === 'INVITE' && pai !== undefined) sent.push(`${to ?? '?'} → ${/sips?:([^@;>]+)@/.exec(pai)?.[1] ?? '?'}`);
    return (send as (...a: unknown[]) => ReturnType<typeof send>)(req, ...rest);
  }) as typeof stack.sendRequest;
  return sent;
};

/** The call `device`'s phone answers next (by itself): its event names the calling party. */
const incomingOn = (w: ToneWorld, device: string, from: number): Promise<BaresipEvent> => w.phone(device).waitEvent('CALL_ESTABLISHED', from, 20_000);

describeWith(['baresip'])('who each party sees after transfers (real phones, CTI registry)', () => {
  let w: ToneWorld | undefined;
  afterEach(async () => { await w?.close(); w = undefined; });

  it('after a blind transfer the new phone and its screen name the party it talks to, and the remaining phone and screen name the new party', async () => {
    w = await ToneWorld.start('udp');
    const cti = ctiOn(w);
    const sent = identitiesSent(w);
    let c = await startConversation(w, 'dial-colleague'); // 1001 ↔ 1002
    const rings = incomingOn(w, '1003', w.phone('1003').events.length);
    c = await play(w, c, { kind: 'transfer', by: '1001', to: '1003' });
    expect(String((await rings).peeruri)).toContain('sip:1002@'); // not 1001, who transferred
    await cti.registry.idle();
    expect(screenOf(cti, c.ref, '1003')?.number.raw).toBe('1002');
    expect(screenOf(cti, c.ref, '1002')?.number.raw).toBe('1003');
    expect(sent).toContain('1002 → 1003');
    // the call log: each leg's record names whom it was connected to
    const log = new Map(cti.callLog.forCall(cti.registry.idOf(c.ref) ?? '').map((r) => [r.device, r]));
    expect(log.get('1001')).toMatchObject({ number: { raw: '1002' }, transferredTo: '1003' });
    expect(log.get('1002')?.number.raw).toBe('1003');
    expect(log.get('1003')?.number.raw).toBe('1002');
  }, 120_000);

  it('a caller transferred from the page rings the colleague as the caller, matched on its screen', async () => {
    w = await ToneWorld.start('udp');
    const cti = ctiOn(w);
    let c = await startConversation(w, 'incoming'); // caller ↔ 1001
    const rings = incomingOn(w, '1002', w.phone('1002').events.length);
    c = await play(w, c, { kind: 'transfer', by: '1001', to: '1002' });
    expect(String((await rings).peeruri)).toContain(`sip:${CALLER}@`);
    await cti.registry.idle();
    const s = screenOf(cti, c.ref, '1002');
    expect(s?.number.e164).toBe(CALLER);
    expect(s?.matches.map((m) => m.name)).toContain('Globex');
  }, 120_000);

  it('after consult → complete both remaining phones and screens name each other', async () => {
    w = await ToneWorld.start('udp');
    const cti = ctiOn(w);
    const sent = identitiesSent(w);
    let c = await startConversation(w, 'dial-colleague'); // 1001 ↔ 1002
    c = await play(w, c, { kind: 'consult', by: '1001', to: '1003' });
    c = await play(w, c, { kind: 'complete' });
    expect(c.parties).toEqual(['1002', '1003']);
    await cti.registry.idle();
    expect(screenOf(cti, c.ref, '1002')?.number.raw).toBe('1003');
    expect(screenOf(cti, c.ref, '1003')?.number.raw).toBe('1002');
    expect(sent).toEqual(expect.arrayContaining(['1002 → 1003', '1003 → 1002']));
  }, 120_000);

  it("click-to-dial's first leg rings the agent's phone with the number being dialled", async () => {
    w = await ToneWorld.start('udp');
    const rings = incomingOn(w, '1001', w.phone('1001').events.length);
    await startConversation(w, 'dial-outside');
    const e = await rings;
    expect(String(e.peeruri)).toContain(`sip:${CALLER}@`);
    expect(String(e.peerdisplayname)).toBe('+1 212 736 4440');
  }, 120_000);
});

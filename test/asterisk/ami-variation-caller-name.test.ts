/**
 * Issue 12 §5, variation 3 (R6.6, R6.10, R3.1): an incoming caller ID in the national format
 * of the PBX's country (a leading `0`) and the caller name Asterisk sends (`CallerIDName`).
 * Synthetic session X03 (test/asterisk/synthetic/README.md): `02075550123` / `ACME SUPPLIES`
 * (answered), then `02075550199` / `Zoë Dupré` (the caller gives up).
 *
 * The national caller ID must be parsed and matched like its E.164 form, with the country
 * from the site's dialling settings; the name must reach the snapshot (the pop shows it when
 * no record matches).
 */
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { CallRegistry } from '../../src/cti/call-registry.js';
import { createCallerIdMatcher, createPhoneNumberPlan } from '../../src/cti/phone-ports.js';
import type { CallSnapshot } from '../../src/domain/call.js';
import { contextOfLocation, defaultLocation, type Location } from '../../src/phone/index.js';
import type { ProviderEvent } from '../../src/telephony/provider.js';
import { InMemoryCallLog, InMemoryDirectory, InMemoryPhoneIndex } from '../cti/support/in-memory-ports.js';
import { loadFixture, SYNTHETIC_DIR, type Fixture } from './ami-fixtures.js';
import { replayMapper } from './ami-mapper-timeline.js';
import { ALICE, createAmiCtiWorld, type AmiCtiWorld } from './ami-cti-world.js';

const X03 = (): Fixture => loadFixture('X03', SYNTHETIC_DIR);
const FIRST = '1795667130.56';
const SECOND = '1795667138.58';

let world: AmiCtiWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const delivered = (events: readonly ProviderEvent[]) =>
  events.filter((e): e is Extract<ProviderEvent, { type: 'delivered' }> => e.type === 'delivered');

/** X03 with the first caller's number and name replaced (AMI values hold no CR/LF). */
const withCaller = (number: string, name: string): Fixture => {
  const f = X03();
  return { ...f, lines: f.lines.map((l) => ({ ...l, data: l.data.split('02075550123').join(number).split('ACME SUPPLIES').join(name) })) };
};

describe('X03: a national caller ID and the caller name Asterisk sends', () => {
  it('the mapper reports each ringing agent the caller\'s number as sent and its name', () => {
    expect(delivered(replayMapper(X03()).events).map((e) => [e.device, e.callingNumber, e.callerName])).toEqual([
      ['PJSIP/6001', '02075550123', 'ACME SUPPLIES'],
      ['PJSIP/6001', '02075550199', 'Zoë Dupré'],
    ]);
  });

  it('a name is reported as sent, and no name when Asterisk has none (<unknown>, empty) or sends the number again', () => {
    const noName = fc.constantFrom('<unknown>', '', '   ', '02075550123');
    const aName = fc.string({ minLength: 1, maxLength: 40 })
      .map((s) => s.replace(/[\r\n]/g, ' ').trim())
      .filter((s) => s !== '' && s !== '<unknown>' && s !== '02075550123');
    fc.assert(fc.property(fc.oneof(aName.map((n) => [n, n] as const), noName.map((n) => [n, undefined] as const)), ([sent, expected]) => {
      const first = delivered(replayMapper(withCaller('02075550123', sent)).events)[0];
      expect(first?.callerName).toBe(expected);
    }), { numRuns: 60 });
  });

  it('the snapshot holds the national number matched like its E.164 form, and the name; the pop has the name when no record matches', async () => {
    world = await createAmiCtiWorld(X03());
    world.index.add({ ownerType: 'person', ownerId: 10, name: 'Sam Carter', phone: '+44 20 7555 0123', company: { id: 20, name: 'Acme Ltd' } });
    const alice = await world.browser(ALICE);
    await world.provider.start();
    await world.playedOut();

    // Snapshots carry our call ids; the recording names calls by Asterisk's Uniqueid.
    const ringing = (ref: string) => alice.snapshots(world?.registry.idOf(ref)).find((s) => s.state === 'alerting') as CallSnapshot;
    // Matched when the agent first sees it ringing (R6.6), exactly as the E.164 form matches.
    const byE164 = await createCallerIdMatcher(() => defaultLocation('GB', '20', '9', 4), world.index.lookup).match('+442075550123');
    expect(ringing(FIRST)).toMatchObject({
      direction: 'inbound', callerName: 'ACME SUPPLIES',
      number: { raw: '02075550123', e164: '+442075550123' },
      matches: byE164.matches,
    });
    expect(ringing(FIRST).matches.map((m) => m.name)).toEqual(['Sam Carter']);
    expect(ringing(SECOND)).toMatchObject({ callerName: 'Zoë Dupré', number: { raw: '02075550199', e164: '+442075550199' }, matches: [] });
    // The name stays on every later snapshot of the call, to the end.
    expect(alice.snapshots(world.registry.idOf(SECOND)).at(-1)).toMatchObject({ state: 'null', outcome: 'missed', callerName: 'Zoë Dupré' });
    expect(alice.snapshots(world.registry.idOf(FIRST)).at(-1)).toMatchObject({ state: 'null', outcome: 'answered', callerName: 'ACME SUPPLIES' });
  });
});

/** The registry alone, for many numbers: the national and E.164 caller IDs pop the same record. */
const registryFor = (location: Location) => {
  const index = new InMemoryPhoneIndex(contextOfLocation(location));
  const snapshots: CallSnapshot[] = [];
  const registry = new CallRegistry({
    logger: pino({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() })),
    matcher: createCallerIdMatcher(() => location, index.lookup),
    numbers: createPhoneNumberPlan(() => location),
    callLog: new InMemoryCallLog(),
    directory: new InMemoryDirectory([{ userId: ALICE, device: 'PJSIP/6001', extension: '6001', ctiEnabled: true }]),
    sink: { publish: (s) => snapshots.push(s), providerStatus: () => undefined },
  });
  return { index, registry, snapshots };
};

describe('a national caller ID (leading 0) in the country of the dialling settings is the E.164 caller (R3.1, R6.6)', () => {
  const SITES = [
    // London (outside line 9): 020 + 8 digits ↔ +44 20 …
    { location: defaultLocation('GB', '20', '9', 4), national: (d: string) => `020${d}`, e164: (d: string) => `+4420${d}`, first: '378' },
    // Paris (outside line 0, as many French PBXs): 01 + 8 digits ↔ +33 1 …
    { location: defaultLocation('FR', '1', '0', 4), national: (d: string) => `01${d}`, e164: (d: string) => `+331${d}`, first: '4' },
  ];
  for (const site of SITES) {
    it(`${site.location.country}: the same e164 and the same record, whichever form the network sent`, async () => {
      const subscriber = fc.tuple(fc.constantFrom(...site.first.split('')), fc.stringMatching(/^[0-9]{7}$/)).map(([a, b]) => a + b);
      await fc.assert(fc.asyncProperty(subscriber, async (d) => {
        const { index, registry, snapshots } = registryFor(site.location);
        index.add({ ownerType: 'person', ownerId: 7, name: 'Record Owner', phone: site.e164(d) });
        const ring = (callRef: string, callingNumber: string): void => registry.handle({ type: 'delivered', callRef, device: 'PJSIP/6001', at: 1, callingNumber, calledNumber: '6001', callerName: 'Name' });
        ring('national', site.national(d));
        ring('e164', site.e164(d));
        await registry.idle();
        const [national, e164] = ['national', 'e164'].map((ref) => snapshots.find((s) => s.id === registry.idOf(ref)) as CallSnapshot);
        expect(national?.number.e164).toBe(site.e164(d));
        expect(national?.matches.map((m) => m.id)).toEqual([7]);
        expect(national?.matches).toEqual(e164?.matches);
        expect(national?.callerName).toBe('Name');
      }), { numRuns: 40 });
    });
  }
});

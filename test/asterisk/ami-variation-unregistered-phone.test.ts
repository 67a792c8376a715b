/**
 * Issue 12 §5, variation 2 (R6.4, R4.6, R2.6): click-to-dial from a phone that is not
 * registered. Synthetic session X02 (test/asterisk/synthetic/README.md): Bob's phone
 * unregisters (`ContactStatus Removed`, `PeerStatus Unreachable`, `DeviceStateChange
 * UNAVAILABLE`), then the CTI originates from `PJSIP/6002`: Asterisk queues the Originate and
 * answers `OriginateResponse` `Failure`, `Reason: 0` (chan_pjsip found no contact).
 *
 * The command must fail with the reason `unavailable` (device not registered), decided from
 * what Asterisk said of the phone, not as a generic provider error; the device list says
 * which phones are registered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLocation } from '../../src/phone/index.js';
import { AppError } from '../../src/domain/errors.js';
import { ProviderError } from '../../src/telephony/provider.js';
import { loadFixture, SYNTHETIC_DIR, type Fixture } from './ami-fixtures.js';
import { startHarness, type Harness } from './ami-provider-harness.js';
import { BOB, createAmiCtiWorld, type AmiCtiWorld } from './ami-cti-world.js';

const X02 = (): Fixture => loadFixture('X02', SYNTHETIC_DIR);
const REGISTRATION_EVENTS = /Event: (PeerStatus|ContactStatus|DeviceStateChange)\r\n/;

/** X02 as if the connector had logged in after the phone unregistered: it heard nothing of it. */
const withoutRegistrationEvents = (f: Fixture): Fixture => ({
  ...f, lines: f.lines.filter((l) => !(l.dir === 'recv' && l.t < 506 && REGISTRATION_EVENTS.test(l.data))),
});

let harness: Harness | undefined;
let world: AmiCtiWorld | undefined;
afterEach(async () => {
  await harness?.close();
  await world?.close();
  harness = undefined;
  world = undefined;
});

const actionsOf = (h: Harness) => h.server.checks.map((c) => `${c.action}${c.problems.length > 0 ? ` (${c.problems.join(', ')})` : ''}`);

describe('X02: click-to-dial from a phone that is not registered', () => {
  it('fails with the reason unavailable, from the PeerStatus/ContactStatus/DeviceStateChange the connector heard', async () => {
    harness = await startHarness(X02());
    await harness.provider.start();
    const error = await harness.provider.makeCall('PJSIP/6002', '02075550123').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ reason: 'unavailable', message: expect.stringContaining('PJSIP/6002 is not registered') });
    // The device list reports each agent phone registered or not.
    expect(await harness.provider.listDevices()).toEqual([
      { name: 'PJSIP/6001', status: 'available', description: 'NOT_INUSE' },
      { name: 'PJSIP/6002', status: 'unavailable', description: 'UNAVAILABLE' },
      { name: 'PJSIP/6003', status: 'unavailable', description: 'UNAVAILABLE' },
    ]);
    expect(actionsOf(harness)).toEqual(['Login', 'CoreShowChannels', 'Originate', 'DeviceStateList']);
  });

  it('when no event had named the phone yet, the connector asks the device list once and still says unavailable', async () => {
    harness = await startHarness(withoutRegistrationEvents(X02()));
    await harness.provider.start();
    await expect(harness.provider.makeCall('PJSIP/6002', '02075550123')).rejects.toMatchObject({ reason: 'unavailable' });
    expect(actionsOf(harness)).toEqual(['Login', 'CoreShowChannels', 'Originate', 'DeviceStateList']);
  });

  it('a failed Originate from a phone Asterisk calls registered stays a plain refusal (the reason is decided, not assumed)', async () => {
    const registered = withoutRegistrationEvents(X02());
    registered.lines = registered.lines.map((l) => ({ ...l, data: l.data.replace('Device: PJSIP/6002\r\nState: UNAVAILABLE', 'Device: PJSIP/6002\r\nState: NOT_INUSE') }));
    harness = await startHarness(registered);
    await harness.provider.start();
    await expect(harness.provider.makeCall('PJSIP/6002', '02075550123')).rejects.toMatchObject({ reason: 'refused' });
  });

  it('through the CTI core, the user\'s click-to-dial answers 409 device-unavailable with reason unavailable, and no call is left behind', async () => {
    // A Manchester site without an outside-line prefix dials London as recorded: 02075550123.
    world = await createAmiCtiWorld(X02(), { location: defaultLocation('GB', '161', '', 4) });
    const bob = await world.browser(BOB);
    await world.provider.start();
    const error = await world.control.dial(BOB, { number: '02075550123' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'device-unavailable', status: 409, details: { reason: 'unavailable' } });
    expect(world.harness.server.checks.find((c) => c.action === 'Originate')?.problems).toEqual([]);
    await world.registry.idle();
    expect(bob.snapshots()).toEqual([]);
    expect(world.registry.snapshotsFor('PJSIP/6002')).toEqual([]);
    expect([...world.callLog.records.values()]).toEqual([]);
  });
});

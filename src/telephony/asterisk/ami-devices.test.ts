import { describe, expect, it } from 'vitest';
import { checkDeviceIn, devicesFromStateList } from './ami-devices.js';

// Shaped like the DeviceStateChange events of the recordings (README: "DeviceStateChange for
// PJSIP/6001 went RINGING → INUSE → ... → NOT_INUSE"), as DeviceStateList lists them.
const list = [
  { Event: 'DeviceStateChange', Device: 'PJSIP/6002', State: 'UNAVAILABLE' },
  { Event: 'DeviceStateChange', Device: 'PJSIP/6001', State: 'NOT_INUSE' },
  { Event: 'DeviceStateChange', Device: 'PJSIP/pstn', State: 'NOT_INUSE' },
  { Event: 'DeviceStateChange', Device: 'Queue:support_avail', State: 'NOT_INUSE' },
];
const agent = (d: string) => /^PJSIP\/[0-9]+$/.test(d);

describe('devices from DeviceStateList (R2.6, R4.6)', () => {
  it('lists agent devices only, with their status', () => {
    expect(devicesFromStateList(list, agent)).toEqual([
      { name: 'PJSIP/6001', status: 'available', description: 'NOT_INUSE' },
      { name: 'PJSIP/6002', status: 'unavailable', description: 'UNAVAILABLE' },
    ]);
  });

  it('checks a device with clear words', () => {
    const devices = devicesFromStateList(list, agent);
    expect(checkDeviceIn(devices, 'PJSIP/6001')).toEqual({ ok: true, message: 'PJSIP/6001 is registered (NOT_INUSE)' });
    expect(checkDeviceIn(devices, 'PJSIP/6002')).toMatchObject({ ok: false, message: expect.stringMatching(/not registered/) });
    expect(checkDeviceIn(devices, 'PJSIP/6009')).toMatchObject({ ok: false, message: expect.stringMatching(/does not know/) });
  });
});

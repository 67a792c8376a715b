/**
 * Devices as Asterisk knows them (R2.6 device list, R4.6 device check), from the answer to
 * `DeviceStateList`: one `DeviceStateChange` event per device (`Device: PJSIP/6001`,
 * `State: NOT_INUSE`), states as `ast_devstate2str` writes them. Pure.
 */
import type { DeviceCheck, DeviceInfo } from '../provider.js';
import type { AmiMessage } from './ami-parser.js';

export const deviceStatusOf = (state: string | undefined): DeviceInfo['status'] => {
  switch (state) {
    case 'NOT_INUSE': case 'INUSE': case 'BUSY': case 'RINGING': case 'RINGINUSE': case 'ONHOLD':
      return 'available';
    case 'UNAVAILABLE': case 'INVALID':
      return 'unavailable';
    default:
      return 'unknown';
  }
};

/** The agent devices of a `DeviceStateList` answer, sorted by name. */
export const devicesFromStateList = (events: readonly AmiMessage[], isAgentDevice: (device: string) => boolean): DeviceInfo[] =>
  events
    .filter((m) => m.Event === 'DeviceStateChange' && m.Device !== undefined && isAgentDevice(m.Device))
    .map((m) => ({ name: m.Device ?? '', status: deviceStatusOf(m.State), description: m.State }))
    .sort((a, b) => a.name.localeCompare(b.name));

/** Clear words for the admin or the user (R4.6). */
export const checkDeviceIn = (devices: readonly DeviceInfo[], device: string): DeviceCheck => {
  const found = devices.find((d) => d.name === device);
  if (!found) return { ok: false, message: `Asterisk does not know ${device} as an agent device` };
  if (found.status === 'available') return { ok: true, message: `${device} is registered (${found.description ?? 'available'})` };
  if (found.status === 'unavailable') return { ok: false, message: `${device} is not registered: check that the phone is on and logged in (${found.description ?? '?'})` };
  return { ok: false, message: `${device} is in a state Asterisk does not know (${found.description ?? '?'})` };
};

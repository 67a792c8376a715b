/**
 * Whether each agent phone is registered, as Asterisk says it on its own (R4.6, issue 12 §5),
 * so that a click-to-dial to a phone that is not registered fails as `unavailable` rather than
 * as a generic refusal. Pure: `(state, message) → state`. Three events say it (Asterisk 22):
 *
 * - `PeerStatus` (main/stasis_endpoints.c; res_pjsip publishes `Reachable` when an endpoint's
 *   first contact appears and `Unreachable` when its last one goes; `Registered`,
 *   `Unregistered` and `Rejected` are the older channel drivers' words);
 * - `ContactStatus` for one contact of an AOR (`Created`/`Reachable`/`Updated`/`Unqualified`
 *   vs `Removed`/`Unreachable`): a phone may have several contacts, so losing one says
 *   "unregistered" only when no other contact of that endpoint is known to be up;
 * - `DeviceStateChange` (`ast_devstate2str`): `UNAVAILABLE` is a device with no reachable
 *   contact; any in-use or idle state is a registered one. It also answers `DeviceStateList`.
 *
 * The latest event wins. A device no event has named is `undefined`: not known, never guessed.
 */
import type { AmiMessage } from './ami-parser.js';

export type Registration = 'registered' | 'unregistered';

export interface RegistrationState {
  readonly devices: ReadonlyMap<string, Registration>;
  /** Per device, the contact URIs last reported up. */
  readonly contacts: ReadonlyMap<string, ReadonlySet<string>>;
}

export const EMPTY_REGISTRATIONS: RegistrationState = { devices: new Map(), contacts: new Map() };

const PEER: Readonly<Record<string, Registration>> = {
  Reachable: 'registered', Registered: 'registered',
  Unreachable: 'unregistered', Unregistered: 'unregistered', Rejected: 'unregistered',
};
const CONTACT_UP = new Set(['Created', 'Reachable', 'Updated', 'Unqualified']);
const CONTACT_DOWN = new Set(['Removed', 'Unreachable']);
const DEVICE_UP = new Set(['NOT_INUSE', 'INUSE', 'BUSY', 'RINGING', 'RINGINUSE', 'ONHOLD']);

/** The device and what a registration event says of it, or undefined for any other message. */
const said = (m: AmiMessage): { device: string; contact?: { uri: string; up: boolean }; registration?: Registration } | undefined => {
  switch (m.Event) {
    case 'PeerStatus': {
      const registration = PEER[m.PeerStatus ?? ''];
      return m.Peer && registration ? { device: m.Peer, registration } : undefined;
    }
    case 'ContactStatus': {
      const status = m.ContactStatus ?? '';
      if (!m.EndpointName || !m.URI || (!CONTACT_UP.has(status) && !CONTACT_DOWN.has(status))) return undefined;
      return { device: `PJSIP/${m.EndpointName}`, contact: { uri: m.URI, up: CONTACT_UP.has(status) } };
    }
    case 'DeviceStateChange': {
      const state = m.State ?? '';
      if (!m.Device) return undefined;
      if (state === 'UNAVAILABLE') return { device: m.Device, registration: 'unregistered' };
      return DEVICE_UP.has(state) ? { device: m.Device, registration: 'registered' } : undefined;
    }
    default:
      return undefined;
  }
};

/** Pure: one AMI message applied to what is known of registrations. */
export const applyRegistration = (state: RegistrationState, m: AmiMessage): RegistrationState => {
  const s = said(m);
  if (!s) return state;
  const devices = new Map(state.devices);
  const contacts = new Map(state.contacts);
  if (s.contact) {
    const up = new Set(contacts.get(s.device) ?? []);
    if (s.contact.up) up.add(s.contact.uri);
    else up.delete(s.contact.uri);
    contacts.set(s.device, up);
    devices.set(s.device, up.size > 0 ? 'registered' : 'unregistered');
  } else if (s.registration) {
    devices.set(s.device, s.registration);
    // The endpoint as a whole went away: none of its contacts is up any more.
    if (s.registration === 'unregistered') contacts.delete(s.device);
  }
  return { devices, contacts };
};

export const registrationOf = (state: RegistrationState, device: string): Registration | undefined => state.devices.get(device);

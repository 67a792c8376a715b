/**
 * The Asterisk adapter's own view of live calls: immutable values that the pure event mapper
 * (ami-event-mapper.ts) and the resync (ami-resync.ts) produce and the provider only stores.
 *
 * Asterisk facts this model follows (fixtures' README, "Things that hold in every file"):
 * - a call is the set of channels sharing a `Linkedid` (the Uniqueid of its first channel),
 *   including Local channels, consultation legs and the legs a transfer creates;
 * - state is kept per channel (`Uniqueid`), never per device: one device may hold two
 *   channels at once (S12, call waiting);
 * - an agent's leg is named after its endpoint: `PJSIP/6001-0000001c` is device `PJSIP/6001`.
 */
import type { ConnectionState } from '../../domain/call.js';
import type { ProviderEvent } from '../provider.js';

/** agent: a monitored device; remote: the far party (a trunk leg); local: Local/ plumbing. */
export type ChannelRole = 'agent' | 'remote' | 'local';

export interface AmiChannel {
  readonly uniqueid: string;
  readonly name: string;
  readonly role: ChannelRole;
  /** Agent: `PJSIP/6001`. Remote: the party's number ('' until known). Local: channel base. */
  readonly device: string;
  /** The connection state last reported for this leg ('null' = nothing reported / cleared). */
  readonly state: ConnectionState;
  /** An agent leg that Originate rings first (click-to-dial): its ringing is not a call in. */
  readonly originate: boolean;
  /** For click-to-dial: the number the CTI asked for. */
  readonly calledNumber: string;
  /** The number of the party whose Dial() rings this leg (DialBegin `CallerIDNum`). */
  readonly dialledBy?: string;
  /** Last `DialEnd` status with this leg as the destination. */
  readonly dialStatus?: string;
  readonly everConnected: boolean;
  /** Held by the CTI's dual Redirect into the hold context (S07b), retrieved by Bridge. */
  readonly heldByRedirect: boolean;
  readonly bridgeId?: string;
  readonly hungUp: boolean;
  /** Uniqueid of the channel whose Dial() created this leg (DialBegin `Uniqueid`). */
  readonly dialler?: string;
  /**
   * Set on the legs of a consultation (an attended transfer's Local pair and what it dials):
   * their events carry this callRef, the `;1` Local channel's Uniqueid, not the Linkedid
   * they share with the held call (README S09: "All these legs carry the Linkedid").
   */
  readonly consultRef?: string;
  /** On a consulting agent's leg: its second connection, on the consultation call. */
  readonly consult?: { readonly ref: string; readonly state: ConnectionState; readonly to: string };
  /** A blind transfer succeeded; reported once the transferee dials the target (S08). */
  readonly transferPending?: { readonly to: string; readonly transferee: string };
}

export interface AmiCall {
  /** The contract's callRef: Asterisk's Linkedid. */
  readonly callRef: string;
  readonly startedAt: number;
  readonly callingNumber: string;
  readonly calledNumber: string;
  /** By Uniqueid, in creation order. */
  readonly channels: Readonly<Record<string, AmiChannel>>;
  /** True once an agent leg joined: only calls on monitored devices are reported. */
  readonly hasAgent: boolean;
  /** Far-party events held back until an agent leg joins (an IVR or queue call before any agent). */
  readonly pending: readonly ProviderEvent[];
}

export interface AmiMapperState {
  /** By Linkedid. */
  readonly calls: ReadonlyMap<string, AmiCall>;
}

export const EMPTY_MAPPER_STATE: AmiMapperState = { calls: new Map() };

/** What the pure mapper needs to know about the installation. */
export interface AmiMapperContext {
  /** Is this device (`PJSIP/6001`) an agent's device rather than a trunk? */
  isAgentDevice(device: string): boolean;
  /** The dialplan context the CTI redirects calls into to hold them (S07b: `cti-hold`). */
  readonly holdContext: string;
  /** The number of a click-to-dial the CTI tagged with `CTI_REQUEST_ID` (S01). */
  originateNumber(requestId: string): string | undefined;
}

/** `PJSIP/6001-0000001c` → `PJSIP/6001`; `Local/6002@from-internal-00000000;1` → `Local/6002@from-internal`. */
export const deviceOfChannel = (channel: string): string => {
  const match = /^(.+)-[0-9a-f]{8}(?:;[12])?$/.exec(channel);
  return match?.[1] ?? channel;
};

/** `PJSIP/6001` → `6001`: the extension part of a device name. */
export const extensionOfDevice = (device: string): string => {
  const slash = device.indexOf('/');
  const resource = slash < 0 ? device : device.slice(slash + 1);
  const at = resource.indexOf('@');
  return at < 0 ? resource : resource.slice(0, at);
};

/** AMI writes `<unknown>` for an absent caller ID. */
export const knownNumber = (value: string | undefined): string | undefined =>
  value === undefined || value === '' || value === '<unknown>' ? undefined : value;

/**
 * A caller ID name worth showing: AMI writes `<unknown>` for none, and many carriers send the
 * number again as the name.
 */
export const knownName = (value: string | undefined, number: string): string | undefined => {
  const name = value?.trim();
  return name === undefined || name === '' || name === '<unknown>' || name === number.trim() ? undefined : name;
};

/** Default test of an agent device: a SIP/PJSIP/IAX2 endpoint named by digits. */
export const DEFAULT_AGENT_DEVICE_PATTERN = '^(PJSIP|SIP|IAX2)/[0-9]+$';

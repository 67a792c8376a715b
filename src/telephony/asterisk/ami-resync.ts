/**
 * Rebuilding the live calls from Asterisk's channel list after every (re)connect, so that a
 * restart of either side loses no call and invents none (issue 7; fixtures' README S13).
 * Pure: list answers in, mapper state and the contract's `ProviderCallState[]` out.
 *
 * `CoreShowChannels` gives, per channel, its state, Linkedid, context, application and the
 * bridge it is in (`BridgeId`; note the `Status` action spells it `BridgeID`). Legs sharing a
 * Linkedid are one call (README, "Uniqueid and Linkedid"); legs in a bridge are connected.
 *
 * Known limit: a hold made at the phone (a re-INVITE, S07a) is not visible in the channel
 * list, so such a call resyncs as connected until the next `Hold`/`Unhold`.
 */
import type { ConnectionState } from '../../domain/call.js';
import type { ProviderCallState, ProviderEvent } from '../provider.js';
import type { AmiMessage } from './ami-parser.js';
import {
  type AmiCall, type AmiChannel, type AmiMapperContext, type AmiMapperState, type ChannelRole,
  deviceOfChannel, extensionOfDevice, knownNumber,
} from './ami-call-model.js';

export interface AmiResync {
  state: AmiMapperState;
  /** Calls with at least one agent leg: what `synced` reports. */
  calls: ProviderCallState[];
}

/** `00:01:02` → 62 000 ms. */
const durationMs = (text: string | undefined): number => {
  const parts = (text ?? '').split(':').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return 0;
  const [h = 0, m = 0, s = 0] = parts;
  return ((h * 60 + m) * 60 + s) * 1000;
};

/** Orders Uniqueids `<epoch>.<sequence>` by creation. */
export const compareUniqueids = (a: string, b: string): number => {
  const [ae = 0, as = 0] = a.split('.').map(Number);
  const [be = 0, bs = 0] = b.split('.').map(Number);
  return ae - be || as - bs;
};

const stateOf = (m: AmiMessage, role: ChannelRole, first: boolean, ctx: AmiMapperContext): { state: ConnectionState; originate: boolean; heldByRedirect: boolean } => {
  const desc = m.ChannelStateDesc;
  const bridged = Boolean(m.BridgeId ?? m.BridgeID);
  const inHold = m.Context === ctx.holdContext;
  const plain = { originate: false, heldByRedirect: false };
  if (role === 'local') return { state: 'null', ...plain };
  if (role === 'agent') {
    // Originate's leg: first channel of its call, created by the AppDial2 pseudo-application.
    const originate = first && m.Application === 'AppDial2';
    if (desc === 'Up') {
      if (!bridged && inHold) return { state: 'hold', originate, heldByRedirect: true };
      return { state: 'connected', originate, heldByRedirect: false };
    }
    if (originate || desc === 'Ring') return { state: 'initiated', originate, heldByRedirect: false };
    if (desc === 'Ringing') return { state: 'alerting', ...plain };
    return { state: 'null', ...plain };
  }
  if (desc === 'Up') {
    if (bridged || inHold || !first) return { state: 'connected', ...plain };
    return { state: m.Application === 'Queue' ? 'queued' : 'initiated', ...plain };
  }
  if (first) return { state: 'initiated', ...plain };
  return { state: desc === 'Ringing' ? 'alerting' : 'null', ...plain };
};

/** From the `CoreShowChannel` events of one `CoreShowChannels` answer, at time `now`. */
export const resyncFromChannels = (channels: readonly AmiMessage[], now: number, ctx: AmiMapperContext): AmiResync => {
  const byCall = new Map<string, AmiMessage[]>();
  for (const m of channels) {
    if (!m.Uniqueid) continue;
    const key = m.Linkedid || m.Uniqueid;
    const list = byCall.get(key) ?? [];
    list.push(m);
    byCall.set(key, list);
  }
  const calls = new Map<string, AmiCall>();
  for (const [callRef, legs] of byCall) {
    legs.sort((a, b) => compareUniqueids(a.Uniqueid ?? '', b.Uniqueid ?? ''));
    const built: Record<string, AmiChannel> = {};
    let hasAgent = false;
    for (const m of legs) {
      const name = m.Channel ?? '';
      const base = deviceOfChannel(name);
      const role: ChannelRole = name.startsWith('Local/') ? 'local' : ctx.isAgentDevice(base) ? 'agent' : 'remote';
      const uniqueid = m.Uniqueid ?? '';
      const inferred = stateOf(m, role, uniqueid === callRef, ctx);
      hasAgent ||= role === 'agent';
      built[uniqueid] = {
        uniqueid, name, role, state: inferred.state, originate: inferred.originate, heldByRedirect: inferred.heldByRedirect,
        device: role === 'remote' ? knownNumber(m.CallerIDNum) ?? '' : base,
        calledNumber: '', everConnected: inferred.state === 'connected' || inferred.state === 'hold', hungUp: false,
        dialledBy: role === 'agent' ? knownNumber(m.ConnectedLineNum) : undefined,
        bridgeId: (m.BridgeId ?? m.BridgeID) || undefined,
      };
    }
    const root = legs.find((m) => m.Uniqueid === callRef) ?? legs[0];
    const rootChannel = root ? built[root.Uniqueid ?? ''] : undefined;
    const exten = root?.Exten && root.Exten !== 's' ? root.Exten : '';
    const pending: ProviderEvent[] = [];
    if (!hasAgent && rootChannel?.role === 'remote' && rootChannel.state !== 'null') {
      // Reported later, if an agent is rung: the caller as it stands now.
      const base = { callRef, device: rootChannel.device, remote: true as const, at: now };
      pending.push(rootChannel.state === 'queued'
        ? { ...base, type: 'queued', callingNumber: rootChannel.device, calledNumber: exten }
        : { ...base, type: 'originated', calledNumber: exten });
    }
    calls.set(callRef, {
      callRef, hasAgent, pending, channels: built,
      startedAt: now - Math.max(0, ...legs.map((m) => durationMs(m.Duration))),
      callingNumber: rootChannel?.role === 'agent' ? extensionOfDevice(rootChannel.device) : knownNumber(root?.CallerIDNum) ?? '',
      calledNumber: exten,
    });
  }
  const state: AmiMapperState = { calls };
  return { state, calls: snapshotCalls(state) };
};

/** The contract's view of one call; undefined when no agent is on it (not reported). */
export const snapshotCall = (call: AmiCall): ProviderCallState | undefined => {
  if (!call.hasAgent) return undefined;
  const connections = Object.values(call.channels)
    .filter((c) => c.role !== 'local' && c.consultRef === undefined && c.state !== 'null' && !(c.hungUp && c.state !== 'fail'))
    .sort((a, b) => compareUniqueids(a.uniqueid, b.uniqueid))
    .map((c) => ({ device: c.device, ...(c.role === 'remote' ? { remote: true } : {}), state: c.state as Exclude<ConnectionState, 'null'> }));
  if (connections.length === 0) return undefined;
  return { callRef: call.callRef, callingNumber: call.callingNumber, calledNumber: call.calledNumber, startedAt: call.startedAt, connections };
};

/** The contract's view of the mapper's live calls (those with an agent leg). */
export const snapshotCalls = (state: AmiMapperState): ProviderCallState[] => {
  const out: ProviderCallState[] = [];
  for (const call of state.calls.values()) {
    const snapshot = snapshotCall(call);
    if (snapshot) out.push(snapshot);
  }
  return out.sort((a, b) => compareUniqueids(a.callRef, b.callRef));
};

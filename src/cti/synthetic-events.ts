/**
 * Events the registry makes up itself when it resyncs from the provider's `synced` list
 * (after a reconnect or a restart): so adopted and repaired connections still move only
 * through `transition`, the one door, and every such move is logged like any other.
 */
import type { ConnectionState } from '../domain/call.js';
import type { ProviderCallState, ProviderEvent, ProviderEventType } from '../telephony/provider.js';
import { TRANSITIONS } from './connection-state.js';
import type { LiveConnection } from './live-call.js';

/** How to bring a new connection to a state from `null`, through legal moves only. */
export const PATHS: Record<Exclude<ConnectionState, 'null'>, ProviderEventType[]> = {
  initiated: ['originated'],
  alerting: ['delivered'],
  queued: ['queued'],
  connected: ['established'],
  hold: ['established', 'held'],
  fail: ['failed'],
};

export const oneStep = (from: ConnectionState, to: ConnectionState): ProviderEventType | undefined =>
  (Object.entries(TRANSITIONS[from]) as Array<[ProviderEventType, ConnectionState]>).find(([, s]) => s === to)?.[0];

export const synthetic = (
  callRef: string, conn: Pick<LiveConnection, 'device' | 'remote'>, type: ProviderEventType, at: number, pc?: ProviderCallState,
): ProviderEvent => {
  const base = { callRef, device: conn.device, at, ...(conn.remote ? { remote: true } : {}) };
  const calling = pc?.callingNumber ?? '';
  const called = pc?.calledNumber ?? '';
  switch (type) {
    case 'originated': return { ...base, type, calledNumber: called };
    case 'delivered':
    case 'queued': return { ...base, type, callingNumber: calling, calledNumber: called };
    case 'failed': return { ...base, type, cause: 'network' };
    case 'transferred': return { ...base, type, transferredTo: '' };
    case 'diverted': return { ...base, type, divertedTo: '' };
    case 'connection-cleared': return { ...base, type, cause: 'normal' };
    default: return { ...base, type };
  }
};

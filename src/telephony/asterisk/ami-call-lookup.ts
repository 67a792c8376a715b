/**
 * Finding the Asterisk channel a command acts on, from the contract's `ConnectionRef`
 * (callRef × device). Pure lookups over the provider's call table; they throw the contract's
 * `ProviderError` when the connection is not there or not in a state the command allows.
 */
import { ProviderError, type ConnectionRef } from '../provider.js';
import type { AmiCall, AmiChannel } from './ami-call-model.js';

export type CallTable = ReadonlyMap<string, AmiCall>;

export interface FoundLeg {
  leg: AmiChannel;
  /** The connection's state (for a consulting agent: on the consultation call). */
  state: AmiChannel['state'];
  /** `conn` is the consulting agent's connection on a consultation call. */
  consultOwner: boolean;
}

/**
 * The live leg of `conn`. A consultation's callRef (the Local `;1` Uniqueid) is not a
 * Linkedid: its legs live in the held call's entry, and the consulting agent's leg is the
 * one whose `consult` names it.
 */
export const findLeg = (calls: CallTable, conn: ConnectionRef): FoundLeg => {
  const direct = calls.get(conn.callRef);
  const call = direct ?? [...calls.values()].find((c) => Object.values(c.channels).some((ch) => ch.consultRef === conn.callRef || ch.consult?.ref === conn.callRef));
  if (!call) throw new ProviderError('unknown-call', `no live call ${conn.callRef}`);
  const live = Object.values(call.channels).filter((c) => c.device === conn.device && !c.hungUp);
  if (!direct) {
    const owner = live.find((c) => c.consult?.ref === conn.callRef && c.consult.state !== 'null');
    if (owner?.consult) return { leg: owner, state: owner.consult.state, consultOwner: true };
  }
  const leg = live.find((c) => c.state !== 'null' && (direct ? c.consultRef === undefined : c.consultRef === conn.callRef));
  if (!leg) throw new ProviderError('unknown-call', `${conn.device} is not on call ${conn.callRef}`);
  return { leg, state: leg.state, consultOwner: false };
};

/** The leg of `conn` on its own call, in one of `states`. */
export const legOf = (calls: CallTable, conn: ConnectionRef, states?: readonly AmiChannel['state'][]): AmiChannel => {
  const { leg, state, consultOwner } = findLeg(calls, conn);
  if (consultOwner) throw new ProviderError('invalid-state', `${conn.device} is consulting on ${conn.callRef}: complete or drop the consultation first`);
  if (states && !states.includes(state)) throw new ProviderError('invalid-state', `${conn.device} is ${state} on call ${conn.callRef}`);
  return leg;
};

/** The leg bridged with the agent's (same bridge), else the call's other connected party. */
export const farLegOf = (calls: CallTable, callRef: string, agent: AmiChannel): AmiChannel => {
  const others = Object.values(calls.get(callRef)?.channels ?? {}).filter((c) => c !== agent && !c.hungUp && c.role !== 'local' && c.consultRef === undefined);
  const far = others.find((c) => agent.bridgeId !== undefined && c.bridgeId === agent.bridgeId) ?? others.find((c) => c.state === 'connected');
  if (!far) throw new ProviderError('invalid-state', `call ${callRef} has no far party to hold`);
  return far;
};

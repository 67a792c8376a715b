/**
 * Which call-control buttons the UI may offer for a call (R6.9), from its snapshot and the
 * provider's capabilities. Pure; call-control.ts checks commands against the same rules,
 * so a button that is offered never answers 409.
 *
 * - Hold, Transfer and Consult need a connected far party: not offered while dialling,
 *   nor when the called number is busy or invalid (R6.9), nor on a consultation call.
 * - While a consultation is running, its held call offers no Retrieve: the agent completes
 *   the transfer or hangs up the consultation (or reconnects) first (R6.9).
 */
import type { CallSnapshot } from '../domain/call.js';
import type { Capability } from '../telephony/provider.js';

export type CallAction = 'answer' | 'hangup' | 'hold' | 'retrieve' | 'transfer' | 'consult' | 'complete' | 'reconnect';

export const ACTION_CAPABILITY: Readonly<Record<CallAction, Capability>> = {
  answer: 'answer',
  hangup: 'clear',
  hold: 'hold',
  retrieve: 'retrieve',
  transfer: 'singleStepTransfer',
  consult: 'consult',
  complete: 'completeTransfer',
  reconnect: 'reconnect',
};

type Snap = Pick<CallSnapshot, 'device' | 'state' | 'connections' | 'failureCause' | 'consultOf' | 'consultedBy'>;

/** Whether the call's state allows the action (capabilities aside). */
export const stateAllows = (s: Snap, action: CallAction): boolean => {
  const farConnected = s.connections.some((c) => c.device !== s.device && (c.state === 'connected' || c.state === 'hold'));
  const talking = s.state === 'connected' && farConnected && s.failureCause === undefined;
  switch (action) {
    case 'answer': return s.state === 'alerting' || s.state === 'queued';
    case 'hangup': return s.state !== 'null';
    case 'hold':
    case 'transfer':
    case 'consult': return talking && s.consultOf === undefined && s.consultedBy === undefined;
    case 'retrieve': return s.state === 'hold' && s.consultedBy === undefined;
    case 'complete': return talking && s.consultOf !== undefined;
    case 'reconnect': return s.consultOf !== undefined && s.state !== 'null';
  }
};

export const ALL_ACTIONS: readonly CallAction[] = ['answer', 'hangup', 'hold', 'retrieve', 'transfer', 'consult', 'complete', 'reconnect'];

/** The buttons to show, in a stable order. */
export const allowedActions = (s: Snap, capabilities: ReadonlySet<Capability>): CallAction[] =>
  ALL_ACTIONS.filter((a) => capabilities.has(ACTION_CAPABILITY[a]) && stateAllows(s, a));

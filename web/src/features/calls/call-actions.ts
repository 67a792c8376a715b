/**
 * Which buttons the call screen shows for one call (R6.7, R6.9). Pure: the state
 * (this device's CSTA connection state, ECMA-269 §6.1.5), the call's relation to the
 * other active calls (consultation pairs), and the server's `actions` (what the
 * provider can do) decide. The server list is an upper bound: a button appears only
 * when both this table and the server allow it, so a provider that cannot hold never
 * shows Hold, and a state that does not fit never shows a button the server would
 * refuse with 409.
 *
 *   initiated (Dialing)  → Hang up                            [also "connected" before the far end answers]
 *   alerting  (Ringing)  → Answer, Hang up (decline)          [inbound only for Answer]
 *   connected            → Hang up, Hold, Transfer, Consult   [Hold hidden: busy/invalid]
 *   connected, consult   → Complete transfer, Hang up         [the consultation call]
 *   hold                 → Retrieve                           [not while its consult lives]
 *   fail                 → Hang up (clear the failed attempt)
 */
import type { CallCommand, CallView } from './call-types.js';

export type CallButton = CallCommand;

/** Display order, left to right. */
const ORDER: readonly CallButton[] = ['answer', 'complete', 'hold', 'retrieve', 'transfer', 'consult', 'reconnect', 'hangup'];

/** A call still worth showing in Active calls: not cleared, not ended. */
export const isActive = (call: CallView): boolean => call.state !== 'null' && !call.endedAt;

/** The consultation call started from `held`, if it is still live. */
export const consultationOf = (held: CallView, calls: readonly CallView[]): CallView | undefined =>
  calls.find((c) => isActive(c) && c.id !== held.id && (c.consultOf === held.id || held.consultedBy === c.id));

/** The held call a consultation call was started from, if it is still live. */
export const heldCallOf = (consult: CallView, calls: readonly CallView[]): CallView | undefined =>
  consult.consultOf === undefined ? undefined : calls.find((c) => c.id === consult.consultOf && isActive(c));

/** Hold makes no sense towards a busy or invalid number (R6.9). */
const holdForbidden = (call: CallView): boolean =>
  call.failureCause === 'busy' || call.failureCause === 'invalid-number';

/** Another party of the call is connected (or holds it): there is someone to hold or transfer. */
const farPartyTalking = (call: CallView): boolean =>
  call.connections.some((c) => c.device !== call.device && (c.state === 'connected' || c.state === 'hold'));

const byState = (call: CallView, calls: readonly CallView[]): CallButton[] => {
  switch (call.state) {
    case 'initiated':
      return ['hangup'];
    case 'alerting':
      return call.direction === 'outbound' ? ['hangup'] : ['answer', 'hangup'];
    case 'queued':
      return ['hangup'];
    case 'connected': {
      // An outgoing call is "connected" at our end while the far end still rings (CSTA
      // originating connection): nothing but Hang up until someone answers.
      if (!farPartyTalking(call)) return ['hangup'];
      // The consultation call: Complete transfer while its held call lives (R6.9).
      if (call.consultOf !== undefined) return heldCallOf(call, calls) ? ['complete', 'hangup'] : ['hangup'];
      if (call.consultedBy !== undefined && consultationOf(call, calls)) return ['hangup'];
      const buttons: CallButton[] = ['hangup', 'transfer', 'consult'];
      if (!holdForbidden(call)) buttons.push('hold');
      return buttons;
    }
    case 'hold':
      return consultationOf(call, calls) ? [] : ['retrieve', 'hangup'];
    case 'fail':
      return ['hangup'];
    case 'null':
      return [];
  }
};

/**
 * The buttons to show for `call`, given every call on this device. When the server
 * sends `actions`, only those it lists survive.
 */
export const callButtons = (call: CallView, calls: readonly CallView[] = [call]): CallButton[] => {
  if (!isActive(call)) return [];
  const wanted = new Set(byState(call, calls));
  const allowed = call.actions === undefined ? null : new Set(call.actions);
  return ORDER.filter((b) => wanted.has(b) && (allowed === null || allowed.has(b)));
};

/** Buttons that need a target number typed in the Number field (R6.9: "to the extension typed in Number"). */
export const needsTarget = (button: CallButton): boolean => button === 'transfer' || button === 'consult';

/** The call that keyboard shortcuts act on: a ringing call for Alt+A, else the connected one. */
export const shortcutTarget = (button: 'answer' | 'hangup', calls: readonly CallView[]): CallView | undefined =>
  calls.filter(isActive).find((c) => callButtons(c, calls).includes(button) && (button === 'answer' || c.state !== 'hold'));

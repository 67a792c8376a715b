/**
 * Q.850 hangup causes and Dial() statuses, as Asterisk reports them in `Hangup` (`Cause`) and
 * `DialEnd` (`DialStatus`), translated to the contract's failure causes. Pure.
 *
 * The fixtures' README decides the priorities: classify a far leg by its `Hangup` cause first
 * (S04: `DialEnd` says NOANSWER while the carrier answered 404 → cause 1), and fall back to
 * the dial status only when the cause says nothing (a Dial timeout hangs up with cause 16).
 */
import type { FailureCause } from '../../domain/call.js';

/** ITU-T Q.850 §2.2.7 cause values that mean the call could not be completed. */
export const failureOfCause = (cause: number): FailureCause | undefined => {
  switch (cause) {
    case 17: // user busy
      return 'busy';
    case 1: // unallocated (unassigned) number
    case 3: // no route to destination
    case 22: // number changed
    case 28: // invalid number format (address incomplete)
      return 'invalid-number';
    case 18: // no user responding
    case 19: // no answer from user (user alerted)
      return 'no-answer';
    case 21: // call rejected
      return 'rejected';
    case 20: // subscriber absent (a phone that is not registered)
      return 'unavailable';
    case 27: // destination out of order
    case 34: // no circuit/channel available
    case 38: // network out of order
    case 41: // temporary failure
    case 42: // switching equipment congestion
      return 'network';
    default:
      // 16 normal clearing, 0 unknown (an AMI Hangup of a leg still in Dial, S03),
      // 26 answered elsewhere (S14), 127 interworking (a caller's CANCEL, S06).
      return undefined;
  }
};

/** Dial() application's DIALSTATUS as carried by `DialEnd`. */
export const failureOfDialStatus = (status: string | undefined): FailureCause | undefined => {
  switch (status) {
    case 'BUSY':
      return 'busy';
    case 'NOANSWER':
      return 'no-answer';
    case 'CONGESTION':
    case 'CHANUNAVAIL':
      return 'network';
    default:
      // ANSWER, CANCEL (the calling side gave up), DONTCALL, TORTURE, unknown.
      return undefined;
  }
};

/** Cause reported on a `connection-cleared`: a failure cause when there is one, else normal. */
export const clearCauseOf = (cause: number): FailureCause | 'normal' => failureOfCause(cause) ?? 'normal';

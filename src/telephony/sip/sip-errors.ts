/**
 * Pure translation of SIP final responses to the contract's failure causes (RFC 3261
 * §21): 486/600 busy, 480/408 and our own no-answer timeout no-answer, 404/484/604
 * invalid-number, 603 rejected, everything else (5xx, transport failure) network.
 */
import type { FailureCause } from '../../domain/call.js';
import { ProviderError } from '../provider.js';

/** What ended an outgoing INVITE without a 2xx. */
export type InviteFailure = number | 'timeout' | 'transport-error' | 'no-answer';

export const failureCause = (f: InviteFailure): FailureCause => {
  if (f === 'no-answer' || f === 'timeout') return 'no-answer';
  if (f === 'transport-error') return 'network';
  switch (f) {
    case 486: case 600: return 'busy';
    case 480: case 408: return 'no-answer';
    case 404: case 484: case 604: return 'invalid-number';
    case 603: return 'rejected';
    default: return 'network';
  }
};

/** The device has no live registration: commands that need its phone are refused. */
export const notRegistered = (device: string): ProviderError =>
  new ProviderError('unknown-device', `The phone of device ${device} is not registered with Switchboard`);

export const unknownCall = (callRef: string, device: string): ProviderError =>
  new ProviderError('unknown-call', `No call ${callRef} at device ${device}`);

export const invalidState = (what: string): ProviderError => new ProviderError('invalid-state', what);

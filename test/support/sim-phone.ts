/**
 * The simulated phone system's outside world, spoken in OUR call ids (issue 12): the PBX
 * names its calls `sim-N` (refs that repeat after a restart); the API, snapshots and the
 * call log use the CTI's own ids. Tests place calls here and get the id the API takes.
 */
import type { CallRegistry } from '../../src/cti/call-registry.js';
import type { SimProvider } from '../../src/telephony/sim/sim-provider.js';

export interface SimPhone {
  injectIncoming(from: string, to: string, opts?: { abandonAfterMs?: number }): Promise<{ callId: string; callRef: string }>;
  dial(device: string, number: string): Promise<{ callId: string; callRef: string }>;
  remoteHangup(callId: string): void;
  remoteAnswer(callId: string): void;
}

export function simPhone(sim: () => SimProvider, registry: CallRegistry): SimPhone {
  const placed = async (callRef: string) => {
    await registry.flush();
    const callId = registry.idOf(callRef);
    if (callId === undefined) throw new Error(`the CTI did not see ${callRef}`);
    return { callId, callRef };
  };
  const refOf = (callId: string) => {
    const call = registry.call(callId);
    if (call === undefined) throw new Error(`no live call ${callId}`);
    return call.ref;
  };
  return {
    injectIncoming: (from, to, opts) => placed(sim().world.injectIncoming(from, to, opts).callRef),
    dial: (device, number) => placed(sim().world.dial(device, number).callRef),
    remoteHangup: (callId) => sim().world.remoteHangup(refOf(callId)),
    remoteAnswer: (callId) => sim().world.remoteAnswer(refOf(callId)),
  };
}

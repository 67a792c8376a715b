/**
 * Transfers and consultations in the pure mapper (fixtures' README S08, S09, S10):
 * - blind transfer: reported when the transferee dials the target, so `transferredTo` is the
 *   device it reached;
 * - attended transfer: the Local channel pair an agent's Atxfer creates is a consultation
 *   call of its own (callRef = the `;1` Uniqueid), completed by `AttendedTransfer` or ended
 *   when the consulted party hangs up.
 */
import type { AmiChannel } from './ami-call-model.js';
import { deviceOfChannel, extensionOfDevice, knownNumber } from './ami-call-model.js';
import { CallDraftBase } from './ami-call-draft.js';

export abstract class TransferRules extends CallDraftBase {
  /** S08: reported when the transferee dials the target, so `transferredTo` names the device. */
  protected onBlindTransfer(): void {
    const c = this.channel(this.m.TransfererUniqueid);
    if (this.m.Result !== 'Success' || !c || c.role !== 'agent' || (c.state !== 'connected' && c.state !== 'hold')) return;
    this.put({ ...c, transferPending: { to: this.m.Extension ?? '', transferee: this.m.TransfereeUniqueid ?? '' } });
  }

  protected finishBlindTransfer(agent: AmiChannel, to: string): void {
    const { transferPending: _done, ...rest } = agent;
    this.emit(this.put(rest), 'transferred', { transferredTo: to });
  }

  /**
   * S09: the transferring agent leaves both calls (the core clears its consultation
   * connection from `secondaryCallRef`, as in ECMA-269's Transferred event); the consulted party is moved from
   * the consultation to the held call, where it is now talking to the caller.
   */
  protected onAttendedTransfer(): void {
    if (this.m.Result !== 'Success') return;
    const to = this.transferTargetOf();
    for (const uniqueid of new Set([this.m.OrigTransfererUniqueid, this.m.SecondTransfererUniqueid])) {
      const c = this.channel(uniqueid);
      if (!c || c.role !== 'agent') continue;
      const ref = c.consult?.ref;
      this.emit(c, 'transferred', { transferredTo: to, secondaryCallRef: ref });
      if (!ref) continue;
      const after = this.channel(c.uniqueid) ?? c;
      this.put({ ...after, consult: undefined });
      for (const member of Object.values(this.channels)) {
        if (member.consultRef !== ref) continue;
        if (member.role === 'local' || member.hungUp || member.state === 'null') {
          this.put({ ...member, consultRef: undefined });
          continue;
        }
        this.emit(member, 'connection-cleared', { cause: 'normal' });
        const moved = this.put({ ...(this.channel(member.uniqueid) ?? member), consultRef: undefined, state: 'null' });
        this.emit(moved, 'established', {});
      }
    }
  }

  // --- consultation (attended transfer, S09/S10) ---------------------------------------

  /**
   * A Local channel pair created while an agent holds the call is that agent's consultation
   * (Atxfer, or the phone's attended-transfer key): `;1` names the new call, `;2` dials the
   * consulted party (README S09).
   */
  protected joinConsult(local: AmiChannel): void {
    if (local.name.endsWith(';2')) {
      const one = Object.values(this.channels).find((c) => c.name === `${local.name.slice(0, -1)}1`);
      if (one?.consultRef) this.put({ ...local, consultRef: one.consultRef });
      return;
    }
    const owner = Object.values(this.channels).find((c) => c.role === 'agent' && c.state === 'hold' && !c.hungUp && (!c.consult || c.consult.state === 'null'));
    if (!owner) return;
    const ref = local.uniqueid;
    const to = extensionOfDevice(deviceOfChannel(local.name));
    this.put({ ...local, consultRef: ref });
    this.emitConsult(this.put({ ...owner, consult: { ref, state: 'null', to } }), 'originated', { calledNumber: to });
  }

  protected consultOwner(ref: string): AmiChannel | undefined {
    return Object.values(this.channels).find((c) => c.consult?.ref === ref);
  }

  /** The consultation is over once nobody but the consulting agent is left on it (S10). */
  protected clearFinishedConsult(gone: AmiChannel): void {
    const ref = gone.consultRef;
    const owner = ref ? this.consultOwner(ref) : undefined;
    if (!ref || !owner?.consult || owner.consult.state === 'null') return;
    const others = Object.values(this.channels).some((c) => c.consultRef === ref && c.role !== 'local' && !c.hungUp && c.state !== 'null' && c.state !== 'fail');
    const localGone = Object.values(this.channels).some((c) => c.uniqueid === ref && c.hungUp);
    if (!others && (gone.role !== 'local' || localGone)) this.emitConsult(owner, 'connection-cleared', { cause: 'normal' });
  }

  /**
   * The held call of a consultation lost its last other party (the caller hung up while the
   * agent consults, X01): Asterisk keeps the agent talking to the consulted party as a normal
   * call (main/bridge_basic.c `consulting_exit`, transferee hangup) and sends no Unhold, so
   * the agent's connection to the held call ends now; the same leg stays on the consultation.
   */
  protected endAbandonedHeldCalls(): void {
    for (const agent of Object.values(this.channels)) {
      if (agent.role !== 'agent' || agent.hungUp || agent.state === 'null' || !agent.consult || agent.consult.state === 'null') continue;
      const others = Object.values(this.channels).some((c) => c.uniqueid !== agent.uniqueid && c.role !== 'local' && c.consultRef === undefined
        && !c.hungUp && c.state !== 'null' && c.state !== 'fail');
      if (!others) this.emit(agent, 'connection-cleared', { cause: 'normal' });
    }
  }

  /** An agent who hangs up while consulting leaves the consultation too. */
  protected leaveConsult(gone: AmiChannel): void {
    if (gone.role === 'agent' && gone.consult && gone.consult.state !== 'null') this.emitConsult(gone, 'connection-cleared', { cause: 'normal' });
  }

  /** Where an attended transfer took the call: the device the Local pair dialled (S09). */
  protected transferTargetOf(): string {
    const m = this.m;
    const target = m.TransferTargetChannel ?? '';
    const all = Object.values(this.channels);
    const two = target.startsWith('Local/') ? all.find((c) => c.name === `${target.slice(0, -1)}2`) : undefined;
    const reached = two ? all.find((c) => c.dialler === two.uniqueid && c.role !== 'local') : all.find((c) => c.name === target);
    if (reached?.device) return reached.device;
    if (target.startsWith('Local/')) return extensionOfDevice(deviceOfChannel(target));
    return knownNumber(m.TransferTargetCallerIDNum) ?? extensionOfDevice(deviceOfChannel(target));
  }
}

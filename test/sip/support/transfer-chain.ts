/**
 * A model of one conversation under transfers, and the steps that change it, played on a
 * ToneWorld: CRM blind transfers, phones' own REFERs, consultations, completes, reconnects,
 * holds and retrieves, by whichever party may. After every step each phone must hear the
 * tone of the phone it now talks to (a held party: music; the holder: silence).
 */
import type { ProviderEvent } from '../../../src/telephony/provider.js';
import { CALLER, DEVICES, type ToneWorld } from './tone-world.js';

export interface Conversation {
  ref: string;
  /** The two parties of the main call. */
  parties: [string, string];
  /** The party that put the main call on hold from the page. */
  holder?: string;
  /** A consultation in progress: `agent` (a party of the main call, holding it) talks to `target`. */
  consult?: { ref: string; agent: string; target: string };
}

export type Step =
  | { kind: 'transfer'; by: string; to: string }
  | { kind: 'refer'; by: string; to: string }
  | { kind: 'hold'; by: string }
  | { kind: 'retrieve'; by: string }
  | { kind: 'consult'; by: string; to: string }
  | { kind: 'complete' }
  | { kind: 'reconnect' };

const isDevice = (p: string): boolean => (DEVICES as readonly string[]).includes(p);

/** Every step the conversation allows now. */
export const stepsFrom = (c: Conversation): Step[] => {
  if (c.consult) return [{ kind: 'complete' }, { kind: 'reconnect' }];
  if (c.holder) return [{ kind: 'retrieve', by: c.holder }];
  const free = DEVICES.filter((d) => !c.parties.includes(d));
  return c.parties.filter(isDevice).flatMap((by): Step[] => [
    { kind: 'hold', by },
    ...free.flatMap((to): Step[] => [{ kind: 'transfer', by, to }, { kind: 'refer', by, to }, { kind: 'consult', by, to }]),
  ]);
};

export const describeStep = (s: Step): string => {
  switch (s.kind) {
    case 'transfer': case 'refer': case 'consult': return `${s.kind} ${s.by}→${s.to}`;
    case 'hold': case 'retrieve': return `${s.kind} by ${s.by}`;
    default: return s.kind;
  }
};

type Pred = (e: ProviderEvent) => boolean;
const ev = (type: string, callRef: string, device: string): Pred => (e) => e.type === type && e.callRef === callRef && e.device === device;

/** Plays `s` on the world and returns the conversation after it, once every phone has settled. */
export const play = async (w: ToneWorld, c: Conversation, s: Step): Promise<Conversation> => {
  const p = w.provider;
  const from = w.rec.events.length;
  const until = (what: string, pred: Pred): Promise<unknown> => w.rec.waitFor(what, (e) => 'callRef' in e && pred(e as ProviderEvent), from);
  const closed = (who: string): Promise<unknown> => w.phone(who).waitEvent('CALL_CLOSED', w.phone(who).events.length, 20_000);
  const other = (by: string): string => (c.parties[0] === by ? c.parties[1] : c.parties[0]);
  switch (s.kind) {
    case 'transfer': case 'refer': {
      const gone = closed(s.by);
      if (s.kind === 'transfer') await p.singleStepTransfer({ callRef: c.ref, device: s.by }, s.to);
      else await w.phone(s.by).command('transfer', `sip:${s.to}@127.0.0.1:${w.serverPort}`);
      await until(`${s.to} established`, ev('established', c.ref, s.to));
      await gone;
      return { ref: c.ref, parties: [other(s.by), s.to] };
    }
    case 'hold':
      await p.hold({ callRef: c.ref, device: s.by });
      await until('held', ev('held', c.ref, s.by));
      return { ...c, holder: s.by };
    case 'retrieve':
      await p.retrieve({ callRef: c.ref, device: s.by });
      await until('retrieved', ev('retrieved', c.ref, s.by));
      return { ref: c.ref, parties: c.parties };
    case 'consult': {
      const { callRef } = await p.consult({ callRef: c.ref, device: s.by }, s.to);
      await until(`${s.to} established`, ev('established', callRef, s.to));
      await until(`${s.by} established in the consultation`, ev('established', callRef, s.by));
      return { ...c, consult: { ref: callRef, agent: s.by, target: s.to } };
    }
    case 'complete': {
      const k = c.consult as NonNullable<Conversation['consult']>;
      const gone = closed(k.agent);
      await p.completeTransfer({ callRef: c.ref, device: k.agent }, { callRef: k.ref, device: k.agent });
      await until('transferred', ev('transferred', c.ref, k.agent));
      await gone;
      return { ref: c.ref, parties: [other(k.agent), k.target] };
    }
    case 'reconnect': {
      const k = c.consult as NonNullable<Conversation['consult']>;
      const gone = closed(k.target);
      await p.reconnect({ callRef: c.ref, device: k.agent }, { callRef: k.ref, device: k.agent });
      await until('retrieved', ev('retrieved', c.ref, k.agent));
      await gone;
      return { ref: c.ref, parties: c.parties };
    }
  }
};

/** What each phone in the conversation must hear now. */
export const expectedHearing = (c: Conversation): Array<[string, string]> => {
  const [x, y] = c.parties;
  if (c.consult) {
    const { agent, target } = c.consult;
    return [[agent, target], [target, agent], [agent === x ? y : x, 'music']];
  }
  if (c.holder) return [[c.holder, 'silence'], [c.holder === x ? y : x, 'music']];
  return [[x, y], [y, x]];
};

/** Checks every phone of the conversation hears whom it should (all at once). */
export const checkAudio = async (w: ToneWorld, c: Conversation): Promise<void> => {
  const all = expectedHearing(c);
  // silence is listened for once the others hear what they should (the change has happened)
  await Promise.all(all.filter(([, what]) => what !== 'silence').map(([who, what]) => w.hears(who, what)));
  await Promise.all(all.filter(([, what]) => what === 'silence').map(([who, what]) => w.hears(who, what)));
};

/** The ways a conversation starts: a call in from outside, or click-to-dial to a colleague or outside. */
export const START = ['incoming', 'dial-colleague', 'dial-outside'] as const;

export const startConversation = async (w: ToneWorld, how: (typeof START)[number]): Promise<Conversation> => {
  const from = w.rec.events.length;
  const est = (device: string, ref?: string): Promise<unknown> => w.rec.waitFor(`${device} established`, (e) => e.type === 'established' && e.device === device && (ref === undefined || e.callRef === ref), from);
  if (how === 'incoming') {
    await w.callIn();
    const e = await est('1001') as ProviderEvent;
    await est(CALLER, e.callRef);
    return { ref: e.callRef, parties: [CALLER, '1001'] };
  }
  const to = how === 'dial-colleague' ? '1002' : CALLER;
  const { callRef } = await w.provider.makeCall('1001', how === 'dial-colleague' ? '1002' : `9${CALLER}`);
  await est(to, callRef);
  await est('1001', callRef);
  return { ref: callRef, parties: ['1001', to] };
};

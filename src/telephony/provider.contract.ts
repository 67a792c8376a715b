/**
 * The provider contract suite (R2.2, R6.4–R6.10): one vitest suite every telephony adapter
 * must pass, scenario by scenario, the way kysely runs each test file for every dialect.
 *
 *   runProviderContract('sim', makeHarness, { supports });
 *
 * The harness makes the "world" act (a caller rings in, a handset is lifted, the far party
 * hangs up, time passes for scripted parties) and says which scenarios it can play: an
 * adapter tested by replaying recordings covers only the scenarios it has recordings for,
 * and the suite skips the others, naming the reason in the test title.
 *
 * Assertions are on the sequence of provider events (ECMA-269 vocabulary). They ask for
 * what any phone system must report and leave room for where systems differ (e.g. a
 * click-to-dial may first ring the agent's own phone: `delivered` instead of `originated`).
 */
import { describe, expect, it } from 'vitest';
import {
  ProviderError,
  type ProviderEvent, type ProviderEventType, type ProviderStatusEvent, type TelephonyProvider,
} from './provider.js';

export const CONTRACT_SCENARIOS = [
  'dial-answered', 'dial-hangup-while-dialing', 'dial-busy', 'dial-invalid-number', 'dial-no-answer',
  'incoming-answer', 'incoming-lift-handset', 'hold-retrieve', 'blind-transfer', 'consult-complete',
  'consult-hangup-retrieve', 'two-calls', 'remote-hangup', 'provider-down-up',
] as const;

export type ContractScenario = (typeof CONTRACT_SCENARIOS)[number];

export interface ProviderHarness {
  provider: TelephonyProvider;
  /** Agent devices as the provider names them: `agent` is the main one, `colleague` a second. */
  devices: { agent: string; colleague: string };
  /** Dialable strings (after the dialling rules) that make the outside world behave so. */
  numbers: { answers: string; busy: string; noAnswer: string; invalid: string };
  /** An outside caller, as a person would type it. */
  caller: string;
  /** How long the scripted outside world takes: a remote answer, a no-answer timeout. */
  timing: { remoteAnswersAfterMs: number; noAnswerAfterMs: number };
  world: {
    incoming(from: string, to: string): Promise<void>;
    /** Let `ms` of the world's time pass (a manual clock advances; a real one may just wait). */
    passTime(ms: number): Promise<void>;
    liftHandset?(device: string): Promise<void>;
    remoteHangup?(callRef: string): Promise<void>;
    linkDown?(): Promise<void>;
    linkUp?(): Promise<void>;
  };
  /** The longest the suite waits for an expected event before failing with what it saw. */
  patienceMs?: number;
  close(): Promise<void>;
}

export type MakeHarness = (scenario: ContractScenario) => Promise<ProviderHarness>;
/** `true`, or the reason the harness cannot play this scenario. */
export type ScenarioSupport = (scenario: ContractScenario) => true | string;

type AnyEvent = ProviderEvent | ProviderStatusEvent;
type Pred = (e: AnyEvent) => boolean;

/** Records every event and lets a scenario await the one it expects next. */
export class EventRecorder {
  readonly events: AnyEvent[] = [];
  private waiters: Array<{ pred: Pred; from: number; resolve: (e: AnyEvent) => void }> = [];

  constructor(private readonly patienceMs: number) {}

  readonly listener = (e: AnyEvent): void => {
    this.events.push(e);
    const index = this.events.length - 1;
    for (const w of [...this.waiters]) {
      if (index >= w.from && w.pred(e)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(e);
      }
    }
  };

  /** The first matching event at or after position `from` (default: any time so far). */
  async waitFor(what: string, pred: Pred, from = 0): Promise<AnyEvent> {
    const seen = this.events.slice(from).find(pred);
    if (seen !== undefined) return seen;
    return new Promise<AnyEvent>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== resolve);
        reject(new Error(`expected ${what}; saw:\n${this.describe()}`));
      }, this.patienceMs);
      this.waiters.push({ pred, from, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  }

  /** Call events of one call, as `device:type` words (remote devices as `remote:type`). */
  trail(callRef: string): string[] {
    return this.events.flatMap((e) => ('callRef' in e && e.callRef === callRef ? [`${e.remote === true ? 'remote' : e.device}:${e.type}`] : []));
  }

  describe(): string {
    return this.events.map((e) => JSON.stringify(e)).join('\n');
  }
}

const on = (callRef: string, device: string | 'remote', ...types: ProviderEventType[]): Pred => (e) =>
  'callRef' in e && e.callRef === callRef && (types as string[]).includes(e.type)
  && (device === 'remote' ? e.remote === true : e.device === device && e.remote !== true);

const digits = (s: string): string => s.replace(/\D/g, '');

/** The connection's last state-changing event says it is still part of the call. */
const isLiveAfter = (rec: EventRecorder, callRef: string, device: string): boolean => {
  // A transfer that merged a consultation call clears the transferring device there too.
  const mergedAway = (e: AnyEvent): boolean => e.type === 'transferred' && e.device === device && e.secondaryCallRef === callRef;
  const last = rec.events.filter((e) => mergedAway(e) || on(callRef, device, 'originated', 'delivered', 'queued', 'established', 'held', 'retrieved', 'transferred', 'diverted', 'failed', 'connection-cleared')(e)).at(-1);
  return last !== undefined && !['transferred', 'diverted', 'failed', 'connection-cleared'].includes(last.type);
};

export const runProviderContract = (name: string, makeHarness: MakeHarness, support: ScenarioSupport = () => true): void => {
  const scenario = (id: ContractScenario, title: string, body: (h: ProviderHarness, rec: EventRecorder) => Promise<void>): void => {
    const supported = support(id);
    if (supported !== true) {
      it.skip(`${id}: ${title} — skipped: ${supported}`, () => undefined);
      return;
    }
    it(`${id}: ${title}`, async () => {
      const h = await makeHarness(id);
      const rec = new EventRecorder(h.patienceMs ?? 5_000);
      const off = h.provider.onEvent(rec.listener);
      try {
        if (!h.provider.isUp()) await h.provider.start();
        await body(h, rec);
      } finally {
        off();
        await h.close();
      }
    });
  };

  /** Click-to-dial to `number` and wait until the agent's connection exists. */
  const dial = async (h: ProviderHarness, rec: EventRecorder, number: string): Promise<string> => {
    const { callRef } = await h.provider.makeCall(h.devices.agent, number);
    await rec.waitFor('the agent connection (originated or delivered)', on(callRef, h.devices.agent, 'originated', 'delivered'));
    return callRef;
  };

  const dialAnswered = async (h: ProviderHarness, rec: EventRecorder): Promise<string> => {
    const callRef = await dial(h, rec, h.numbers.answers);
    await h.world.passTime(h.timing.remoteAnswersAfterMs);
    await rec.waitFor('the far party established', on(callRef, 'remote', 'established'));
    await rec.waitFor('the agent established', on(callRef, h.devices.agent, 'established'));
    return callRef;
  };

  /** An outside caller rings the agent; resolves with the call's ref once it alerts. */
  const incoming = async (h: ProviderHarness, rec: EventRecorder, to = h.devices.agent): Promise<string> => {
    const from = rec.events.length;
    await h.world.incoming(h.caller, to);
    const e = await rec.waitFor(`${to} alerted by ${h.caller}`, (x) =>
      x.type === 'delivered' && x.device === to && digits(x.callingNumber).endsWith(digits(h.caller).slice(-7)), from);
    return (e as ProviderEvent).callRef;
  };

  const incomingAnswered = async (h: ProviderHarness, rec: EventRecorder): Promise<string> => {
    const callRef = await incoming(h, rec);
    await h.provider.answer({ callRef, device: h.devices.agent });
    await rec.waitFor('the agent established', on(callRef, h.devices.agent, 'established'));
    return callRef;
  };

  describe(`telephony provider contract: ${name}`, () => {
    scenario('dial-answered', 'click-to-dial, the far party answers, the agent hangs up (R6.4)', async (h, rec) => {
      const callRef = await dialAnswered(h, rec);
      const trail = rec.trail(callRef);
      expect(trail.indexOf('remote:established')).toBeGreaterThan(trail.findIndex((t) => t === 'remote:delivered' || t.startsWith(`${h.devices.agent}:`)));
      await h.provider.clear({ callRef, device: h.devices.agent });
      await rec.waitFor('the agent cleared', on(callRef, h.devices.agent, 'connection-cleared'));
      await rec.waitFor('the far party cleared', on(callRef, 'remote', 'connection-cleared'));
    });

    scenario('dial-hangup-while-dialing', 'the agent hangs up while the far party still rings (R6.4)', async (h, rec) => {
      const callRef = await dial(h, rec, h.numbers.answers);
      await h.provider.clear({ callRef, device: h.devices.agent });
      await rec.waitFor('the agent cleared', on(callRef, h.devices.agent, 'connection-cleared'));
      await h.world.passTime(h.timing.remoteAnswersAfterMs);
      expect(rec.trail(callRef)).not.toContain('remote:established');
    });

    scenario('dial-busy', 'the far party is busy: failed with cause busy (R6.9)', async (h, rec) => {
      const callRef = await dial(h, rec, h.numbers.busy);
      await h.world.passTime(h.timing.remoteAnswersAfterMs);
      const failed = await rec.waitFor('failed: busy', (e) => on(callRef, 'remote', 'failed')(e) || on(callRef, h.devices.agent, 'failed')(e));
      expect(failed).toMatchObject({ type: 'failed', cause: 'busy' });
      await h.provider.clear({ callRef, device: h.devices.agent });
      await rec.waitFor('the agent cleared', on(callRef, h.devices.agent, 'connection-cleared'));
    });

    scenario('dial-invalid-number', 'a number the network cannot route: failed with cause invalid-number', async (h, rec) => {
      const callRef = await dial(h, rec, h.numbers.invalid);
      const failed = await rec.waitFor('failed: invalid-number', (e) => on(callRef, 'remote', 'failed')(e) || on(callRef, h.devices.agent, 'failed')(e));
      expect(failed).toMatchObject({ cause: 'invalid-number' });
      expect(rec.trail(callRef)).not.toContain('remote:established');
    });

    scenario('dial-no-answer', 'nobody answers: failed with cause no-answer', async (h, rec) => {
      const callRef = await dial(h, rec, h.numbers.noAnswer);
      await h.world.passTime(h.timing.noAnswerAfterMs);
      const failed = await rec.waitFor('failed: no-answer', (e) => on(callRef, 'remote', 'failed')(e) || on(callRef, h.devices.agent, 'failed')(e));
      expect(failed).toMatchObject({ cause: 'no-answer' });
    });

    scenario('incoming-answer', 'an outside caller rings the agent, who answers from the page (R6.6, R6.7)', async (h, rec) => {
      const callRef = await incomingAnswered(h, rec);
      const trail = rec.trail(callRef);
      expect(trail.indexOf(`${h.devices.agent}:delivered`)).toBeLessThan(trail.indexOf(`${h.devices.agent}:established`));
    });

    scenario('incoming-lift-handset', 'the agent answers by lifting the handset (R6.7)', async (h, rec) => {
      const callRef = await incoming(h, rec);
      const lift = h.world.liftHandset;
      if (lift === undefined) throw new Error('the harness supports incoming-lift-handset but has no liftHandset');
      await lift(h.devices.agent);
      await rec.waitFor('the agent established', on(callRef, h.devices.agent, 'established'));
    });

    scenario('hold-retrieve', 'hold then retrieve a connected call; retrieve of an unheld call is refused (R6.9)', async (h, rec) => {
      const callRef = await dialAnswered(h, rec);
      const conn = { callRef, device: h.devices.agent };
      await expect(h.provider.retrieve(conn)).rejects.toBeInstanceOf(ProviderError);
      await h.provider.hold(conn);
      await rec.waitFor('held', on(callRef, h.devices.agent, 'held'));
      await h.provider.retrieve(conn);
      await rec.waitFor('retrieved', on(callRef, h.devices.agent, 'retrieved'));
      expect(rec.trail(callRef).filter((t) => t.startsWith(`${h.devices.agent}:`)).slice(-2)).toEqual([`${h.devices.agent}:held`, `${h.devices.agent}:retrieved`]);
    });

    scenario('blind-transfer', 'blind transfer to a colleague: the agent drops out, the colleague rings (R6.9)', async (h, rec) => {
      const callRef = await incomingAnswered(h, rec);
      await h.provider.singleStepTransfer({ callRef, device: h.devices.agent }, h.devices.colleague);
      const t = await rec.waitFor('transferred', on(callRef, h.devices.agent, 'transferred'));
      expect(t).toMatchObject({ transferredTo: h.devices.colleague });
      const d = await rec.waitFor('the colleague alerted', (e) => e.type === 'delivered' && e.device === h.devices.colleague);
      await h.provider.answer({ callRef: (d as ProviderEvent).callRef, device: h.devices.colleague });
      await rec.waitFor('the colleague established', on((d as ProviderEvent).callRef, h.devices.colleague, 'established'));
      expect(isLiveAfter(rec, callRef, h.devices.agent)).toBe(false);
    });

    const consultAnswered = async (h: ProviderHarness, rec: EventRecorder): Promise<{ held: string; consult: string }> => {
      const held = await incomingAnswered(h, rec);
      const { callRef: consult } = await h.provider.consult({ callRef: held, device: h.devices.agent }, h.devices.colleague);
      expect(consult).not.toBe(held);
      await rec.waitFor('the held call held', on(held, h.devices.agent, 'held'));
      await rec.waitFor('the colleague alerted', on(consult, h.devices.colleague, 'delivered'));
      await h.provider.answer({ callRef: consult, device: h.devices.colleague });
      await rec.waitFor('the colleague established', on(consult, h.devices.colleague, 'established'));
      return { held, consult };
    };

    scenario('consult-complete', 'consult a colleague, then complete the transfer (R6.9)', async (h, rec) => {
      const { held, consult } = await consultAnswered(h, rec);
      await h.provider.completeTransfer({ callRef: held, device: h.devices.agent }, { callRef: consult, device: h.devices.agent });
      const t = await rec.waitFor('transferred', (e) => e.type === 'transferred' && e.device === h.devices.agent);
      expect(t).toMatchObject({ transferredTo: h.devices.colleague });
      expect([held, consult]).toContain((t as ProviderEvent).callRef);
      await rec.waitFor('the colleague with the caller', (e) => on(held, h.devices.colleague, 'established')(e) || isLiveAfter(rec, consult, h.devices.colleague));
      expect(isLiveAfter(rec, held, h.devices.agent) || isLiveAfter(rec, consult, h.devices.agent)).toBe(false);
    });

    scenario('consult-hangup-retrieve', 'consult, hang up the consultation, retrieve the caller (R6.9)', async (h, rec) => {
      const { held, consult } = await consultAnswered(h, rec);
      await h.provider.clear({ callRef: consult, device: h.devices.agent });
      await rec.waitFor('the consultation cleared', on(consult, h.devices.agent, 'connection-cleared'));
      await h.provider.retrieve({ callRef: held, device: h.devices.agent });
      await rec.waitFor('retrieved', on(held, h.devices.agent, 'retrieved'));
      expect(isLiveAfter(rec, held, h.devices.agent)).toBe(true);
    });

    scenario('two-calls', 'a second call while the first is on hold: both live at once (R6.10)', async (h, rec) => {
      const first = await dialAnswered(h, rec);
      await h.provider.hold({ callRef: first, device: h.devices.agent });
      await rec.waitFor('held', on(first, h.devices.agent, 'held'));
      const second = await incoming(h, rec);
      await h.provider.answer({ callRef: second, device: h.devices.agent });
      await rec.waitFor('the second established', on(second, h.devices.agent, 'established'));
      expect(isLiveAfter(rec, first, h.devices.agent)).toBe(true);
      expect(rec.trail(first).at(-1)).toBe(`${h.devices.agent}:held`);
      await h.provider.clear({ callRef: second, device: h.devices.agent });
      await rec.waitFor('the second cleared', on(second, h.devices.agent, 'connection-cleared'));
      await h.provider.retrieve({ callRef: first, device: h.devices.agent });
      await rec.waitFor('the first retrieved', on(first, h.devices.agent, 'retrieved'));
    });

    scenario('remote-hangup', 'the far party hangs up: the agent connection is cleared', async (h, rec) => {
      const callRef = await dialAnswered(h, rec);
      const hangup = h.world.remoteHangup;
      if (hangup === undefined) throw new Error('the harness supports remote-hangup but has no remoteHangup');
      await hangup(callRef);
      await rec.waitFor('the far party cleared', on(callRef, 'remote', 'connection-cleared'));
      await rec.waitFor('the agent cleared', on(callRef, h.devices.agent, 'connection-cleared'));
    });

    scenario('provider-down-up', 'the link drops and returns: down, commands refused, up, then synced with the live call', async (h, rec) => {
      const callRef = await incomingAnswered(h, rec);
      const { linkDown, linkUp } = h.world;
      if (linkDown === undefined || linkUp === undefined) throw new Error('the harness supports provider-down-up but has no linkDown/linkUp');
      await linkDown();
      await rec.waitFor('provider-down', (e) => e.type === 'provider-down');
      expect(h.provider.isUp()).toBe(false);
      await expect(h.provider.makeCall(h.devices.agent, h.numbers.answers)).rejects.toMatchObject({ reason: 'down' });
      const from = rec.events.length;
      await linkUp();
      await rec.waitFor('provider-up', (e) => e.type === 'provider-up', from);
      const synced = await rec.waitFor('synced', (e) => e.type === 'synced', from);
      const call = synced.type === 'synced' ? synced.calls.find((c) => c.callRef === callRef) : undefined;
      expect(call?.connections).toContainEqual(expect.objectContaining({ device: h.devices.agent, state: 'connected' }));
    });
  });
};

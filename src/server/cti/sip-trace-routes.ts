/**
 * The SIP trace for admins (issue 17): turn it on or off for a device (every call the
 * device is in) or for one call, list the traced calls kept, and read a call's messages
 * for the ladder diagram. Admin only (the messages name addresses and phone numbers);
 * digest secrets and URI passwords are masked where they are recorded (sip-trace-mask.ts).
 * Only the built-in SIP server has a trace: another provider answers 409 not-supported.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { TelephonyProvider } from '../../telephony/provider.js';
import type { TraceMessage, TraceState } from '../../telephony/sip/sip-trace.js';
import { errorResponses, Strict } from '../schemas.js';

/** What a provider with a SIP trace offers (the SIP provider, in a worker or not). */
export interface SipTraceControl {
  traceSet(kind: 'device' | 'call', id: string, on: boolean): Promise<void> | void;
  traceState(): Promise<TraceState> | TraceState;
  traceMessages(id: string): Promise<TraceMessage[] | undefined> | TraceMessage[] | undefined;
}

const hasTrace = (p: TelephonyProvider): p is TelephonyProvider & SipTraceControl =>
  typeof (p as Partial<SipTraceControl>).traceSet === 'function' && typeof (p as Partial<SipTraceControl>).traceMessages === 'function';

/**
 * The trace keeps calls under the phone system's name for them (its ref); the API speaks of
 * calls by the CTI's ids (UUIDv7) like every other route. The registry translates both ways.
 */
export interface CallNames {
  /** Our id of the call the phone system names `ref` (live or recently ended). */
  idOf(ref: string): string | undefined;
  /** The phone system's ref of a live call of ours. */
  refOf(id: string): string | undefined;
}

const Id = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._+:@-]+$' });
const Toggle = Strict({ on: Type.Boolean() });
const State = Type.Object({
  devices: Type.Array(Type.String()), calls: Type.Array(Type.String()), keep: Type.Integer(),
  recent: Type.Array(Type.Object({ id: Type.String({ description: 'The CTI call id (the phone system\'s ref when the CTI never saw the call)' }), ref: Type.String({ description: 'The SIP server\'s name of the call' }), startedAt: Type.Number(), peers: Type.Array(Type.String()), messages: Type.Integer() })),
});
const Message = Type.Object({
  seq: Type.Integer(), at: Type.Number(), direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  peer: Type.String({ description: 'The other end\'s address (host:port)' }), peerUser: Type.Optional(Type.String()),
  callId: Type.String({ description: 'The SIP Call-ID (one per dialog; a call has several)' }),
  firstLine: Type.String(), text: Type.String({ description: 'The whole message; digest response, nonce, cnonce and URI passwords masked' }),
});
const Trace = Type.Object({ id: Type.String(), messages: Type.Array(Message) });

export function sipTraceRoutes(app: FastifyInstance, provider: { readonly active: TelephonyProvider }, names: CallNames): void {
  const tags = ['devices'];
  const control = (): SipTraceControl => {
    const p = provider.active;
    if (!hasTrace(p)) throw new AppError('not-supported', 'Only the built-in SIP server has a SIP trace.');
    return p;
  };
  /** The state with each call named by our id. */
  const state = async (c: SipTraceControl) => {
    const s = await c.traceState();
    return {
      ...s,
      calls: s.calls.map((ref) => names.idOf(ref) ?? ref),
      recent: s.recent.map((r) => ({ ...r, id: names.idOf(r.id) ?? r.id, ref: r.id })),
    };
  };
  /** The trace's name of one of our calls: live, or among the traced calls kept. */
  const refFor = async (c: SipTraceControl, id: string): Promise<string> =>
    names.refOf(id) ?? (await c.traceState()).recent.find((r) => names.idOf(r.id) === id)?.id ?? id;
  app.get('/api/telephony/sip-trace', {
    config: { access: 'admin' },
    schema: { tags, summary: 'SIP trace: what is traced (devices, calls), how many calls are kept, the traced calls kept (newest first)', response: { 200: State, ...errorResponses } },
  }, async () => state(control()));
  for (const kind of ['device', 'call'] as const) {
    app.put(`/api/telephony/sip-trace/${kind}s/:id`, {
      config: { access: 'admin' },
      schema: { tags, summary: `SIP trace: turn it on or off for a ${kind === 'device' ? 'device (every call it is in)' : 'call (its CTI call id)'}`, params: Strict({ id: Id }), body: Toggle, response: { 200: State, ...errorResponses } },
    }, async (request) => {
      const c = control();
      const id = (request.params as { id: string }).id;
      await c.traceSet(kind, kind === 'call' ? await refFor(c, id) : id, (request.body as { on: boolean }).on);
      return state(c);
    });
  }
  app.get('/api/telephony/sip-trace/calls/:id/messages', {
    config: { access: 'admin' },
    schema: { tags, summary: 'SIP trace: a traced call\'s messages in time order, every dialog of the call (for the ladder diagram)', params: Strict({ id: Id }), response: { 200: Trace, ...errorResponses } },
  }, async (request) => {
    const id = (request.params as { id: string }).id;
    const c = control();
    const messages = await c.traceMessages(await refFor(c, id));
    if (messages === undefined) throw new AppError('not-found', `No SIP trace is kept for call ${id}.`);
    return { id, messages };
  });
}

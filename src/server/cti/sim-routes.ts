/**
 * The simulated phone system's world (API.md, "Simulated phone system only"): incoming
 * calls from the outside world (admin), and each desk phone's handset — lift, hang up,
 * keypad dial — for the demo panel and tests. A user may use their own handset; an
 * admin any. Answers 409 not-supported when another provider runs.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CallRegistry } from '../../cti/call-registry.js';
import { AppError } from '../../domain/errors.js';
import type { SimProvider } from '../../telephony/sim/sim-provider.js';
import { currentUser } from '../auth.js';
import { Strict, errorResponses } from '../schemas.js';

const DeviceParams = Strict({ name: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$' }) });
/** `from` may be empty or `anonymous`: a caller who withheld the number is an ordinary call (issue 12). */
const InjectBody = Strict({ from: Type.String({ minLength: 0, maxLength: 64 }), to: Type.String({ minLength: 1, maxLength: 40 }) });
const DialBody = Strict({ number: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9*#+ ]+$' }) });

export type DeviceState = 'idle' | 'ringing' | 'offhook' | 'talking' | 'held';

/** What the desk phone shows, from the CTI's view of its calls. */
export function deviceState(states: readonly string[]): DeviceState {
  if (states.includes('alerting')) return 'ringing';
  if (states.includes('connected')) return 'talking';
  if (states.includes('initiated')) return 'offhook';
  if (states.includes('hold')) return 'held';
  return 'idle';
}

export function simRoutes(app: FastifyInstance, deps: { sim: () => SimProvider | null; registry: CallRegistry }): void {
  const tags = ['simulated phone system'];
  const world = () => {
    const sim = deps.sim();
    if (!sim) throw new AppError('not-supported', 'The simulated phone system is not the active telephony provider');
    return sim;
  };
  const ownDevice = (request: FastifyRequest, name: string) => {
    const user = currentUser(request);
    if (user.role !== 'admin' && user.cti_device !== name) throw new AppError('not-your-device', `Device ${name} is not yours`);
  };
  // The PBX's refusals, in the catalogue's words.
  const act = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      const reason = (e as { reason?: string }).reason;
      const message = (e as Error).message;
      if (reason === 'down') throw new AppError('provider-down', message);
      if (reason === 'unknown-device' || reason === 'unknown-call') throw new AppError('not-found', message);
      if (reason === 'refused') throw new AppError('unprocessable', message);
      throw new AppError('invalid-call-state', message, {});
    }
  };

  // `callId` is ours (what /api/calls/{id} takes), `callRef` the simulated PBX's own ref.
  const placed = async (callRef: string) => {
    await deps.registry.flush();
    const callId = deps.registry.idOf(callRef);
    return callId === undefined ? { callRef } : { callRef, callId };
  };
  const Placed = Type.Object({ callRef: Type.String(), callId: Type.Optional(Type.String()) });
  app.post('/api/sim/calls', { config: { access: 'admin' }, schema: { tags, summary: 'An incoming call from the outside world', body: InjectBody, response: { 201: Placed, ...errorResponses } } },
    async (request, reply) => {
      const { from, to } = request.body as Static<typeof InjectBody>;
      let callRef = '';
      act(() => { callRef = world().world.injectIncoming(from, to).callRef; });
      return reply.status(201).send(await placed(callRef));
    });
  app.post('/api/sim/link', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Break or restore the CTI link to the simulated PBX (demos and tests of the "down" state)', body: Strict({ up: Type.Boolean() }), response: errorResponses },
  }, async (request) => {
    const { up } = request.body as { up: boolean };
    const w = world().world;
    if (up) w.linkUp();
    else w.linkDown('link broken from the admin API');
    return { ok: true, up };
  });
  app.get('/api/sim/devices', { schema: { tags, summary: 'The desk phones and what they show' } }, async () => {
    const sim = world();
    if (!sim.isUp()) throw new AppError('provider-down', 'The CTI link to the simulated phone system is down');
    const devices = await sim.listDevices();
    return devices.map((d) => ({ name: d.name, state: deviceState(deps.registry.snapshotsFor(d.name).map((s) => s.state)) }));
  });
  for (const action of ['lift', 'hangup'] as const) {
    app.post(`/api/sim/devices/:name/${action}`, { schema: { tags, summary: action === 'lift' ? 'Lift the handset: answers a ringing call (R6.7)' : 'Put the handset down', params: DeviceParams, response: errorResponses } },
      async (request) => {
        const { name } = request.params as Static<typeof DeviceParams>;
        ownDevice(request, name);
        act(() => world().world[action](name));
        return { ok: true };
      });
  }
  app.post('/api/sim/devices/:name/dial', { schema: { tags, summary: 'Dial on the keypad (as the phone would: outside-line prefix included)', params: DeviceParams, body: DialBody, response: { 201: Placed, ...errorResponses } } },
    async (request, reply) => {
      const { name } = request.params as Static<typeof DeviceParams>;
      ownDevice(request, name);
      let callRef = '';
      act(() => { callRef = world().world.dial(name, (request.body as Static<typeof DialBody>).number.replace(/[ +]/g, '')).callRef; });
      return reply.status(201).send(await placed(callRef));
    });
}

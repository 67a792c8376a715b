/**
 * Calls (API.md): always the caller's own device. Every command goes through the same
 * CallControl as the WebSocket, which checks ownership (403), state (409
 * invalid-call-state with the state), capability (409 not-supported), provider (503).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { CallControl } from '../../cti/call-control.js';
import { currentUser } from '../auth.js';
import { Loose, Strict, errorResponses } from '../schemas.js';

const CallParams = Strict({ id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:;@+-]+$' }) });
const Target = Type.String({ minLength: 1, maxLength: 64 });
const DialBody = Type.Union([
  Strict({ number: Target }),
  Strict({ record: Strict({ type: Type.Union([Type.Literal('person'), Type.Literal('company'), Type.Literal('user')]), id: Type.Integer({ minimum: 1 }), field: Type.String({ minLength: 1, maxLength: 60 }) }) }),
]);
const ToBody = Strict({ to: Target });
export const SnapshotSchema = Loose({
  id: Type.String(), version: Type.Integer(), device: Type.String(),
  direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound'), Type.Literal('internal')]),
  number: Loose({ raw: Type.String() }), matches: Type.Array(Loose({ type: Type.String(), id: Type.Integer(), reason: Type.String() })),
  internal: Type.Boolean(), state: Type.String(), label: Type.Object({ en: Type.String(), fr: Type.String() }),
  connections: Type.Array(Type.Object({ device: Type.String(), state: Type.String() })), startedAt: Type.String(),
});
/** The call's snapshot after the command; a call now over on this device answers `{ id, ended: true }`. */
const CommandResult = Loose({ id: Type.String(), ended: Type.Optional(Type.Boolean()) });
const commandErrors = { ...errorResponses, 409: Type.Ref('Error'), 422: Type.Ref('Error'), 503: Type.Ref('Error') };

type Simple = 'answer' | 'hangup' | 'hold' | 'retrieve' | 'complete' | 'reconnect';
const SIMPLE: Array<[Simple, string]> = [
  ['answer', 'Answer a ringing call (R6.7)'],
  ['hangup', 'Hang up, or cancel while dialing (R6.4)'],
  ['hold', 'Put on hold (R6.9)'],
  ['retrieve', 'Take off hold (R6.9)'],
  ['complete', 'Complete the transfer of a consultation (R6.9)'],
  ['reconnect', 'Drop the consultation and go back to the held call (R6.9)'],
];

export function callRoutes(app: FastifyInstance, control: CallControl): void {
  const tags = ['calls'];
  app.get('/api/calls', { schema: { tags, summary: 'The current calls on my device', response: { 200: Type.Array(SnapshotSchema), ...errorResponses } } },
    async (request) => control.list(currentUser(request).id));
  app.post('/api/calls', {
    schema: { tags, summary: 'Click-to-dial a typed number (R6.5) or a record\'s phone field (R6.4)', body: DialBody, response: { 201: CommandResult, ...commandErrors } },
  }, async (request, reply) => {
    const result = await control.dial(currentUser(request).id, request.body as Static<typeof DialBody>);
    return reply.status(201).send(result.snapshot ?? { id: result.callId, ended: true });
  });
  for (const [command, summary] of SIMPLE) {
    app.post(`/api/calls/:id/${command}`, { schema: { tags, summary, params: CallParams, response: { 200: CommandResult, ...commandErrors } } },
      async (request) => {
        const { id } = request.params as Static<typeof CallParams>;
        return (await control[command](currentUser(request).id, id)) ?? { id, ended: true };
      });
  }
  app.post('/api/calls/:id/transfer', { schema: { tags, summary: 'Blind transfer to an extension or number (R6.9)', params: CallParams, body: ToBody, response: { 200: CommandResult, ...commandErrors } } },
    async (request) => {
      const { id } = request.params as Static<typeof CallParams>;
      return (await control.transfer(currentUser(request).id, id, (request.body as Static<typeof ToBody>).to)) ?? { id, ended: true };
    });
  app.post('/api/calls/:id/consult', { schema: { tags, summary: 'Consultation call: holds this call and dials `to` (R6.9); answers the new call', params: CallParams, body: ToBody, response: { 201: CommandResult, ...commandErrors } } },
    async (request, reply) => {
      const { id } = request.params as Static<typeof CallParams>;
      const result = await control.consult(currentUser(request).id, id, (request.body as Static<typeof ToBody>).to);
      return reply.status(201).send(result.snapshot ?? { id: result.callId, ended: true });
    });
}

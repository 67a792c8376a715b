/**
 * The telephony provider's state for the admin: connected or not, and its links to other
 * systems (a SIP trunk's registration: registered, or why not and when it tries again).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TelephonyProvider } from '../../telephony/provider.js';
import { errorResponses } from '../schemas.js';

const Link = Type.Object({
  name: Type.String(),
  state: Type.Union([Type.Literal('up'), Type.Literal('pending'), Type.Literal('down')]),
  detail: Type.String(),
});
const Status = Type.Object({ kind: Type.String(), up: Type.Boolean(), links: Type.Array(Link) });

export function telephonyStatusRoutes(app: FastifyInstance, provider: TelephonyProvider): void {
  app.get('/api/telephony/status', {
    config: { access: 'admin' },
    schema: { tags: ['devices'], summary: 'The telephony provider: connected or not, and its links (a SIP trunk\'s registration)', response: { 200: Status, ...errorResponses } },
  }, async () => ({ kind: provider.kind, up: provider.isUp(), links: provider.links ? await provider.links() : [] }));
}

/** Devices the phone system knows (R2.6) and the device check (R4.6). */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { TelephonyProvider } from '../../telephony/provider.js';
import { currentUser } from '../auth.js';
import { Strict, errorResponses } from '../schemas.js';

const DeviceParams = Strict({ name: Type.String({ minLength: 1, maxLength: 100 }) });

export function deviceRoutes(app: FastifyInstance, provider: TelephonyProvider): void {
  const tags = ['devices'];
  const up = () => {
    if (!provider.isUp()) throw new AppError('provider-down', 'The telephony provider is not connected');
  };
  app.get('/api/devices', { config: { access: 'admin' }, schema: { tags, summary: 'The devices the phone system knows, to pick a user\'s CTI device (R2.6)', response: { 503: Type.Ref('Error'), ...errorResponses } } },
    async () => {
      up();
      if (!provider.capabilities('').has('listDevices')) return [];
      return provider.listDevices();
    });
  app.get('/api/devices/:name/check', { schema: { tags, summary: 'Is this device reachable/registered (R4.6)? Admins any device, users their own', params: DeviceParams, response: { 503: Type.Ref('Error'), ...errorResponses } } },
    async (request) => {
      const { name } = request.params as Static<typeof DeviceParams>;
      const user = currentUser(request);
      if (user.role !== 'admin' && user.cti_device !== name) throw new AppError('not-your-device', `Device ${name} is not yours`);
      up();
      return provider.checkDevice(name);
    });
}

/**
 * The dialling-rules check (R3.4): the CRM's location and area-code rules, what is wrong
 * with them, and where they differ from what the telephony provider reports.
 */
import type { FastifyInstance } from 'fastify';
import { locationOf } from '../../crm/phone-settings.js';
import type { SettingsService } from '../../crm/settings.js';
import { checkLocation, compareLocations, type Location } from '../../phone/index.js';
import type { TelephonyProvider } from '../../telephony/provider.js';

export function diallingRoutes(app: FastifyInstance, deps: { settings: SettingsService; provider: TelephonyProvider }): void {
  app.get('/api/settings/dialling-check', {
    config: { access: 'admin' },
    schema: { tags: ['settings'], summary: 'Check the dialling rules, and compare them with the phone system\'s own (R3.4)' },
  }, async () => {
    const location = locationOf(deps.settings.get());
    const reported = deps.provider.isUp() && deps.provider.reportedDialling ? await deps.provider.reportedDialling() : null;
    return {
      location,
      problems: checkLocation(location),
      provider: deps.provider.kind,
      reported,
      differences: reported ? compareLocations(location, reported as Partial<Location>) : null,
    };
  });
}

/** What the HTTP layer needs from the layers below; assembled by src/app.ts. */
import type { CommunicationService } from '../crm/communications.js';
import type { FieldService } from '../crm/fields.js';
import type { PhoneService } from '../crm/phone-service.js';
import type { RecordService } from '../crm/records.js';
import type { ScreenService } from '../crm/screens.js';
import type { SettingsService } from '../crm/settings.js';
import type { UserService } from '../crm/users.js';
import type { Db } from '../db/database.js';
import type { Readiness } from './routes/health-routes.js';
import type { SettingsHooks } from './routes/settings-routes.js';

export interface Services {
  db: Db;
  records: RecordService;
  fields: FieldService;
  screens: ScreenService;
  users: UserService;
  settings: SettingsService;
  communications: CommunicationService;
  phones: PhoneService;
  settingsHooks?: SettingsHooks;
  readiness(): Readiness[];
}

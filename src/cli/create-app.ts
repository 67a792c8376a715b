/**
 * The composition root: opens the database, runs migrations, builds the services and the
 * HTTP server. Used by `npm start`, the tests and the benchmarks alike.
 */
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';
import { CommunicationService } from '../crm/communications.js';
import { FieldService } from '../crm/fields.js';
import { PhoneService } from '../crm/phone-service.js';
import { phoneContextOf, phoneKeyer } from '../crm/phone-settings.js';
import type { PhoneKeyer } from '../crm/phone-keyer.js';
import { RecordService } from '../crm/records.js';
import { ScreenService } from '../crm/screens.js';
import { SettingsService } from '../crm/settings.js';
import { UserService } from '../crm/users.js';
import { migrate, openDatabase, type Db } from '../db/database.js';
import { syncCallingCodeLengths } from '../crm/phone-plan-sync.js';
import { syncPhoneKeying } from '../crm/phone-keying-sync.js';
import { buildServer } from '../server/build-server.js';
import { createCti, type Cti, type CtiOptions } from './create-cti.js';
import { testProviderSettings } from './telephony.js';
import type { Services } from '../server/services.js';

export interface App {
  config: Config;
  cti: Cti;
  db: Db;
  services: Services;
  server: FastifyInstance;
  logger: Logger;
  close(): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  webRoot?: string;
  cti?: CtiOptions;
}

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const logger = opts.logger ?? pino({ level: config.logLevel });
  const db = await openDatabase(config.databaseUrl);
  await migrate(db);
  if (await syncCallingCodeLengths(db)) logger.info('numbering plans changed: caller-ID prefix rows recomputed');
  const settings = new SettingsService(db);
  await settings.load();
  let keyer: PhoneKeyer = phoneKeyer(phoneContextOf(settings.get()));
  if (await syncPhoneKeying(db, keyer)) logger.info('keying rules changed: caller-ID index rebuilt');
  settings.onChange((s) => { keyer = phoneKeyer(phoneContextOf(s)); });
  const getKeyer = () => keyer;
  const fields = new FieldService(db, getKeyer);
  await fields.ensureBuiltIns();
  const records = new RecordService(db, fields, getKeyer);
  const screens = new ScreenService(db, fields, records);
  await screens.ensureBuiltIns();
  const users = new UserService(db, getKeyer);
  const communications = new CommunicationService(db);
  const phones = new PhoneService(db, settings, records);
  const services: Services = {
    db, records, fields, screens, users, settings, communications, phones,
    settingsHooks: { testProvider: testProviderSettings },
    readiness: () => [{ name: 'telephony', ready: () => cti.provider.isUp() }],
  };
  const cti = await createCti(services, logger, opts.cti);
  const server = await buildServer({
    services, logger, cookieSecure: config.cookieSecure, sessionTtlHours: config.sessionTtlHours, trustProxy: config.trustProxy,
    ...(opts.webRoot ? { webRoot: opts.webRoot } : {}),
    plugins: [(app) => cti.routes(app)],
  });
  await cti.start();
  return {
    config, cti, db, services, server, logger,
    async close() {
      await server.close();
      await cti.stop();
      await db.close();
    },
  };
}

/** `npm run reindex`: rebuild the caller-ID index after the default country or area code changed. */
import { loadConfig } from '../config.js';
import { phoneContextOf, phoneKeyer } from '../crm/phone-settings.js';
import { reindexPhones } from '../crm/reindex.js';
import { SettingsService } from '../crm/settings.js';
import { migrate, openDatabase } from '../db/database.js';

const config = loadConfig();
const db = await openDatabase(config.databaseUrl);
await migrate(db);
const settings = new SettingsService(db);
const s = await settings.load();
const started = Date.now();
const n = await reindexPhones(db, phoneKeyer(phoneContextOf(s)), (done, total) => {
  process.stderr.write(`\rreindex: ${done}/${total} phone values`);
});
process.stderr.write(`\nreindex: ${n} phone values re-keyed for ${s.country}/${s.areaCode} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
await db.close();

/** `npm start`: the product on its embedded default (SQLite file, simulated phone system, demo data). */
import { ConfigError, loadConfig } from '../config.js';
import { isAppError } from '../domain/errors.js';
import { createApp } from './create-app.js';
import { loadDemoData } from '../crm/demo/demo-data.js';
import { firstRun, firstRunBanner, parseSetupFlags } from './first-run.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nSee the configuration table in README.md.\n`);
      process.exit(2);
    }
    throw e;
  }
  const app = await createApp(config);
  const { logger } = app;
  const result = await firstRun(app, parseSetupFlags(process.argv.slice(2)), logger, (password) =>
    loadDemoData(app.services, { internalLength: app.services.settings.get().internalLength, ...(password !== undefined ? { password } : {}) }));
  await app.server.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  process.stdout.write(`\n  Switchboard is running on ${url}\n${firstRunBanner(result)}\n`);
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  if (isAppError(e)) {
    process.stderr.write(`Switchboard failed to start: ${e.message} ${JSON.stringify(e.details ?? {})}\n`);
    process.exit(2);
  }
  process.stderr.write(`Switchboard failed to start: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});

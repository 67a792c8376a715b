/**
 * First start: create the admin (password from ADMIN_PASSWORD, or generated and printed
 * once — never a fixed default), answer the three R3.1 setup questions from flags when
 * given, and load the demo data.
 */
import type { Logger } from 'pino';
import { generatePassword } from '../crm/passwords.js';
import type { App } from './create-app.js';

export interface SetupFlags { country?: string; areaCode?: string; outsidePrefix?: string }

export function parseSetupFlags(argv: readonly string[]): SetupFlags {
  const flags: SetupFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = (argv[i] ?? '').split('=', 2);
    const value = inline ?? argv[i + 1];
    const take = () => { if (inline === undefined) i++; return value ?? ''; };
    if (name === '--country') flags.country = take().toUpperCase();
    else if (name === '--area-code') flags.areaCode = take();
    else if (name === '--outside-prefix') flags.outsidePrefix = take();
  }
  return flags;
}

export interface FirstRunResult { adminCreated: boolean; generatedPassword: string | null }

export async function firstRun(app: App, flags: SetupFlags, log: Logger, loadDemo?: (agentPassword: string) => Promise<unknown>): Promise<FirstRunResult> {
  const { users, settings } = app.services;
  if (flags.country || flags.areaCode !== undefined || flags.outsidePrefix !== undefined) {
    const s = settings.get();
    await settings.setup({ country: flags.country ?? s.country, areaCode: flags.areaCode ?? s.areaCode, outsidePrefix: flags.outsidePrefix ?? s.outsidePrefix });
    log.info({ country: settings.get().country, areaCode: settings.get().areaCode, outsidePrefix: settings.get().outsidePrefix }, 'setup answered from flags (R3.1)');
  }
  if ((await users.list()).length > 0) return { adminCreated: false, generatedPassword: null };
  const password = app.config.adminPassword ?? generatePassword();
  await users.create({ login: 'admin', name: 'Administrator', password, role: 'admin', locale: 'en' });
  if (app.config.demoData && loadDemo) await loadDemo(password);
  return { adminCreated: true, generatedPassword: app.config.adminPassword ? null : password };
}

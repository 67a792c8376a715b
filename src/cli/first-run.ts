/**
 * First start: create the admin (password from ADMIN_PASSWORD, or generated and printed
 * once — never a fixed default), answer the three R3.1 setup questions from flags when
 * given, and load the demo data.
 */
import type { Logger } from 'pino';
import type { DemoResult } from '../crm/demo/demo-data.js';
import { assertAcceptablePassword } from '../crm/password-policy.js';
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

export interface FirstRunResult {
  adminCreated: boolean;
  generatedPassword: string | null;
  /** The demo colleagues' generated passwords (login → password), shown once; empty with DEMO_PASSWORD. */
  demoPasswords: Record<string, string>;
}

export async function firstRun(app: App, flags: SetupFlags, log: Logger, loadDemo?: (password: string | undefined) => Promise<Pick<DemoResult, 'passwords'>>): Promise<FirstRunResult> {
  const { users, settings } = app.services;
  if (flags.country || flags.areaCode !== undefined || flags.outsidePrefix !== undefined) {
    const s = settings.get();
    await settings.setup({ country: flags.country ?? s.country, areaCode: flags.areaCode ?? s.areaCode, outsidePrefix: flags.outsidePrefix ?? s.outsidePrefix });
    log.info({ country: settings.get().country, areaCode: settings.get().areaCode, outsidePrefix: settings.get().outsidePrefix }, 'setup answered from flags (R3.1)');
  }
  if ((await users.list()).length > 0) return { adminCreated: false, generatedPassword: null, demoPasswords: {} };
  if (app.config.adminPassword !== undefined) assertAcceptablePassword(app.config.adminPassword, { login: 'admin', name: 'Administrator' }, 'ADMIN_PASSWORD');
  const password = app.config.adminPassword ?? generatePassword();
  await users.create({ login: 'admin', name: 'Administrator', password, role: 'admin', locale: 'en' });
  let demoPasswords: Record<string, string> = {};
  if (app.config.demoData && loadDemo) {
    if (app.config.demoPassword !== undefined) assertAcceptablePassword(app.config.demoPassword, {}, 'DEMO_PASSWORD');
    demoPasswords = (await loadDemo(app.config.demoPassword)).passwords;
  }
  return { adminCreated: true, generatedPassword: app.config.adminPassword ? null : password, demoPasswords };
}

/** What the console shows once after the first start: the generated passwords, each its own. */
export function firstRunBanner(result: FirstRunResult): string {
  const lines: string[] = [];
  if (result.generatedPassword) lines.push(`  Log in as admin with the password: ${result.generatedPassword}`, '  (shown once; set ADMIN_PASSWORD to choose it)');
  const demo = Object.entries(result.demoPasswords);
  if (demo.length > 0) {
    lines.push('', '  Demo users (agents), each with its own password (shown once; set DEMO_PASSWORD to choose one for all):');
    for (const [login, password] of demo) lines.push(`    ${login.padEnd(10)} ${password}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

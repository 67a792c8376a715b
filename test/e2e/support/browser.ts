/**
 * Debian's chromium driven by playwright-core, headless, with the flags that keep it
 * quiet and offline (only 127.0.0.1 traffic). Screenshots go to test-results/e2e/.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../../test-results/e2e');

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

export const newContext = (browser: Browser, base: string, opts: { locale?: string } = {}): Promise<BrowserContext> =>
  browser.newContext({ baseURL: base, viewport: { width: 1280, height: 720 }, locale: opts.locale ?? 'en-US' });

export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = resolve(SCREENSHOTS, `${name}.png`);
  // The sticky top bar would be painted mid-page in a full-page capture.
  await page.screenshot({ path, fullPage: true, style: '.topbar { position: static !important; }' });
  return path;
};

/** Logs in through the login page and waits for the main menu. */
export const loginUi = async (page: Page, login: string, password: string): Promise<void> => {
  await page.goto('/');
  await page.getByLabel(/^(Login|Identifiant)$/).fill(login);
  await page.getByLabel(/^(Password|Mot de passe)$/).fill(password);
  await page.getByRole('button', { name: /^(Log in|Se connecter)$/ }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
};

/**
 * The web app runs under the server's Content-Security-Policy (issue 12): chromium loads
 * it from the server itself (not a preview in front), logs in, walks the pages, changes
 * the password on the "My password" page, and reports no CSP violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginUi, newContext } from './support/browser.js';
import { ADMIN_PASSWORD } from './support/server.js';
import { startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());

describe('the content security policy', () => {
  it('the app served by the server loads, runs and changes a password with no CSP violation', async () => {
    const context = await newContext(world.browser, world.server.serverUrl);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (CSP) ${e.violatedDirective} ${e.blockedURI}`));
    });
    const first = await page.goto('/');
    expect(first?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await loginUi(page, 'admin', ADMIN_PASSWORD);
    for (const hash of ['#/companies', '#/persons', '#/admin', '#/demo']) {
      await page.goto(`/${hash}`);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    }
    await page.goto('/#/password');
    const form = page.getByRole('form', { name: 'My password' });
    await form.getByLabel('Current password', { exact: true }).fill(ADMIN_PASSWORD);
    await form.getByLabel('New password', { exact: true }).fill('password');
    await form.getByLabel('New password again').fill('password');
    await form.getByRole('button', { name: 'Change my password' }).click();
    await form.getByRole('alert').filter({ hasText: 'too easy to guess' }).waitFor();
    await form.getByLabel('New password', { exact: true }).fill('amber-kettle-monsoon-7');
    await form.getByLabel('New password again').fill('amber-kettle-monsoon-7');
    await form.getByRole('button', { name: 'Change my password' }).click();
    await form.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    expect(violations).toEqual([]);
    await context.close();
  });
});

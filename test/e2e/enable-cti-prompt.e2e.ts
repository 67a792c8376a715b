import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginUi, newContext, screenshot } from './support/browser.js';
import { AGENT_PASSWORD, makeAgent, seedContacts, startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('the one-time "enable CTI in this browser" prompt (R6.2)', () => {
  it('shows on first login, not again, and again when the client version changes', async () => {
    const context = await newContext(world.browser, world.server.url);
    const page = await context.newPage();
    await loginUi(page, 'alice', AGENT_PASSWORD);
    const prompt = page.getByRole('dialog', { name: 'Enable CTI in this browser' });
    await prompt.waitFor();
    await screenshot(page, 'enable-cti-prompt');
    await prompt.getByRole('button', { name: 'Not now' }).click();
    await prompt.waitFor({ state: 'detached' });

    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('link', { name: 'Companies' }).waitFor();
    expect(await prompt.count()).toBe(0);

    await world.admin.put('/api/settings', { clientVersion: 'e2e-2' });
    await page.reload();
    await prompt.waitFor();
    await context.close();
  });

  it('keeps the app usable in a narrow window', async () => {
    const context = await world.browser.newContext({ baseURL: world.server.url, viewport: { width: 390, height: 720 } });
    const page = await context.newPage();
    await loginUi(page, 'alice', AGENT_PASSWORD);
    await page.goto('/#/companies');
    await page.getByRole('link', { name: 'Browne & Barrow Ltd' }).waitFor();
    await page.getByRole('button', { name: 'Open the CTI call screen' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'narrow-window');
    await context.close();
  });
});

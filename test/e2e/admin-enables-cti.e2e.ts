import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginUi, newContext, screenshot } from './support/browser.js';
import { ADMIN_PASSWORD } from './support/server.js';
import { startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());

describe('admin enables CTI for a user and sets the call screen (R4.1–R4.6)', () => {
  it('reveals device and call screen when CTI enabled is ticked, saves, and checks the device', async () => {
    const context = await newContext(world.browser, world.server.url);
    const page = await context.newPage();
    await loginUi(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/#/admin/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('Login').fill('carol');
    await form.getByLabel('Name').fill('Carol Agent');
    await form.getByLabel('Password').fill('carol-pass-123');
    await form.getByLabel('Extension').fill('1003');

    // R4.1: the two CTI fields appear only once CTI enabled is ticked.
    await expect(form.getByLabel('CTI device name', { exact: true }).count()).resolves.toBe(0);
    await form.getByLabel('CTI enabled').check();
    const device = form.getByLabel('CTI device name', { exact: true });
    await device.waitFor();
    // R2.6: the pick-list offers the devices the simulated phone system knows.
    await form.locator('#cti-devices option[value="1003"]').waitFor({ state: 'attached' });
    await device.fill('1003');
    await form.getByLabel('CTI call screen').selectOption('new-opportunity');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: Carol Agent' }).waitFor();
    const saved = page.getByRole('form', { name: 'Carol Agent' });
    // R4.5: saved as CTI-enabled, the CTI fields still showing.
    expect(await saved.getByLabel('CTI enabled').isChecked()).toBe(true);

    // R4.6: a clear success message for a device the phone system knows...
    await saved.getByRole('button', { name: 'Check device' }).click();
    const check = saved.getByTestId('device-check');
    await check.waitFor();
    expect(await check.textContent()).toMatch(/^✓/);
    await screenshot(page, 'admin-enables-cti');

    // ...and a clear failure for one it does not.
    await saved.getByLabel('CTI device name', { exact: true }).fill('9999');
    await saved.getByRole('button', { name: 'Check device' }).click();
    await check.filter({ hasText: /^✗/ }).waitFor();

    const users = await world.admin.get<{ items: Array<{ login: string; ctiEnabled: boolean; ctiDevice: string; ctiCallScreen: string }> }>('/api/users');
    expect(users.items.find((u) => u.login === 'carol')).toMatchObject({ ctiEnabled: true, ctiDevice: '1003', ctiCallScreen: 'new-opportunity' });
    await context.close();
  });
});

import { afterAll, beforeAll, describe, it } from 'vitest';
import { loginUi, newContext, screenshot } from './support/browser.js';
import { ADMIN_PASSWORD } from './support/server.js';
import { startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());

describe('the demo panel of the simulated phone system', () => {
  it('plays both ends: an outside call rings a desk phone, which lifts, hangs up, and dials on its keypad', async () => {
    const context = await newContext(world.browser, world.server.url);
    const page = await context.newPage();
    await loginUi(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/#/demo');
    const phone1001 = page.getByRole('article', { name: 'Phone 1001' });
    const phone1002 = page.getByRole('article', { name: 'Phone 1002' });
    await phone1001.waitFor();

    const incoming = page.getByRole('form', { name: 'Simulate incoming call' });
    await incoming.getByLabel('To').fill('1001');
    await incoming.getByRole('button', { name: 'Simulate incoming call' }).click();
    await phone1001.getByRole('img', { name: 'Ringing' }).waitFor();
    await screenshot(page, 'demo-panel-ringing');
    await phone1001.getByRole('button', { name: 'Lift' }).click();
    await phone1001.getByText('State: talking').waitFor();
    await phone1001.getByRole('button', { name: 'Hang up' }).click();
    await phone1001.getByText('State: idle').waitFor();

    // Desk phone 1002 calls 1001 on its keypad.
    const keypad = phone1002.getByRole('group', { name: 'Keypad' });
    for (const k of '1001') await keypad.getByRole('button', { name: k, exact: true }).click();
    await phone1002.getByRole('button', { name: 'Dial' }).click();
    await phone1001.getByRole('img', { name: 'Ringing' }).waitFor();
    await screenshot(page, 'demo-panel-keypad');
    await phone1002.getByRole('button', { name: 'Hang up' }).click();
    await phone1001.getByText('State: idle').waitFor();
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, seedContacts, startWorld, type Seed, type World } from './support/fixtures.js';

let world: World;
let seed: Seed;
beforeAll(async () => {
  world = await startWorld();
  seed = await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('click-to-dial from the context header (R5.1, R6.4, R6.10)', () => {
  it('opens the call screen, shows Dialing then Connected, and Hang up ends the call', async () => {
    const alice = await agentSession(world, 'alice');
    await alice.page.goto(`/#/companies/${seed.companyId}`);
    const link = alice.page.locator('.context-header').getByRole('button', { name: 'Call (212) 736-4400' });
    const [popup] = await Promise.all([alice.page.waitForEvent('popup'), link.click()]);

    // R6.4: the full number with country and area code, and "Dialing".
    const call = activeCall(popup, '212');
    await call.getByTestId('call-state').filter({ hasText: 'Dialing' }).waitFor();
    expect(await call.locator('.call-number').textContent()).toMatch(/^\+1\D*212\D*736\D*4400$/);
    await screenshot(popup, 'click-to-dial-dialing');

    await call.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await screenshot(popup, 'click-to-dial-connected');
    await call.getByRole('button', { name: 'Hang up' }).click();
    await popup.getByText('No active calls').waitFor();
    await screenshot(popup, 'click-to-dial-ended');
    await alice.context.close();
  });
});

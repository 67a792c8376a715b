import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, seedContacts, startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('an incoming call pops the call screen with every matching contact (R6.6)', () => {
  it('shows the caller 1 212 736-4440 Ringing, with Arthur Browne and Ben Barrow listed', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    await world.admin.post('/api/sim/calls', { from: '1 212 736-4440', to: '1001' });
    const call = activeCall(popup, 'Ringing');
    await call.waitFor();
    expect(await call.locator('.call-number').textContent()).toMatch(/^\+1\D*212\D*736\D*4440$/);
    const matches = call.getByRole('list', { name: 'Matched' });
    await matches.getByRole('link', { name: 'Arthur Browne' }).waitFor();
    await matches.getByRole('link', { name: 'Ben Barrow' }).waitFor();
    expect(await call.getByRole('button', { name: 'Answer' }).isVisible()).toBe(true);
    await screenshot(popup, 'incoming-call');

    // R6.1: a match jumps the main window to that person during the call.
    await matches.getByRole('link', { name: 'Arthur Browne' }).click();
    await alice.page.locator('.context-header').getByText('Arthur Browne').waitFor();
    await call.getByRole('button', { name: 'Hang up' }).click();
    await popup.getByText('No active calls').waitFor();
    await alice.context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, seedContacts, startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001');
  await makeAgent(world.admin, 'bob', '1002');
});
afterAll(async () => world?.stop());

describe('consult a colleague, then complete the transfer (R6.9, R6.10)', () => {
  it('shows both calls with their states and leaves the caller with Bob', async () => {
    const alice = await agentSession(world, 'alice');
    const bob = await agentSession(world, 'bob');
    const alicePopup = await openCallScreen(alice.page);
    const bobPopup = await openCallScreen(bob.page);

    await world.admin.post('/api/sim/calls', { from: '+1 212 736 4440', to: '1001' });
    const caller = activeCall(alicePopup, '4440');
    await caller.getByRole('button', { name: 'Answer' }).click();
    await caller.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();

    await alicePopup.getByLabel('Number', { exact: true }).fill('1002');
    await caller.getByRole('button', { name: 'Consult' }).click();
    const consult = alicePopup.locator('li.active-call').filter({ hasNotText: '4440' });
    await consult.waitFor();

    const bobSide = activeCall(bobPopup, 'Ringing');
    await bobSide.getByRole('button', { name: 'Answer' }).click();
    await consult.getByTestId('call-state').filter({ hasText: 'Consult' }).waitFor();
    // R6.10: the held call's state beside the consulted party's.
    expect(await caller.getByTestId('call-state').textContent()).toMatch(/Transfer|On hold|Held/);
    expect(await caller.getByRole('button').count()).toBe(0);
    await screenshot(alicePopup, 'consult-complete-both-calls');

    await consult.getByRole('button', { name: 'Complete transfer' }).click();
    await alicePopup.getByText('No active calls').waitFor();
    await activeCall(bobPopup, '4440').getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await screenshot(bobPopup, 'consult-complete-bob');
    await activeCall(bobPopup, '4440').getByRole('button', { name: 'Hang up' }).click();
    await alice.context.close();
    await bob.context.close();
  });
});

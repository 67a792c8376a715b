import { afterAll, beforeAll, describe, it } from 'vitest';
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

describe('consult a colleague, hang up the consultation, retrieve the caller (R6.9)', () => {
  it('offers Retrieve on the held call once the consultation is hung up', async () => {
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
    await activeCall(bobPopup, 'Ringing').getByRole('button', { name: 'Answer' }).click();
    await consult.getByTestId('call-state').filter({ hasText: 'Consult' }).waitFor();

    await consult.getByRole('button', { name: 'Hang up' }).click();
    await consult.waitFor({ state: 'detached' });
    await caller.getByTestId('call-state').filter({ hasText: 'On hold' }).waitFor();
    await screenshot(alicePopup, 'consult-hangup-held');
    await caller.getByRole('button', { name: 'Retrieve' }).click();
    await caller.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await bobPopup.getByText('No active calls').waitFor();
    await screenshot(alicePopup, 'consult-hangup-retrieved');
    await caller.getByRole('button', { name: 'Hang up' }).click();
    await alice.context.close();
    await bob.context.close();
  });
});

import { afterAll, beforeAll, describe, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { answerIncoming, consultBob, startCallWorld, twoAgents, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  ({ world } = await startCallWorld());
});
afterAll(async () => world?.stop());

describe('consult a colleague, hang up the consultation, retrieve the caller (R6.9)', () => {
  it('offers Retrieve on the held call once the consultation is hung up', async () => {
    const agents = await twoAgents(world);
    const { alicePopup, bobPopup } = agents;
    const caller = await answerIncoming(world, alicePopup, '+1 212 736 4440', '1001', '4440');
    const consult = await consultBob(agents, caller, '4440');

    await consult.getByRole('button', { name: 'Hang up' }).click();
    await consult.waitFor({ state: 'detached' });
    await caller.getByTestId('call-state').filter({ hasText: 'On hold' }).waitFor();
    await screenshot(alicePopup, 'consult-hangup-held');
    await caller.getByRole('button', { name: 'Retrieve' }).click();
    await caller.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await bobPopup.getByText('No active calls').waitFor();
    await screenshot(alicePopup, 'consult-hangup-retrieved');
    await caller.getByRole('button', { name: 'Hang up' }).click();
    await agents.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, answerIncoming, consultBob, startCallWorld, twoAgents, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  ({ world } = await startCallWorld());
});
afterAll(async () => world?.stop());

describe('consult a colleague, then complete the transfer (R6.9, R6.10)', () => {
  it('shows both calls with their states and leaves the caller with Bob', async () => {
    const agents = await twoAgents(world);
    const { alicePopup, bobPopup } = agents;
    const caller = await answerIncoming(world, alicePopup, '+1 212 736 4440', '1001', '4440');
    const consult = await consultBob(agents, caller, '4440');
    // R6.10: the held call's state beside the consulted party's.
    expect(await caller.getByTestId('call-state').textContent()).toMatch(/Transfer|On hold|Held/);
    expect(await caller.getByRole('button').count()).toBe(0);
    await screenshot(alicePopup, 'consult-complete-both-calls');

    await consult.getByRole('button', { name: 'Complete transfer' }).click();
    await alicePopup.getByText('No active calls').waitFor();
    await activeCall(bobPopup, '4440').getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await screenshot(bobPopup, 'consult-complete-bob');
    await activeCall(bobPopup, '4440').getByRole('button', { name: 'Hang up' }).click();
    await agents.close();
  });
});

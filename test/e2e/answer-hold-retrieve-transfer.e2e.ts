import { afterAll, beforeAll, describe, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, startCallWorld, twoAgents, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  ({ world } = await startCallWorld());
});
afterAll(async () => world?.stop());

describe('call control on a connected call (R6.7, R6.9)', () => {
  it('answers, holds, retrieves, then blind-transfers to the extension typed in Number', async () => {
    const agents = await twoAgents(world);
    const { alicePopup, bobPopup } = agents;

    await world.admin.post('/api/sim/calls', { from: '+1 212 736 4440', to: '1001' });
    const call = activeCall(alicePopup, '4440');
    const state = call.getByTestId('call-state');
    await state.filter({ hasText: 'Ringing' }).waitFor();
    await call.getByRole('button', { name: 'Answer' }).click();
    await state.filter({ hasText: 'Connected' }).waitFor();
    await screenshot(alicePopup, 'call-control-connected');

    await call.getByRole('button', { name: 'Hold' }).click();
    await state.filter({ hasText: 'On hold' }).waitFor();
    await call.getByRole('button', { name: 'Retrieve' }).waitFor();
    await screenshot(alicePopup, 'call-control-on-hold');
    await call.getByRole('button', { name: 'Retrieve' }).click();
    await state.filter({ hasText: 'Connected' }).waitFor();

    await alicePopup.getByLabel('Number', { exact: true }).fill('1002');
    await call.getByRole('button', { name: 'Transfer' }).click();
    // Alice is disconnected; the call now rings at Bob's.
    await alicePopup.getByText('No active calls').waitFor();
    const atBob = activeCall(bobPopup, '4440');
    await atBob.getByTestId('call-state').filter({ hasText: 'Ringing' }).waitFor();
    await screenshot(bobPopup, 'call-control-transferred');
    await atBob.getByRole('button', { name: 'Answer' }).click();
    await atBob.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await atBob.getByRole('button', { name: 'Hang up' }).click();
    await bobPopup.getByText('No active calls').waitFor();
    await agents.close();
  });
});

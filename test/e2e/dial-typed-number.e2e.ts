import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('dialling a typed number from the call screen (R6.5)', () => {
  it('previews what will be dialled for the canonical form and Enter dials it', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    const field = popup.getByLabel('Number', { exact: true });
    await field.fill('+ 44 (161) 5527789');
    // US, outside line 9: the international prefix 011 after the outside-line digit.
    const willDial = popup.getByTestId('will-dial');
    await willDial.filter({ hasText: '9011441615527789' }).waitFor();
    await field.press('Enter');
    const call = activeCall(popup, '161');
    await call.getByTestId('call-state').filter({ hasText: /Dialing|Connected/ }).waitFor();
    expect(await call.locator('.call-number').textContent()).toContain('+44');
    await screenshot(popup, 'dial-typed-number');
    await call.getByRole('button', { name: 'Hang up' }).click();
    await popup.getByText('No active calls').waitFor();
    await alice.context.close();
  });
});

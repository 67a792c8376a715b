import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await makeAgent(world.admin, 'alice', '1001');
  await makeAgent(world.admin, 'bob', '1002');
});
afterAll(async () => world?.stop());

describe('a call from a colleague (R6.6)', () => {
  it('shows "internal" and the colleague, by extension, and answers and hangs up from the keyboard', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    await world.admin.post('/api/sim/devices/1002/dial', { number: '1001' });
    const call = activeCall(popup, '1002');
    await call.getByTestId('call-state').filter({ hasText: 'Ringing' }).waitFor();
    // "internal", in the state words or beside them, and the colleague by name.
    expect(await call.textContent()).toMatch(/\binternal\b/);
    expect(await call.getByRole('list', { name: 'Matched' }).textContent()).toContain('Bob');
    await screenshot(popup, 'internal-call');

    // Keyboard: Alt+A answers, Alt+H hangs up.
    await popup.keyboard.press('Alt+a');
    await call.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await popup.keyboard.press('Alt+h');
    await popup.getByText('No active calls').waitFor();
    await alice.context.close();
  });
});

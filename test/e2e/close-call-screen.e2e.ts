import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { agentSession, makeAgent, openCallScreen, startWorld, waitForDeviceState, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('closing the call screen turns CTI off after a warning (R6.3)', () => {
  it('warns on close, and a following call is not offered in that browser', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    await screenshot(popup, 'close-call-screen-open');
    // Chromium only asks before unload once the page had a user gesture.
    await popup.getByLabel('Number', { exact: true }).click();

    const dialog = new Promise<string>((resolve) => {
      popup.once('dialog', (d) => {
        resolve(d.type());
        void d.accept();
      });
    });
    await popup.close({ runBeforeUnload: true });
    expect(await dialog).toBe('beforeunload');
    await popup.waitForEvent('close');

    // The next call rings the desk phone, but is not offered to this browser: no
    // window pops, and even the reopened call screen does not show it (R6.3).
    const pages = alice.context.pages().length;
    await world.admin.post('/api/sim/calls', { from: '+1 212 736 4440', to: '1001' });
    await waitForDeviceState(world, '1001', 'ringing');
    expect(alice.context.pages().length).toBe(pages);
    const reopened = await openCallScreen(alice.page);
    await reopened.getByText('No active calls').waitFor();
    expect(await reopened.locator('li.active-call').count()).toBe(0);
    await screenshot(reopened, 'close-call-screen-after');
    await world.admin.post('/api/sim/devices/1001/lift');
    await world.admin.post('/api/sim/devices/1001/hangup');
    await alice.context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

/** How many times the call screen stepped back (`window.blur()`), counted by a wrapper around the real one. */
const blurs = (popup: Page): Promise<number> => popup.evaluate(() => (window as unknown as { sbBlurs?: number }).sbBlurs ?? 0);

const oneCall = async (popup: Page): Promise<void> => {
  await world.admin.post('/api/sim/calls', { from: '+1 646 555 0100', to: '1001' });
  const call = activeCall(popup, '0100');
  await call.getByRole('button', { name: 'Answer' }).click();
  await call.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
  await call.getByRole('button', { name: 'Hang up' }).click();
  await popup.getByText('No active calls').waitFor();
};

describe('the call screen steps back when the call ends, unless "Always show" (R6.4)', () => {
  it('hides after the last call ends, and stays in front once Always show is ticked', async () => {
    const alice = await agentSession(world, 'alice');
    await alice.context.addInitScript(() => {
      const w = window as unknown as { sbBlurs: number };
      w.sbBlurs = 0;
      const real = window.blur.bind(window);
      window.blur = () => {
        w.sbBlurs += 1;
        real();
      };
    });
    const popup = await openCallScreen(alice.page);
    const always = popup.getByLabel('Always show');
    expect(await always.isChecked()).toBe(false);

    await oneCall(popup);
    await expect.poll(() => blurs(popup)).toBe(1);
    expect(await popup.locator('main.cti.idle').count()).toBe(1);
    await screenshot(popup, 'always-show-off-after-call');

    await always.check();
    // Stored for the user, so the next browser starts with it (R6.4).
    await expect.poll(async () => (await alice.api.get<{ user: { alwaysShowCallScreen: boolean } }>('/api/auth/me')).user.alwaysShowCallScreen).toBe(true);
    await oneCall(popup);
    await screenshot(popup, 'always-show-on-after-call');

    // Unticking is a new render, which React runs only after the effects of the last
    // one: by then the end of the call made with "Always show" ticked was handled.
    await always.uncheck();
    expect(await blurs(popup)).toBe(1);
    // Unticked again, the next call's end steps back once more.
    await oneCall(popup);
    await expect.poll(() => blurs(popup)).toBe(2);
    await alice.context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { agentSession, makeAgent, openCallScreen, seedContacts, startWorld, type Seed, type World } from './support/fixtures.js';

let world: World;
let seed: Seed;
beforeAll(async () => {
  world = await startWorld();
  seed = await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

const BANNER = 'Phone system disconnected — calls cannot be placed';

describe('when the phone system is disconnected, every window says so and nothing can be dialled (issue 7)', () => {
  it('shows the banner in the call screen and under the main menu, disables Dial, and clears when the link is back', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    await alice.page.goto(`${world.server.url}/#/persons/${seed.arthurId}`);
    await alice.page.locator('.context-header').getByText('Arthur Browne').waitFor();
    await popup.getByLabel('Number', { exact: true }).fill('1002');
    const dial = popup.getByRole('button', { name: 'Dial' });
    expect(await dial.isEnabled()).toBe(true);

    // The simulated PBX's CTI link breaks (admin-only route of the simulated phone system).
    await world.admin.post('/api/sim/link', { up: false });
    await popup.getByTestId('provider-down').filter({ hasText: BANNER }).waitFor();
    await alice.page.getByTestId('provider-down').filter({ hasText: BANNER }).waitFor();
    expect(await dial.isDisabled()).toBe(true);
    expect(await alice.page.getByRole('button', { name: /^Call / }).first().isDisabled()).toBe(true);
    const ready = await fetch(`${world.server.serverUrl}/readyz`).then((r) => r.json() as Promise<{ components: Record<string, boolean> }>);
    expect(ready.components.telephony).toBe(false);
    await screenshot(popup, 'provider-down-call-screen');
    await screenshot(alice.page, 'provider-down-main');

    await world.admin.post('/api/sim/link', { up: true });
    await popup.getByTestId('provider-down').waitFor({ state: 'detached' });
    await alice.page.getByTestId('provider-down').waitFor({ state: 'detached' });
    expect(await dial.isEnabled()).toBe(true);
    await alice.context.close();
  });

  it('says it in French too', async () => {
    const alice = await agentSession(world, 'alice', { locale: 'fr-FR' });
    await alice.page.getByLabel('Language').selectOption('fr');
    const popup = await openCallScreen(alice.page);
    await world.admin.post('/api/sim/link', { up: false });
    await popup.getByTestId('provider-down').filter({ hasText: 'Système téléphonique déconnecté — impossible de passer des appels' }).waitFor();
    await screenshot(popup, 'provider-down-call-screen-fr');
    await world.admin.post('/api/sim/link', { up: true });
    await popup.getByTestId('provider-down').waitFor({ state: 'detached' });
    await alice.context.close();
  });
});

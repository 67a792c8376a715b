import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, seedContacts, startWorld, type Seed, type World } from './support/fixtures.js';

let world: World;
let seed: Seed;
beforeAll(async () => {
  world = await startWorld();
  seed = await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('the activity history on a person page', () => {
  it('lists the calls the CTI core logged, and calls back a missed one', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);

    // A real call through the simulated phone system, answered and hung up: logged.
    await world.admin.post('/api/sim/calls', { from: '+1 212 736 4440', to: '1001' });
    const call = activeCall(popup, '4440');
    await call.getByRole('button', { name: 'Answer' }).click();
    await call.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await call.getByRole('button', { name: 'Hang up' }).click();
    await popup.getByText('No active calls').waitFor();

    // A missed call waiting for a call-back.
    await world.admin.post('/api/communications', {
      direction: 'inbound', number: '+1 212 736 4440', startedAt: new Date(Date.UTC(2026, 0, 5, 9, 30)).toISOString(),
      outcome: 'missed', personId: seed.arthurId, companyId: seed.companyId, callback: true,
    });

    await alice.page.goto(`/#/persons/${seed.arthurId}`);
    const history = alice.page.getByRole('region', { name: 'Activity history' });
    const missed = history.locator('tr.missed');
    await missed.waitFor();
    expect(await history.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await screenshot(alice.page, 'activity-history');

    await missed.getByRole('button', { name: 'Call back: (212) 736-4440' }).click();
    await activeCall(popup, '4440').getByTestId('call-state').filter({ hasText: /Dialing|Connected/ }).waitFor();
    await activeCall(popup, '4440').getByRole('button', { name: 'Hang up' }).click();
    await popup.getByText('No active calls').waitFor();
    await alice.context.close();
  });
});

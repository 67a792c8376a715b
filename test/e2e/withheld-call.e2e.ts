/**
 * A withheld caller ID in the browser (issue 12 §3): the call screen shows "Withheld
 * number" (in French "Numéro masqué"), "Unknown caller", no match and nothing to attach;
 * the call is answered like any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, seedContacts, startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('a withheld caller ID rings as an ordinary call (issue 12 §3)', () => {
  it('shows "Withheld number", no match and no attach, and is answered', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    await world.admin.post('/api/sim/calls', { from: '', to: '1001' });
    const call = activeCall(popup, 'Withheld number');
    await call.getByTestId('call-state').filter({ hasText: 'Ringing' }).waitFor();
    expect(await call.locator('.call-number').textContent()).toBe('Withheld number');
    expect(await call.getByText('Unknown caller').isVisible()).toBe(true);
    expect(await call.getByRole('list', { name: 'Matched' }).count()).toBe(0);
    expect(await call.getByText(/Attach/).count()).toBe(0);
    await screenshot(popup, 'withheld-call');
    await call.getByRole('button', { name: 'Answer' }).click();
    await call.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await call.getByRole('button', { name: 'Hang up' }).click();
    await popup.getByText('No active calls').waitFor();
    await alice.context.close();
  });

  it('says "Numéro masqué" in French', async () => {
    const alice = await agentSession(world, 'alice', { locale: 'fr-FR' });
    await alice.page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await alice.page.getByRole('link', { name: 'Sociétés' }).waitFor();
    const popup = await openCallScreen(alice.page);
    await world.admin.post('/api/sim/calls', { from: 'anonymous', to: '1001' });
    const call = activeCall(popup, 'Numéro masqué');
    await call.waitFor();
    expect(await call.locator('.call-number').textContent()).toBe('Numéro masqué');
    await call.getByRole('button', { name: 'Raccrocher' }).click();
    await popup.getByText(/Aucun appel/).waitFor();
    await alice.context.close();
  });
});

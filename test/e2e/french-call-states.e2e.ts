import { afterAll, beforeAll, describe, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, seedContacts, startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('the call screen in French uses the seed words (R6.10)', () => {
  it('shows Appel, Connecté and En attente', async () => {
    const alice = await agentSession(world, 'alice', { locale: 'fr-FR' });
    await alice.page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await alice.page.getByRole('link', { name: 'Sociétés' }).waitFor();
    const popup = await openCallScreen(alice.page);
    await popup.getByRole('heading', { name: /Écran d'appel CTI/ }).waitFor();

    await world.admin.post('/api/sim/calls', { from: '+1 212 736 4440', to: '1001' });
    const call = activeCall(popup, '4440');
    const state = call.getByTestId('call-state');
    await state.filter({ hasText: /^Appel$/ }).waitFor();
    await screenshot(popup, 'french-appel');
    await call.getByRole('button', { name: 'Répondre' }).click();
    await state.filter({ hasText: 'Connecté' }).waitFor();
    await screenshot(popup, 'french-connecte');
    await call.getByRole('button', { name: 'Attente' }).click();
    await state.filter({ hasText: 'En attente' }).waitFor();
    await screenshot(popup, 'french-en-attente');
    await call.getByRole('button', { name: 'Raccrocher' }).click();
    await popup.getByText('Aucun appel actif').waitFor();
    await alice.context.close();
  });
});

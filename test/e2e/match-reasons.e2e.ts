import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, seedContacts, startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await seedContacts(world.admin);
  // A company whose number block is typed as its switchboard, "-0" (direct lines 1200–1299).
  await world.admin.post('/api/companies', { name: 'Nimbus Systems', phones: [{ kind: 'switchboard', value: '+1 415 555 12-0' }] });
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('each match says why it matched, in plain words (R6.6)', () => {
  it('shows "same number" for the two persons sharing 1 212 736-4440, with the field and the number as the US writes it', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    await world.admin.post('/api/sim/calls', { from: '1 212 736-4440', to: '1001' });
    const call = activeCall(popup, 'Ringing');
    const matches = call.getByRole('list', { name: 'Matched' });
    const arthur = matches.getByRole('listitem').filter({ hasText: 'Arthur Browne' });
    const ben = matches.getByRole('listitem').filter({ hasText: 'Ben Barrow' });
    await arthur.waitFor();
    await ben.waitFor();
    expect(await arthur.getByTestId('match-reason').textContent()).toMatch(/^same number(, other format)?$/);
    expect(await ben.getByTestId('match-reason').textContent()).toBe('same number');
    expect(await arthur.textContent()).toContain('direct line: (212) 736-4440');
    expect(await ben.textContent()).toContain('direct line: (212) 736-4440');
    await screenshot(popup, 'match-reasons-shared-number');
    await call.getByRole('button', { name: 'Hang up' }).click();
    await popup.getByText('No active calls').waitFor();
    await alice.context.close();
  });

  it('shows "company switchboard / number block" for a direct line in the company\'s block, in French too', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    await world.admin.post('/api/sim/calls', { from: '+1 415 555 1234', to: '1001' });
    const call = activeCall(popup, '1234');
    const nimbus = call.getByRole('listitem').filter({ hasText: 'Nimbus Systems' });
    await nimbus.getByTestId('match-reason').filter({ hasText: 'company switchboard / number block' }).waitFor();
    expect(await nimbus.textContent()).toContain('switchboard: +1 415 555 12-0');
    await screenshot(popup, 'match-reasons-number-block');

    await alice.page.getByLabel('Language').selectOption('fr');
    await nimbus.getByTestId('match-reason').filter({ hasText: 'standard de la société / tranche de numéros' }).waitFor();
    await screenshot(popup, 'match-reasons-number-block-fr');
    await call.getByRole('button', { name: /Raccrocher|Hang up/ }).click();
    await alice.context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, seedContacts, startWorld, type Seed, type World } from './support/fixtures.js';

let world: World;
let seed: Seed;
let nimbusId: number;
beforeAll(async () => {
  world = await startWorld();
  seed = await seedContacts(world.admin);
  // A company whose number block is typed as its switchboard: its direct lines match the company only.
  nimbusId = (await world.admin.post<{ id: number }>('/api/companies', { name: 'Nimbus Systems', phones: [{ kind: 'switchboard', value: '+1 415 555 12-0' }] })).id;
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('attach an unmatched number to a person ("this is Arthur\'s new mobile")', () => {
  it('attaches the caller\'s number from the call screen, and the next call from it pops Arthur', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    await world.admin.post('/api/sim/calls', { from: '+1 646 555 0199', to: '1001' });
    const first = activeCall(popup, '0199');
    await first.getByText('Unknown caller').waitFor();

    await first.getByText(/^Attach .* to a record/).click();
    await first.getByLabel('Find a person or company').fill('Arthur');
    await first.getByLabel('As').selectOption('mobile');
    await first.getByRole('button', { name: 'Search' }).click();
    await first.getByRole('button', { name: /Attach .*0199 to Arthur Browne/ }).waitFor();
    await screenshot(popup, 'attach-number-search');
    await first.getByRole('button', { name: /Attach .*0199 to Arthur Browne/ }).click();
    await first.getByTestId('attached').waitFor();
    expect(await first.getByTestId('attached').textContent()).toContain('Arthur Browne');
    await screenshot(popup, 'attach-number-attached');
    await first.getByRole('button', { name: 'Hang up' }).click();
    await popup.getByText('No active calls').waitFor();

    // Stored on Arthur, as a mobile.
    const arthur = await world.admin.get<{ phones: Array<{ kind: string; e164: string | null }> }>(`/api/persons/${seed.arthurId}`);
    expect(arthur.phones).toContainEqual(expect.objectContaining({ kind: 'mobile', e164: '+16465550199' }));

    await world.admin.post('/api/sim/calls', { from: '+1 646 555 0199', to: '1001' });
    const second = activeCall(popup, 'Ringing');
    const match = second.getByRole('list', { name: 'Matched' }).getByRole('listitem').filter({ hasText: 'Arthur Browne' });
    await match.waitFor();
    expect(await match.getByTestId('match-reason').textContent()).toBe('same number');
    expect(await match.textContent()).toContain('mobile:');
    await screenshot(popup, 'attach-number-next-call');
    await second.getByRole('button', { name: 'Hang up' }).click();
    await alice.context.close();
  });

  it('attaches, from the company\'s activity history, a direct line logged without a person', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    await world.admin.post('/api/sim/calls', { from: '+1 415 555 1250', to: '1001' });
    const call = activeCall(popup, '1250');
    await call.getByRole('button', { name: 'Answer' }).click();
    await call.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await call.getByRole('button', { name: 'Hang up' }).click();
    await popup.getByText('No active calls').waitFor();

    await alice.page.goto(`${world.server.url}/#/companies/${nimbusId}`);
    const history = alice.page.getByRole('region', { name: 'Activity history' });
    const row = history.getByRole('row').filter({ hasText: '1250' });
    await row.getByText(/^Attach .*1250 to a record/).click();
    await row.getByLabel('Find a person or company').fill('Ben');
    await row.getByLabel('As').selectOption('direct');
    await row.getByRole('button', { name: 'Search' }).click();
    await row.getByRole('button', { name: /Attach .*1250 to Ben Barrow/ }).click();
    await row.getByTestId('attached').waitFor();
    await screenshot(alice.page, 'attach-number-from-history');

    await world.admin.post('/api/sim/calls', { from: '+1 415 555 1250', to: '1001' });
    const next = activeCall(popup, 'Ringing');
    const ben = next.getByRole('listitem').filter({ hasText: 'Ben Barrow' });
    await ben.getByTestId('match-reason').filter({ hasText: 'same number' }).waitFor();
    await next.getByRole('listitem').filter({ hasText: 'Nimbus Systems' }).getByTestId('match-reason').filter({ hasText: 'company switchboard / number block' }).waitFor();
    await next.getByRole('button', { name: 'Hang up' }).click();
    await alice.context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { activeCall, agentSession, makeAgent, openCallScreen, seedContacts, startWorld, type Seed, type World } from './support/fixtures.js';

let world: World;
let seed: Seed;
beforeAll(async () => {
  world = await startWorld();
  seed = await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001', { callScreen: 'new-opportunity' });
});
afterAll(async () => world?.stop());

describe('the active call link opens the user CTI call screen (R6.8)', () => {
  it('opens New Opportunity pre-filled with the caller company and person', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    await world.admin.post('/api/sim/calls', { from: '+1 212 736 4440', to: '1001' });
    const call = activeCall(popup, '4440');
    await call.getByRole('button', { name: 'Answer' }).click();
    await call.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
    await call.getByRole('link', { name: /4440/ }).click();

    const form = alice.page.getByRole('form', { name: /opportunity/i });
    await form.waitFor();
    expect(alice.page.url()).toContain('#/opportunities/new?');
    expect(await form.locator('#f-companyId').inputValue()).toBe(String(seed.companyId));
    expect([String(seed.arthurId), String(seed.benId)]).toContain(await form.locator('#f-personId').inputValue());
    await form.locator('#f-name').fill('Follow-up from call');
    await screenshot(alice.page, 'call-link-new-opportunity');
    await form.getByRole('button', { name: 'Save' }).click();
    await alice.page.waitForURL(/#\/opportunities\/\d+$/);
    const id = Number(alice.page.url().split('/').pop());
    const saved = await world.admin.get<{ companyId: number; personId: number }>(`/api/opportunities/${id}`);
    expect(saved.companyId).toBe(seed.companyId);
    await call.getByRole('button', { name: 'Hang up' }).click();
    await alice.context.close();
  });
});

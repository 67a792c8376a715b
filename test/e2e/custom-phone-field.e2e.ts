import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginUi, newContext, screenshot } from './support/browser.js';
import { ADMIN_PASSWORD } from './support/server.js';
import { agentSession, makeAgent, seedContacts, startWorld, type Seed, type World } from './support/fixtures.js';

let world: World;
let seed: Seed;
beforeAll(async () => {
  world = await startWorld();
  seed = await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('a text field converted to Phone number and added to the Company summary screen (R5.2, R5.3, R5.1)', () => {
  it('shows as a click-to-dial link for a CTI user, with no code change', async () => {
    const context = await newContext(world.browser, world.server.url);
    const page = await context.newPage();
    await loginUi(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/#/admin/customisation');

    // A plain text field first...
    const add = page.getByRole('form', { name: 'Add field' });
    await add.getByLabel('Column name').fill('corp_phonenumber');
    await add.getByLabel('Caption').fill('Corporate number');
    await add.getByRole('button', { name: 'Add field' }).click();
    const row = page.locator('tr[data-field="corp_phonenumber"]');
    await row.waitFor();

    // ...whose entry type becomes Phone number, with the seed's caption and limits (R5.2).
    await row.getByLabel('corp_phonenumber Caption').fill('Main contact direct line');
    await row.getByLabel('corp_phonenumber Entry type').selectOption('phone');
    await row.getByLabel('corp_phonenumber Max length').fill('20');
    await row.getByLabel('corp_phonenumber Width').fill('20');
    await row.getByRole('button', { name: 'Save corp_phonenumber' }).click();
    await page.getByRole('status').filter({ hasText: 'corp_phonenumber' }).waitFor();

    // R5.3: add it to the company summary screen, move it up, save.
    const screens = page.getByRole('region', { name: 'Screens' });
    await screens.getByLabel('Screens').selectOption({ label: 'Company summary (company-summary)' });
    await screens.getByLabel('Choose a field').selectOption('corp_phonenumber');
    await screens.getByRole('button', { name: 'Add to screen' }).click();
    await screens.getByRole('button', { name: 'Move Main contact direct line up' }).click();
    await screens.getByRole('button', { name: 'Save' }).click();
    await screens.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await screenshot(page, 'custom-phone-field-admin');

    const screen = await world.admin.get<{ fields: string[] }>('/api/screens/company-summary');
    expect(screen.fields.at(-2)).toBe('corp_phonenumber');
    await world.admin.patch(`/api/companies/${seed.companyId}`, { custom: { corp_phonenumber: '+1 212 736 4499' } });
    await context.close();

    // A CTI user sees the value as a link on the summary screen.
    const alice = await agentSession(world, 'alice');
    await alice.page.goto(`/#/companies/${seed.companyId}`);
    const field = alice.page.locator('[data-field="corp_phonenumber"]');
    await field.getByText('Main contact direct line').waitFor();
    const link = field.getByRole('button', { name: 'Call (212) 736-4499' });
    await link.waitFor();
    await screenshot(alice.page, 'custom-phone-field-agent');
    await alice.context.close();
  });
});

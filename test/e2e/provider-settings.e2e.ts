import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginUi, newContext, screenshot } from './support/browser.js';
import { ADMIN_PASSWORD } from './support/server.js';
import { makeAgent, startWorld, type World } from './support/fixtures.js';

let world: World;
let page: Page;
beforeAll(async () => {
  world = await startWorld();
  await makeAgent(world.admin, 'alice', '1001');
  await makeAgent(world.admin, 'bob', '1002');
  const context = await newContext(world.browser, world.server.url);
  page = await context.newPage();
  await loginUi(page, 'admin', ADMIN_PASSWORD);
});
afterAll(async () => world?.stop());

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
const closedPort = (): Promise<number> =>
  new Promise((ok) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => ok(typeof addr === 'object' && addr ? addr.port : 1));
    });
  });

describe('the telephony provider is configured in Administration › System behaviour (issue 7)', () => {
  it('tests an Asterisk connection before saving: a wrong host shows the server\'s reason and nothing is saved', async () => {
    await page.goto('/#/admin/system');
    const form = page.getByRole('form', { name: 'Telephony provider' });
    expect(await form.getByLabel('Telephony provider').inputValue()).toBe('sim');
    // The built-in SIP server is one of the choices (issue 6; its own test: sip-admin.e2e.ts).
    expect(await form.locator('option[value="sip"]').isDisabled()).toBe(false);

    await form.getByLabel('Telephony provider').selectOption('asterisk');
    await form.getByRole('button', { name: 'Test the connection and save' }).click();
    // Checked in the page first: the required fields are named.
    expect(await form.getByText('Required').count()).toBeGreaterThan(0);

    const port = await closedPort();
    await form.getByLabel('Host').fill('127.0.0.1');
    await form.getByLabel('Port').fill(String(port));
    await form.getByLabel('Username').fill('switchboard');
    await form.getByLabel('Secret').fill('not-the-secret');
    await form.getByLabel('Originate context').fill('from-internal');
    await form.getByRole('button', { name: 'Test the connection and save' }).click();
    const reason = form.getByTestId('provider-error');
    await reason.waitFor();
    expect(await reason.textContent()).toMatch(/The telephony provider settings do not work: .+/);
    await screenshot(page, 'provider-settings-asterisk-refused');

    const saved = await world.admin.get<{ provider: { kind: string } }>('/api/settings');
    expect(saved.provider).toEqual({ kind: 'sim', demoCalls: false });
  });

  it('saves the simulated phone system\'s "demo calls now and then"', async () => {
    await page.goto('/#/admin/system');
    const form = page.getByRole('form', { name: 'Telephony provider' });
    await form.getByLabel('Telephony provider').selectOption('sim');
    await form.getByLabel('Demo calls now and then').check();
    await form.getByRole('button', { name: 'Test the connection and save' }).click();
    await form.getByRole('status').filter({ hasText: 'Connected and saved' }).waitFor();
    const saved = await world.admin.get<{ provider: { kind: string; demoCalls?: boolean } }>('/api/settings');
    expect(saved.provider).toEqual({ kind: 'sim', demoCalls: true });
    await world.admin.put('/api/settings', { provider: { kind: 'sim', demoCalls: false } });
  });

  it('shows where the dialling rules differ from the phone system\'s, and edits area-code rules (R3.4)', async () => {
    await page.goto('/#/admin/system');
    const check = page.getByTestId('dialling-check');
    await check.getByText('The phone system dials the same way').waitFor();

    const system = page.getByRole('form', { name: 'System behaviour' });
    // The simulated PBX dials 9 for every outside line; Switchboard is told 8 for long distance.
    await system.getByLabel('Long-distance outside-line prefix').fill('8');
    await system.getByRole('button', { name: 'Add an area-code rule' }).click();
    await system.getByLabel('Rule 1: Area code').fill('646');
    await system.getByLabel('Rule 1: Local prefixes').fill('555, 556');
    await system.getByRole('button', { name: 'Save', exact: true }).click();
    await system.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await check.getByTestId('dialling-differences').getByText('The phone system dials 9 for a long-distance outside line, Switchboard 8').waitFor();
    await screenshot(page, 'provider-settings-dialling-check');
    const saved = await world.admin.get<{ outsidePrefix: string; areaCodeRules: unknown[] }>('/api/settings');
    expect(saved.areaCodeRules).toEqual([{ areaCode: '646', dialAreaCode: true, dialNationalPrefix: true, localPrefixes: ['555', '556'] }]);

    await system.getByRole('button', { name: 'Remove rule 1' }).click();
    await system.getByLabel('Long-distance outside-line prefix').fill('9');
    await system.getByRole('button', { name: 'Save', exact: true }).click();
    await check.getByText('The phone system dials the same way').waitFor();
    expect((await world.admin.get<{ areaCodeRules: unknown[] }>('/api/settings')).areaCodeRules).toEqual([]);
  });

  it('lists the users with CTI enabled, device and extension, searches them, and opens one', async () => {
    await page.goto('/#/admin/users');
    const table = page.getByTestId('users-table');
    const alice = table.getByRole('row').filter({ hasText: 'alice' });
    await alice.waitFor();
    expect((await alice.getByRole('cell').allTextContents()).slice(1)).toEqual(['alice', '1001', 'Yes', '1001']);
    await page.getByLabel('Search users').fill('bob');
    await alice.waitFor({ state: 'detached' });
    await table.getByRole('row').filter({ hasText: 'bob' }).getByRole('button', { name: 'Bob' }).click();
    await page.getByRole('form', { name: /Bob/ }).waitFor();
    await screenshot(page, 'users-list');
  });
});

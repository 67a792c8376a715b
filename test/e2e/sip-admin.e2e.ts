/**
 * The admin turns the built-in SIP server on in the browser (issue 6): the provider form
 * offers it with its settings, the user page sets a CTI user's SIP password (write-only:
 * set / not set) and shows the phone's registration once a real baresip phone registered.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginUi, newContext, screenshot } from './support/browser.js';
import { ADMIN_PASSWORD } from './support/server.js';
import { makeAgent, startWorld, type World } from './support/fixtures.js';
import { BaresipPhone, reservePorts } from '../sip/support/baresip-phone.js';
import { describeWith } from '../support/peers.js';

let world: World;
let page: Page;
let phone: BaresipPhone | undefined;
beforeAll(async () => {
  world = await startWorld();
  await makeAgent(world.admin, 'alice', '1001');
  const context = await newContext(world.browser, world.server.url);
  page = await context.newPage();
  await loginUi(page, 'admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await phone?.close();
  await world?.stop();
});

describeWith(['baresip'])('the built-in SIP server chosen by the admin in the browser (issue 6)', () => {
  it('chooses SIP in System behaviour, sets Alice\'s SIP password on her page, and sees her real phone registered', async () => {
    const sipPort = await reservePorts(2);
    await page.goto('/#/admin/system');
    const form = page.getByRole('form', { name: 'Telephony provider' });
    await form.getByLabel('Telephony provider').selectOption('sip');
    await form.getByLabel('Listen address (0.0.0.0: every address)').fill('127.0.0.1');
    await form.getByLabel('SIP port').fill('0');
    await form.getByRole('button', { name: 'Test the connection and save' }).click();
    // Checked in the page first.
    await form.getByText('A port from 1 to 65535').waitFor();
    await form.getByLabel('SIP port').fill(String(sipPort));
    await form.getByLabel('Answer from the page, per device').fill('1001 always');
    await form.getByRole('button', { name: 'Test the connection and save' }).click();
    await form.getByRole('status').filter({ hasText: 'Connected and saved' }).waitFor();
    await screenshot(page, 'sip-settings-saved');
    const saved = await world.admin.get<{ provider: Record<string, unknown> }>('/api/settings');
    expect(saved.provider).toMatchObject({ kind: 'sip', listenHost: '127.0.0.1', listenPort: sipPort, transports: ['udp', 'tcp'], realm: 'switchboard', trunk: null, autoAnswer: { '1001': 'always' } });

    await page.goto('/#/admin/users');
    await page.getByRole('button', { name: 'Alice' }).click();
    const panel = page.getByRole('form', { name: 'SIP password' });
    await panel.getByTestId('sip-password-state').filter({ hasText: 'SIP password: not set' }).waitFor();
    await panel.getByLabel('New SIP password (8 characters or more)').fill('short');
    await panel.getByRole('button', { name: 'Set SIP password' }).click();
    await panel.getByText('At least 8 characters').waitFor();
    await panel.getByLabel('New SIP password (8 characters or more)').fill('alice-sip-secret');
    await panel.getByRole('button', { name: 'Set SIP password' }).click();
    await panel.getByTestId('sip-password-state').filter({ hasText: 'SIP password: set' }).waitFor();
    expect(await panel.getByLabel('New SIP password (8 characters or more)').inputValue()).toBe('');
    expect(await world.admin.get<{ sipPasswordSet: boolean }>(`/api/users/${(await userId('alice'))}`)).toMatchObject({ sipPasswordSet: true });

    phone = await BaresipPhone.start({ user: '1001', password: 'alice-sip-secret', registrar: sipPort, answermode: 'auto' });
    for (let i = 0; i < 200 && !(await world.admin.get<{ ok: boolean }>('/api/devices/1001/check')).ok; i++) await new Promise((r) => setTimeout(r, 25));
    // Reopening her page shows the registration as the device check reports it (R4.6).
    await page.reload();
    await page.getByRole('button', { name: 'Alice' }).click();
    await page.getByTestId('sip-registration').filter({ hasText: /^Phone registration: ✓ The phone for device 1001 is registered/ }).waitFor();
    await screenshot(page, 'sip-password-and-registration');
  });
});

const userId = async (login: string): Promise<number> =>
  (await world.admin.get<{ items: Array<{ id: number; login: string }> }>('/api/users')).items.find((u) => u.login === login)?.id ?? 0;

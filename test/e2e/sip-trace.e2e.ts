/**
 * The SIP trace in the admin page (issue 17): the product on the built-in SIP server with
 * two real baresip phones; the admin turns tracing on for Alice's device in the browser,
 * Alice calls Bob and hangs up, and the admin opens the call's trace: the ladder shows
 * the INVITE, the 200 and the BYE in that order, and a click shows a whole message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Api } from './support/api.js';
import { loginUi, newContext, screenshot } from './support/browser.js';
import { ADMIN_PASSWORD } from './support/server.js';
import { AGENT_PASSWORD, makeAgent, startWorld, type World } from './support/fixtures.js';
import { BaresipPhone, reservePorts } from '../sip/support/baresip-phone.js';
import { describeWith } from '../support/peers.js';

let world: World;
let page: Page;
const phones: BaresipPhone[] = [];
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  for (const p of phones) await p.close();
  await world?.stop();
});

const until = async (check: () => Promise<boolean>): Promise<void> => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
};

describeWith(['baresip'])('the SIP trace of a call in the admin page (issue 17)', () => {
  it('traces Alice\'s device, and shows her call to Bob as a ladder: INVITE, 200 OK and BYE in order', async () => {
    const alice = await makeAgent(world.admin, 'alice', '1001');
    const bob = await makeAgent(world.admin, 'bob', '1002');
    const sipPort = await reservePorts(2);
    await world.admin.put('/api/settings', { provider: { kind: 'sip', listenHost: '127.0.0.1', listenPort: sipPort, transports: ['udp'], trunk: null, autoAnswer: { '1001': 'always' } } });
    await world.admin.put(`/api/users/${alice.id}/sip-password`, { password: 'alice-sip-secret' });
    await world.admin.put(`/api/users/${bob.id}/sip-password`, { password: 'bob-sip-secret' });

    const context = await newContext(world.browser, world.server.url);
    page = await context.newPage();
    await loginUi(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/#/admin/sipTrace');
    const traceDevice = page.getByRole('form', { name: 'Trace a device' });
    await traceDevice.getByLabel('Device').fill('1001');
    await traceDevice.getByRole('button', { name: 'Start tracing' }).click();
    await page.getByRole('list', { name: 'Traced devices' }).getByText('1001').waitFor();

    phones.push(await BaresipPhone.start({ user: '1001', password: 'alice-sip-secret', registrar: sipPort, answermode: 'auto' }));
    phones.push(await BaresipPhone.start({ user: '1002', password: 'bob-sip-secret', registrar: sipPort, answermode: 'auto' }));
    for (const device of ['1001', '1002']) await until(async () => (await world.admin.get<{ ok: boolean }>(`/api/devices/${device}/check`)).ok);

    const aliceApi = await Api.login(world.server.url, 'alice', AGENT_PASSWORD);
    const call = await aliceApi.post<{ id: string }>('/api/calls', { number: '1002' });
    await until(async () => (await aliceApi.get<Array<{ id: string; state: string; connections: Array<{ state: string }> }>>('/api/calls'))
      .some((c) => c.id === call.id && c.connections.every((x) => x.state === 'connected')));
    await aliceApi.post(`/api/calls/${call.id}/hangup`);
    await until(async () => (await aliceApi.get<unknown[]>('/api/calls')).length === 0);

    await page.getByRole('button', { name: 'Check again' }).click();
    const kept = page.getByRole('list', { name: 'Traced calls kept' }).getByRole('button');
    await kept.first().waitFor();
    expect((await world.admin.get<{ recent: Array<{ id: string }> }>('/api/telephony/sip-trace')).recent.map((c) => c.id)).toContain(call.id);
    await kept.filter({ hasText: '1002' }).first().click();

    const ladder = page.getByRole('table', { name: 'SIP ladder' });
    await ladder.getByRole('button', { name: /BYE/ }).first().waitFor();
    const arrows = (await ladder.getByTestId('sip-ladder-arrow').getByRole('button').allTextContents()).map((s) => s.replace(/[←→]/g, '').trim());
    const invite = arrows.indexOf('INVITE');
    // baresip answers "200 Answering": any 200 after the INVITE
    const ok = arrows.findIndex((a, i) => i > invite && a.startsWith('200 '));
    const bye = arrows.findIndex((a, i) => i > ok && a === 'BYE');
    expect(invite, arrows.join(' | ')).toBeGreaterThanOrEqual(0);
    expect(ok, arrows.join(' | ')).toBeGreaterThan(invite);
    expect(bye, arrows.join(' | ')).toBeGreaterThan(ok);
    // Both phones' dialogs are in the one call: Alice, Switchboard and Bob each have a column,
    // and both INVITEs are there (Bob's went out before its dialog named the call).
    expect(arrows.filter((a) => a === 'INVITE')).toHaveLength(2);
    const columns = await ladder.getByRole('columnheader').allTextContents();
    expect(columns.some((c) => c.startsWith('1001'))).toBe(true);
    expect(columns.some((c) => c.startsWith('1002'))).toBe(true);
    expect(columns).toContain('Switchboard');

    await ladder.getByRole('button', { name: /^INVITE/ }).first().click();
    const text = await page.getByTestId('sip-message-text').textContent();
    expect(text).toMatch(/^INVITE sip:/);
    expect(text).toMatch(/Call-ID: /i);
    await screenshot(page, 'sip-trace-ladder');
  });
});

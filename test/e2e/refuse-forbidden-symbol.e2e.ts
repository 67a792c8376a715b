import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { agentSession, makeAgent, openCallScreen, startWorld, type World } from './support/fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await makeAgent(world.admin, 'alice', '1001');
});
afterAll(async () => world?.stop());

describe('a typed number with a letter in it (R6.5, issue 12 §3: dashes, dots, brackets are fine)', () => {
  it('is refused with what to change, and neither Dial nor Enter places a call', async () => {
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    const field = popup.getByLabel('Number', { exact: true });
    await field.fill('0161-552 77B9');
    const error = popup.getByTestId('number-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Remove "B"/);
    expect(await popup.getByRole('button', { name: 'Dial' }).isDisabled()).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await screenshot(popup, 'refuse-forbidden-symbol');

    // The server refuses it too (R6.5 is checked on both sides).
    const res = await fetch(`${world.server.serverUrl}/api/phone/preview?number=${encodeURIComponent('0161-552 77B9')}`, {
      headers: { cookie: (await alice.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(res.status).toBe(422);
    expect(await alice.api.get<unknown[]>('/api/calls')).toEqual([]);
    await alice.context.close();
  });
});

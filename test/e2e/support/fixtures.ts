/**
 * Per-file world for the end-to-end flows: a fresh server, a browser, an admin API
 * client, and the seed every flow relies on (a company whose people share a line, CTI
 * agents on the simulated phone system's extensions 1001 and 1002).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Api } from './api.js';
import { launch, loginUi, newContext } from './browser.js';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './server.js';

export interface World {
  server: RunningServer;
  browser: Browser;
  admin: Api;
  stop: () => Promise<void>;
}

export const startWorld = async (): Promise<World> => {
  const server = await startServer();
  const browser = await launch();
  const admin = await Api.login(server.url, 'admin', ADMIN_PASSWORD);
  return {
    server,
    browser,
    admin,
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
};

export interface Seed {
  companyId: number;
  arthurId: number;
  benId: number;
}

/** Browne & Barrow: a switchboard line, and two people reached on the same direct line. */
export const seedContacts = async (admin: Api): Promise<Seed> => {
  const company = await admin.post<{ id: number }>('/api/companies', {
    name: 'Browne & Barrow Ltd',
    phones: [{ kind: 'switchboard', value: '+1 212 736 4400' }],
  });
  const arthur = await admin.post<{ id: number }>('/api/persons', {
    firstName: 'Arthur', lastName: 'Browne', companyId: company.id, phones: [{ kind: 'direct', value: '(212) 736-4440' }],
  });
  const ben = await admin.post<{ id: number }>('/api/persons', {
    firstName: 'Ben', lastName: 'Barrow', companyId: company.id, phones: [{ kind: 'direct', value: '+1 212 736 4440' }],
  });
  return { companyId: company.id, arthurId: arthur.id, benId: ben.id };
};

export const AGENT_PASSWORD = 'agent-pass-123';

export type CallScreenChoice = 'new-case' | 'new-opportunity' | 'new-lead' | 'company-summary' | 'person-summary';

/** A CTI-enabled agent whose device is a simulated extension. */
export const makeAgent = async (
  admin: Api,
  login: string,
  extension: string,
  opts: { callScreen?: CallScreenChoice; locale?: 'en' | 'fr'; alwaysShow?: boolean } = {},
): Promise<{ id: number; login: string }> =>
  admin.post('/api/users', {
    login,
    name: login[0]?.toUpperCase() + login.slice(1),
    password: AGENT_PASSWORD,
    role: 'agent',
    extension,
    phone: null,
    locale: opts.locale ?? 'en',
    ctiEnabled: true,
    ctiDevice: extension,
    ctiCallScreen: opts.callScreen ?? 'new-case',
    alwaysShowCallScreen: opts.alwaysShow ?? false,
  });

export interface AgentSession {
  context: BrowserContext;
  page: Page;
  api: Api;
}

/** Logs the agent in, in its own browser context (its own cookies and pop-ups). */
export const agentSession = async (world: World, login: string, opts: { locale?: string } = {}): Promise<AgentSession> => {
  const context = await newContext(world.browser, world.server.url, opts);
  const page = await context.newPage();
  // The one-time R6.2 prompt is the subject of its own flow; here it is already answered.
  const { clientVersion } = await world.admin.get<{ clientVersion: string }>('/api/settings/public');
  await page.addInitScript((v: string) => window.localStorage.setItem('sb.ctiPromptVersion', v), clientVersion);
  await loginUi(page, login, AGENT_PASSWORD);
  const api = await Api.login(world.server.url, login, AGENT_PASSWORD);
  return { context, page, api };
};

/** Opens the CTI call screen from the phone icon (R6.3) and waits until it is online. */
export const openCallScreen = async (page: Page): Promise<Page> => {
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: /CTI call screen|écran d'appel CTI/i }).click()]);
  await popup.getByTestId('cti-status').filter({ hasText: /CTI (on|actif)/ }).waitFor();
  return popup;
};

/** The Active calls entry of the call showing `text` (a number or a state word). */
export const activeCall = (popup: Page, text: string | RegExp) => popup.locator('li.active-call').filter({ hasText: text });

/** Polls the simulated phone system until the desk phone reaches `state` (an awaited event, not a timing). */
export const waitForDeviceState = async (world: World, device: string, state: string): Promise<void> => {
  for (let i = 0; i < 200; i++) {
    const devices = await world.admin.get<Array<{ name: string; state: string }>>('/api/sim/devices');
    if (devices.find((d) => d.name === device)?.state === state) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`device ${device} never reached ${state}`);
};

/** The world most call flows need: the seed, and CTI agents alice (1001) and bob (1002). */
export const startCallWorld = async (): Promise<{ world: World; seed: Seed }> => {
  const world = await startWorld();
  const seed = await seedContacts(world.admin);
  await makeAgent(world.admin, 'alice', '1001');
  await makeAgent(world.admin, 'bob', '1002');
  return { world, seed };
};

export interface TwoAgents {
  alice: AgentSession;
  bob: AgentSession;
  alicePopup: Page;
  bobPopup: Page;
  close: () => Promise<void>;
}

/** Alice and Bob logged in, each with the call screen open and online. */
export const twoAgents = async (world: World): Promise<TwoAgents> => {
  const alice = await agentSession(world, 'alice');
  const bob = await agentSession(world, 'bob');
  const alicePopup = await openCallScreen(alice.page);
  const bobPopup = await openCallScreen(bob.page);
  return { alice, bob, alicePopup, bobPopup, close: async () => { await alice.context.close(); await bob.context.close(); } };
};

/** An outside caller rings `to`; the agent answers on the call screen; resolves once Connected. */
export const answerIncoming = async (world: World, popup: Page, from: string, to: string, shows: string | RegExp): Promise<ReturnType<typeof activeCall>> => {
  await world.admin.post('/api/sim/calls', { from, to });
  const call = activeCall(popup, shows);
  await call.getByRole('button', { name: 'Answer' }).click();
  await call.getByTestId('call-state').filter({ hasText: 'Connected' }).waitFor();
  return call;
};

/** Alice consults Bob (1002) from a connected call and Bob answers: resolves with the consultation's entry, in Consult. */
export const consultBob = async (agents: TwoAgents, caller: ReturnType<typeof activeCall>, callerText: string): Promise<ReturnType<typeof activeCall>> => {
  await agents.alicePopup.getByLabel('Number', { exact: true }).fill('1002');
  await caller.getByRole('button', { name: 'Consult' }).click();
  const consult = agents.alicePopup.locator('li.active-call').filter({ hasNotText: callerText });
  await consult.waitFor();
  await activeCall(agents.bobPopup, 'Ringing').getByRole('button', { name: 'Answer' }).click();
  await consult.getByTestId('call-state').filter({ hasText: 'Consult' }).waitFor();
  return consult;
};

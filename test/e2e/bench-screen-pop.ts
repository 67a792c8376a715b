/**
 * Benchmark (not a test): time from the incoming call event to the pop being visible in
 * the browser, over N calls (default 100). Prints p50/p99/max; asserts nothing.
 *
 *   npx tsx test/e2e/bench-screen-pop.ts [calls]
 *
 * t0 is taken in Node just before `POST /api/sim/calls` (the outside world calls in);
 * t1 in the browser, on the first animation frame after the ringing call's entry is
 * in the pop-up's DOM (a MutationObserver, then requestAnimationFrame: painted). Both
 * are wall-clock milliseconds on the same machine.
 */
import { buildWeb } from './support/server.js';
import { agentSession, makeAgent, openCallScreen, startWorld } from './support/fixtures.js';

const N = Number(process.argv[2] ?? 100);

/** Installs `window.__arm()`: the next ringing entry's first painted frame resolves `window.__popped` with Date.now(). */
const ARM_SCRIPT = `
  window.__arm = () => {
    window.__popped = new Promise((resolve) => {
      const seen = () => document.querySelector('li.active-call[data-state="alerting"]') !== null;
      const done = () => requestAnimationFrame(() => resolve(Date.now()));
      if (seen()) return done();
      const mo = new MutationObserver(() => { if (seen()) { mo.disconnect(); done(); } });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  };
`;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const main = async (): Promise<void> => {
  if (process.env.E2E_SKIP_BUILD !== '1') await buildWeb();
  const world = await startWorld();
  try {
    await makeAgent(world.admin, 'alice', '1001');
    const alice = await agentSession(world, 'alice');
    const popup = await openCallScreen(alice.page);
    // A string, not a function: tsx's name-keeping helpers do not exist in the page.
    await popup.evaluate(ARM_SCRIPT);
    const samples: number[] = [];
    for (let i = 0; i < N; i++) {
      await popup.evaluate('window.__arm()');
      const t0 = Date.now();
      await world.admin.post('/api/sim/calls', { from: '+1 212 736 4440', to: '1001' });
      const t1 = await popup.evaluate<number>('window.__popped');
      samples.push(t1 - t0);
      const calls = await alice.api.get<Array<{ id: string }>>('/api/calls');
      for (const c of calls) await alice.api.post(`/api/calls/${c.id}/hangup`);
      await popup.getByText('No active calls').waitFor();
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    process.stdout.write(
      `screen pop, incoming call event → visible in the browser, ${samples.length} calls: ` +
        `p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted.at(-1)} ms, mean ${mean.toFixed(1)} ms\n`,
    );
    await alice.context.close();
  } finally {
    await world.stop();
  }
};

await main();

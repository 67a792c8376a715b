import { describe, expect, it } from 'vitest';
import { ACCOUNT_FRESH_MS, ACCOUNT_STALE_MS, RemoteAccountStore } from './sip-worker-accounts.js';
import type { SipAccount } from './sip-registrar.js';

const account = (ha1: string): SipAccount => ({ device: '1001', realm: 'switchboard', ha1: { 'MD5': ha1, 'SHA-256': ha1 } });

/** A store whose main thread answers only when the test says so, on a clock the test moves. */
const world = () => {
  let t = 0;
  const asked: Array<{ id: number; device: string }> = [];
  const store = new RemoteAccountStore((id, device) => asked.push({ id, device }), () => t);
  return { store, asked, advance: (ms: number) => { t += ms; }, answer: (a: SipAccount | undefined) => { const q = asked.shift(); if (q) store.answered(q.id, a); } };
};

describe('the SIP worker\'s account store (R4.2 accounts on the main thread)', () => {
  it('asks the main thread for an account it has not seen, and answers from memory while it is fresh', async () => {
    const w = world();
    const first = w.store.find('1001');
    expect(w.asked).toEqual([{ id: 1, device: '1001' }]);
    w.answer(account('a'));
    expect(await first).toEqual(account('a'));
    w.advance(ACCOUNT_FRESH_MS - 1);
    expect(w.store.find('1001')).toEqual(account('a'));
    expect(w.asked).toEqual([]);
  });

  it('answers a stale account at once but reads it again, and the new read replaces it (a changed password)', async () => {
    const w = world();
    const first = w.store.find('1001');
    w.answer(account('old'));
    await first;
    w.advance(ACCOUNT_FRESH_MS);
    expect(w.store.find('1001')).toEqual(account('old'));
    expect(w.store.find('1001')).toEqual(account('old'));
    expect(w.asked).toHaveLength(1); // one read in flight per device
    w.answer(account('new'));
    await Promise.resolve();
    expect(w.store.find('1001')).toEqual(account('new'));
  });

  it('waits for the main thread once the account is older than the stale limit', async () => {
    const w = world();
    const first = w.store.find('1001');
    w.answer(account('a'));
    await first;
    w.advance(ACCOUNT_STALE_MS);
    const late = w.store.find('1001');
    expect(late).toBeInstanceOf(Promise);
    w.answer(undefined);
    expect(await late).toBeUndefined();
  });

  it('never caches an unknown device, so a newly created account works at the next request', async () => {
    const w = world();
    const none = w.store.find('1001');
    w.answer(undefined);
    expect(await none).toBeUndefined();
    const next = w.store.find('1001');
    expect(w.asked).toHaveLength(1);
    w.answer(account('a'));
    expect(await next).toEqual(account('a'));
  });

  it('forgets an account the main thread no longer has (a removed account)', async () => {
    const w = world();
    const first = w.store.find('1001');
    w.answer(account('a'));
    await first;
    w.advance(ACCOUNT_FRESH_MS);
    w.store.find('1001');
    w.answer(undefined);
    await Promise.resolve();
    const again = w.store.find('1001');
    expect(again).toBeInstanceOf(Promise);
  });
});

/**
 * The SIP worker's account store (`sip-worker.ts`): the accounts live on the main thread
 * (the users table), read over the MessagePort and kept here briefly so call setup does
 * not wait on the main thread.
 */
import type { AccountStore, SipAccount } from './sip-registrar.js';

/**
 * How long an account read from the main thread is used as it is, and how long at most
 * while a fresh read is on its way. Every authenticated INVITE and REGISTER reads its
 * account; the main thread also runs the database, whose writes (a WAL checkpoint, a
 * burst of call-log upserts) can hold it for a few hundred milliseconds, and call setup
 * must not wait for that. So a known account is answered from here and re-read in the
 * background once it is `ACCOUNT_FRESH_MS` old; past `ACCOUNT_STALE_MS` the read is
 * awaited again. An unknown device is never cached: a new account works at once; a
 * changed password or a removed account takes effect within `ACCOUNT_FRESH_MS` of use
 * (`ACCOUNT_STALE_MS` at most).
 */
export const ACCOUNT_FRESH_MS = 1_000;
export const ACCOUNT_STALE_MS = 5_000;

interface CachedAccount {
  account: SipAccount;
  at: number;
}

/** The account store on the other side of the port; `devices()` is what the last listDevices brought. */
export class RemoteAccountStore implements AccountStore {
  private nextId = 1;
  private readonly waiting = new Map<number, (a: SipAccount | undefined) => void>();
  private readonly cache = new Map<string, CachedAccount>();
  private readonly reading = new Map<string, Promise<SipAccount | undefined>>();
  known: string[] = [];

  constructor(private readonly ask: (id: number, device: string) => void, private readonly now: () => number = Date.now) {}

  find(device: string): SipAccount | undefined | Promise<SipAccount | undefined> {
    const hit = this.cache.get(device);
    const age = hit ? this.now() - hit.at : Infinity;
    if (hit && age < ACCOUNT_FRESH_MS) return hit.account;
    const read = this.read(device);
    if (hit && age < ACCOUNT_STALE_MS) return hit.account; // the fresh read replaces it when it comes
    return read;
  }

  /** One read per device at a time; its answer replaces (or drops) the cached account. */
  private read(device: string): Promise<SipAccount | undefined> {
    const pending = this.reading.get(device);
    if (pending) return pending;
    const id = this.nextId++;
    const p = new Promise<SipAccount | undefined>((resolve) => {
      this.waiting.set(id, (account) => {
        this.reading.delete(device);
        if (account) this.cache.set(device, { account, at: this.now() });
        else this.cache.delete(device);
        resolve(account);
      });
      this.ask(id, device);
    });
    this.reading.set(device, p);
    return p;
  }

  answered(id: number, account: SipAccount | undefined): void {
    this.waiting.get(id)?.(account);
    this.waiting.delete(id);
  }

  devices(): string[] {
    return this.known;
  }
}

/**
 * A small fixed-window limiter for failed logins (per address and per login).
 *
 * An attempt is *reserved* before the password is hashed and released only when it
 * succeeds: scrypt is asynchronous, so a limit that is read before hashing and counted
 * after it lets any number of parallel guesses through (issue 12).
 */
export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly max: number, private readonly windowMs: number, private readonly now: () => number = Date.now) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  blockedFor(key: string): number {
    const h = this.hits.get(key);
    if (!h) return 0;
    const t = this.now();
    if (t >= h.resetAt) { this.hits.delete(key); return 0; }
    return h.count >= this.max ? h.resetAt - t : 0;
  }

  /** Gives back an attempt counted by `fail` before it was known to succeed. */
  release(key: string): void {
    const h = this.hits.get(key);
    if (h && h.count > 0) h.count -= 1;
  }

  fail(key: string): void {
    const t = this.now();
    const h = this.hits.get(key);
    if (!h || t >= h.resetAt) this.hits.set(key, { count: 1, resetAt: t + this.windowMs });
    else h.count += 1;
    if (this.hits.size > 100_000) this.prune(t);
  }

  reset(key: string): void { this.hits.delete(key); }

  private prune(t: number): void {
    for (const [k, h] of this.hits) if (t >= h.resetAt) this.hits.delete(k);
  }
}

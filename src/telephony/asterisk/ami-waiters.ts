/**
 * Commands that wait for what the event stream will say next: a click-to-dial for the call
 * its Originate created (the `CTI_REQUEST_ID` tag, S01), a consultation for its Local pair
 * (S09). Each waits with a deadline; a dropped link settles them all with its error.
 */
export class Waiters<T, Meta> {
  private readonly entries = new Map<string, { meta: Meta; resolve(value: T): void; reject(error: Error): void; timer: ReturnType<typeof setTimeout> }>();

  wait(key: string, meta: Meta, timeoutMs: number, onTimeout: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(key, onTimeout()), timeoutMs);
      this.entries.set(key, { meta, resolve, reject, timer });
    });
  }

  meta(key: string): Meta | undefined {
    return this.entries.get(key)?.meta;
  }

  /** The first waiting key whose meta passes `test`. */
  find(test: (meta: Meta) => boolean): string | undefined {
    for (const [key, entry] of this.entries) if (test(entry.meta)) return key;
    return undefined;
  }

  settle(key: string, outcome: T | Error): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.entries.delete(key);
    if (outcome instanceof Error) entry.reject(outcome);
    else entry.resolve(outcome);
  }

  settleAll(error: Error): void {
    for (const key of [...this.entries.keys()]) this.settle(key, error);
  }
}

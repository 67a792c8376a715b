/**
 * Which prefix keys of a caller ID are worth looking up (SQLite). A caller ID has 5–7
 * prefix keys and almost never a prefix row for any of them, but each costs an index
 * probe: they were half the time of an exact hit (p99 67 → 28 µs without them, measured
 * with bench/callerid on 1M persons). A Bloom filter of the keys of the prefix rows
 * (`phone_index.prefix = 1`) answers "certainly not" for nearly all of them.
 *
 * It may never say "no" for a key that has a prefix row, so:
 * - until it is built (from start-up, in chunks between other work: about 3 s of CPU
 *   for 1.4M prefix rows) every key is looked up;
 * - keys this process writes are added as they are written (`notePhoneIndexKeys`),
 *   before their transaction commits: a rollback only leaves a false "maybe";
 * - a write by another connection (the seed or reindex command, another server) changes
 *   SQLite's `PRAGMA data_version`: the filter is dropped and built again. Reading it
 *   costs 3 µs, as much as the rest of the filter saves at p50, so it is read at most
 *   every `CHECK_EVERY_MS`: a prefix row another process writes is found by prefix
 *   lookups at most that much later (exact matches never depend on the filter).
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.js';
import { KeyBloom } from './key-bloom.js';

type Handle = NonNullable<Db['sqlite']>;

const CHUNK = 5000;
export const CHECK_EVERY_MS = 250;
const live = new Set<WeakRef<PrefixKeyFilter>>();

function eachLive(f: (filter: PrefixKeyFilter) => void): void {
  for (const ref of live) {
    const filter = ref.deref();
    if (filter) f(filter);
    else live.delete(ref);
  }
}

/** Index keys this process is writing: every filter learns them at once. */
export function notePhoneIndexKeys(keys: Iterable<string>): void {
  const list = [...keys];
  if (list.length > 0) eachLive((f) => f.note(list));
}

/** After a bulk load: every filter is built again, sized for what is there now. */
export function rebuildPhoneIndexFilters(): void {
  eachLive((f) => f.invalidate());
}

interface Build { bloom: KeyBloom; after: string }

export class PrefixKeyFilter {
  private ready: KeyBloom | null = null;
  private build: Build | null = null;
  private dataVersion: number;
  private checkedAt = performance.now();
  private readonly version: Statement<[], number>;
  private readonly chunk: Statement<[string], string>;
  private readonly bound: Statement<[], number | null>;

  constructor(private readonly sqlite: Handle, private readonly later: (f: () => void) => void = (f) => { setImmediate(f); }) {
    this.version = sqlite.prepare<[], number>('PRAGMA data_version').pluck();
    this.chunk = sqlite.prepare<[string], string>(
      `SELECT key FROM phone_index INDEXED BY phone_index_prefix WHERE prefix = 1 AND key > ? ORDER BY key LIMIT ${CHUNK}`).pluck();
    this.bound = sqlite.prepare<[], number | null>('SELECT max(rowid) FROM phone_index').pluck();
    this.dataVersion = this.version.get() ?? 0;
    live.add(new WeakRef(this));
    this.start(); // built while the server starts, before the first call
  }

  get isReady(): boolean { return this.ready !== null; }

  /** The keys that may have prefix rows (all of them while the filter is being built). */
  select(keys: string[]): string[] {
    const now = performance.now();
    if (now - this.checkedAt >= CHECK_EVERY_MS) {
      this.checkedAt = now;
      const v = this.version.get() ?? 0;
      if (v !== this.dataVersion) {
        this.dataVersion = v;
        this.invalidate();
      }
    }
    const bloom = this.ready;
    if (!bloom) {
      this.start();
      return keys;
    }
    return keys.filter((k) => bloom.mayContain(k));
  }

  note(keys: readonly string[]): void {
    for (const k of keys) {
      this.ready?.add(k);
      this.build?.bloom.add(k);
    }
  }

  invalidate(): void {
    this.ready = null;
    this.build = null;
  }

  private start(): void {
    if (this.build) return;
    // Sized by the table's row count bound (prefix rows are a part of it): 10 bits each.
    const build: Build = { bloom: new KeyBloom(Number(this.bound.get() ?? 0)), after: '' };
    this.build = build;
    const step = (): void => {
      if (this.build !== build || !this.sqlite.open) return;
      let keys: string[];
      try {
        keys = this.chunk.all(build.after);
      } catch {
        this.build = null; // the database closed or changed under us: the next lookup starts again
        return;
      }
      for (const k of keys) build.bloom.add(k);
      if (keys.length === CHUNK) {
        build.after = keys[keys.length - 1] ?? build.after;
        this.later(step);
        return;
      }
      this.ready = build.bloom;
      this.build = null;
    };
    this.later(step);
  }
}

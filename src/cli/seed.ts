/**
 * `npm run seed -- --persons 1000000 [--database-url URL] [--seed N] [--keep-indexes|--drop-indexes]`
 * Appends generated persons (about 2 numbers each) and companies (one per 5 persons) to
 * the app's database — or the one named — for benchmarks and load tests.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config.js';
import { DEFAULT_SEED, seedBulk } from '../crm/demo/bulk-seed.js';
import { migrate, openDatabase } from '../db/database.js';

export interface SeedArgs { persons: number; databaseUrl?: string; seed: number; dropIndexes?: boolean; chunkSize?: number }

const USAGE = 'usage: npm run seed -- [--persons N] [--database-url URL] [--seed N] [--drop-indexes|--keep-indexes] [--chunk N]';

export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  const args: SeedArgs = { persons: 1000, seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = (argv[i] ?? '').split('=', 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
      return v;
    };
    const count = (): number => {
      const v = value().replace(/[_,]/g, '');
      if (!/^\d+$/.test(v)) throw new Error(`${name} must be a whole number\n${USAGE}`);
      return Number(v);
    };
    if (name === '--persons') args.persons = count();
    else if (name === '--database-url') args.databaseUrl = value();
    else if (name === '--seed') args.seed = count();
    else if (name === '--chunk') args.chunkSize = count();
    else if (name === '--drop-indexes') args.dropIndexes = true;
    else if (name === '--keep-indexes') args.dropIndexes = false;
    else throw new Error(`unknown option ${name}\n${USAGE}`);
  }
  return args;
}

/** One line redrawn on a terminal; a line every 10% otherwise (CI logs stay short). */
export function progressBar(stream: NodeJS.WriteStream, label: string): (done: number, total: number) => void {
  const started = Date.now();
  let lastDecile = -1;
  return (done, total) => {
    const ratio = total === 0 ? 1 : done / total;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    const text = `${label} ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.floor(ratio * 100)}%) ${secs} s`;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}${done >= total ? '\n' : ''}`);
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (decile > lastDecile) { lastDecile = decile; stream.write(`${text}\n`); }
  };
}

/**
 * From this size the indexes are dropped for the load and rebuilt after. Measured at
 * 200,000 persons: 17.3 s CPU keeping them, 15.9 s rebuilding them; the gap grows with
 * size (random inserts into ever larger B-trees), and below it is not worth the risk of
 * an interrupted load (SIGINT stops after the current chunk and rebuilds them).
 */
const DROP_INDEXES_FROM = 200_000;

export async function runSeed(args: SeedArgs): Promise<void> {
  const url = args.databaseUrl ?? loadConfig().databaseUrl;
  const db = await openDatabase(url);
  try {
    await migrate(db);
    const started = Date.now();
    const stop = new AbortController();
    process.once('SIGINT', () => {
      process.stderr.write('\nstopping after this chunk (indexes are rebuilt before exit)…\n');
      stop.abort();
    });
    const result = await seedBulk(db, {
      signal: stop.signal,
      persons: args.persons, seed: args.seed, dropIndexes: args.dropIndexes ?? args.persons >= DROP_INDEXES_FROM,
      ...(args.chunkSize ? { chunkSize: args.chunkSize } : {}),
      onProgress: progressBar(process.stderr, 'persons'),
    });
    const secs = (Date.now() - started) / 1000;
    process.stdout.write(
      `seeded ${result.persons.toLocaleString('en')} persons, ${result.companies.toLocaleString('en')} companies, `
      + `${result.phones.toLocaleString('en')} phones, ${result.indexRows.toLocaleString('en')} caller-ID keys, `
      + `${result.emails.toLocaleString('en')} e-mails into ${db.dialect} in ${secs.toFixed(1)} s `
      + `(${Math.round(result.persons / Math.max(secs, 0.001)).toLocaleString('en')} persons/s; home country ${result.home}; `
      + `person ids from ${result.firstPersonId})\n`,
    );
  } finally {
    await db.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  let args: SeedArgs;
  try {
    args = parseSeedArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  runSeed(args).catch((e: unknown) => {
    process.stderr.write(`seed failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}

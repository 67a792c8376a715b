/**
 * The benchmark's data set and its queries. The data set is a SQLite file under /tmp
 * seeded once with the bulk seeder and reused while it holds the right number of
 * persons; the queries name persons and numbers that exist, computed from the same
 * generator (bulk-rows.ts) instead of read back from the database.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { benchNumber, DEFAULT_SEED, seedBulk } from '../../src/crm/demo/bulk-seed.js';
import { generatePerson } from '../../src/crm/demo/bulk-rows.js';
import { createPrng } from '../../src/crm/demo/prng.js';
import { migrate, openDatabase } from '../../src/db/database.js';

export interface DataSet { url: string; file: string; persons: number; companies: number; phones: number; indexRows: number; bytes: number; home: string; seededNow: boolean }

async function counts(url: string): Promise<{ persons: number; companies: number; phones: number; indexRows: number; home: string }> {
  const db = await openDatabase(url);
  try {
    await migrate(db);
    const n = async (table: 'persons' | 'companies' | 'phones' | 'phone_index') =>
      Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const settings = await db.kysely.selectFrom('settings').select('value').where('key', '=', 'system').executeTakeFirst();
    const home = settings ? (JSON.parse(settings.value) as { country?: string }).country ?? 'US' : 'US';
    return { persons: await n('persons'), companies: await n('companies'), phones: await n('phones'), indexRows: await n('phone_index'), home };
  } finally {
    await db.close();
  }
}

/** Seeds `persons` into `file` unless it already holds exactly that many. */
export async function ensureDataSet(file: string, persons: number, progress: (done: number, total: number) => void): Promise<DataSet> {
  const url = `sqlite:${file}`;
  let seededNow = false;
  if (!existsSync(file) || (await counts(url)).persons !== persons) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    const db = await openDatabase(url);
    try {
      await migrate(db);
      await seedBulk(db, { persons, seed: DEFAULT_SEED, dropIndexes: persons >= 200_000, onProgress: progress });
    } finally {
      await db.close();
    }
    seededNow = true;
  }
  const c = await counts(url);
  return { url, file, ...c, bytes: statSync(file).size, seededNow };
}

const strip = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/** Name prefixes as users type them: 2–7 letters of a last or first name, any case, with or without accents. */
export function nameQueries(count: number, persons: number, home: string, seed = 7): string[] {
  const rng = createPrng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = generatePerson(DEFAULT_SEED, rng.int(persons), home);
    const name = rng.chance(0.7) ? p.lastName : p.firstName;
    let q = name.slice(0, rng.between(2, Math.min(7, Math.max(2, name.length))));
    if (rng.chance(0.3)) q = q.toLowerCase();
    if (rng.chance(0.2)) q = strip(q);
    if (rng.chance(0.1)) q = `${p.firstName} ${p.lastName.slice(0, 3)}`;
    out.push(`/api/persons?q=${encodeURIComponent(q)}&limit=50`);
  }
  return out;
}

/**
 * Phone searches: whole numbers in several written forms (E.164, spaced, national for
 * the home country, digits only) and tails of 4–7 digits (what a user remembers).
 */
export function phoneQueries(count: number, persons: number, seed = 11): string[] {
  const rng = createPrng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = benchNumber(rng.int(persons));
    const digits = n.e164.slice(1);
    let q: string;
    switch (rng.int(5)) {
      case 0: q = n.e164; break;
      case 1: q = `+${digits.slice(0, digits.length - n.tail.length)} ${n.tail.slice(0, 3)} ${n.tail.slice(3)}`; break;
      case 2: q = digits; break;
      default: q = n.tail.slice(-rng.between(4, 7)); break;
    }
    out.push(`/api/persons?phone=${encodeURIComponent(q)}&limit=50`);
  }
  return out;
}

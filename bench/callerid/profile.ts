/**
 * Where the time of one match goes, stage by stage, on the exact-hit cases: the caller
 * ID's candidate keys (pure string work), the index query with its row mapping (the
 * real `phoneIndexLookup`), and the ranking. Inputs of each stage are computed before
 * its clock starts; the stages interleave like the tiers do.
 */
import { phoneIndexLookup } from '../../src/crm/phone-index.js';
import type { Db } from '../../src/db/database.js';
import { allKeys, candidateKeys, rankRows, type CandidateKeys, type IndexRow, type PhoneContext } from '../../src/phone/index.js';
import { task, type Task } from './timing.js';
import type { CallerIdCase } from './workload.js';

export const STAGES = ['candidateKeys', 'index query + rows', 'rankRows'] as const;

interface Prepared { c: CandidateKeys; keys: string[]; rows: readonly IndexRow[] }

export async function stageTasks(db: Db, ctx: PhoneContext, cases: readonly CallerIdCase[]): Promise<Task[]> {
  const lookup = phoneIndexLookup(db);
  const query = lookup.sync ?? lookup.async;
  const prepared: Prepared[] = [];
  for (const x of cases) {
    const c = candidateKeys(x.callerId, ctx);
    const keys = allKeys(c);
    prepared.push({ c, keys, rows: await lookup.async(keys) });
  }
  const tasks: Task[] = [];
  cases.forEach((x, i) => {
    const p = prepared[i] as Prepared;
    tasks.push(task('candidateKeys', () => candidateKeys(x.callerId, ctx), (c) => `${allKeys(c).length} keys`));
    tasks.push(task('index query + rows', () => query(p.keys), (rows) => `${rows.length} rows`));
    tasks.push(task('rankRows', () => rankRows(p.c, p.rows), (m) => `${m.length} matches`));
  });
  return tasks;
}

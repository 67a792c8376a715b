/**
 * Where the time of one match goes, stage by stage, on the exact-hit cases: the caller
 * ID's candidate keys (pure string work), the index query with its row mapping (the
 * service's own `phoneIndexLookup`, prefix-key filter included), and the ranking. Inputs of each stage are computed before
 * its clock starts; the stages interleave like the tiers do.
 */
import type { PhoneIndexLookup } from '../../src/crm/phone-index.js';
import { candidateKeys, lookupKeys, rankRows, type CandidateKeys, type IndexRow, type PhoneContext } from '../../src/phone/index.js';
import { task, type Task } from './timing.js';
import type { CallerIdCase } from './workload.js';

export const STAGES = ['candidateKeys', 'index query + rows', 'rankRows'] as const;

interface Prepared { c: CandidateKeys; keys: string[]; prefixOnlyFrom: number; rows: readonly IndexRow[] }

export async function stageTasks(lookup: PhoneIndexLookup, ctx: PhoneContext, cases: readonly CallerIdCase[]): Promise<Task[]> {
  const query = lookup.sync ?? lookup.async;
  const prepared: Prepared[] = [];
  for (const x of cases) {
    const c = candidateKeys(x.callerId, ctx);
    const { keys, prefixOnlyFrom } = lookupKeys(c);
    prepared.push({ c, keys, prefixOnlyFrom, rows: await lookup.async(keys, prefixOnlyFrom) });
  }
  const tasks: Task[] = [];
  cases.forEach((x, i) => {
    const p = prepared[i] as Prepared;
    tasks.push(task('candidateKeys', () => lookupKeys(candidateKeys(x.callerId, ctx)), (k) => `${k.prefixOnlyFrom} + ${k.keys.length - k.prefixOnlyFrom} keys`));
    tasks.push(task('index query + rows', () => query(p.keys, p.prefixOnlyFrom), (rows) => `${rows.length} rows`));
    tasks.push(task('rankRows', () => rankRows(p.c, p.rows), (m) => `${m.length} matches`));
  });
  return tasks;
}

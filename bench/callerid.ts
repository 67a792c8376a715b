/**
 * `npm run bench:callerid [-- --persons N] [--calls N] [--warmup N] [--like N] [--stages N]
 *   [--file PATH] [--postgres URL] [--pg-database NAME] [--no-sqlite] [--seed N] [--sqlite-mmap BYTES]`
 *
 * The caller-ID lookup of every incoming call (R6.6), `PhoneService.match()`, timed call
 * by call with `process.hrtime.bigint()` on 1,000,000 persons, on SQLite and — given
 * `--postgres URL` or TEST_DATABASE_URL (a role that may create databases) — on
 * PostgreSQL in the dedicated database `sb_bench_callerid`. Tiers: exact hits in the forms
 * phone systems send, prefix hits (unlisted direct lines of a number block) and misses,
 * beside the floor (a bare indexed point query for the same keys) and the LIKE scan many
 * CRMs do. Prints a table per database and the ratios of issue 3's targets; asserts nothing.
 * `--sqlite-mmap BYTES` replaces the app's SQLite `mmap_size` (a what-if; printed).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { progressBar } from '../src/cli/seed.js';
import { createPrng } from '../src/crm/demo/prng.js';
import { FieldService } from '../src/crm/fields.js';
import { PhoneService } from '../src/crm/phone-service.js';
import { phoneContextOf, phoneKeyer } from '../src/crm/phone-settings.js';
import { RecordService } from '../src/crm/records.js';
import { SettingsService } from '../src/crm/settings.js';
import type { Db } from '../src/db/database.js';
import type { CallerIdResult } from '../src/phone/index.js';
import { parseArgs, type Args } from './callerid/args.js';
import { baselinesOf, FLOOR_SQL, LIKE_SQL } from './callerid/baselines.js';
import { postgresDataSet, sqliteDataSet, type DataSet } from './callerid/data-set.js';
import { STAGES, stageTasks } from './callerid/profile.js';
import { mergeSamples, renderTable, renderTargets, rowOf, TARGETS, type Row } from './callerid/report.js';
import { emptySamples, runTasks, task, type GroupSamples, type Task } from './callerid/timing.js';
import { buildWorkload, EXACT_FORMATS, iddOf, shuffle, type CallerIdCase, type CallerIdFormat } from './callerid/workload.js';

/** The services as the app wires them (src/cli/create-app.ts), without the HTTP server. */
async function phoneServiceOf(db: Db): Promise<{ phones: PhoneService; settings: SettingsService }> {
  const settings = new SettingsService(db);
  await settings.load();
  const keyer = phoneKeyer(phoneContextOf(settings.get()));
  const fields = new FieldService(db, () => keyer);
  const records = new RecordService(db, fields, () => keyer);
  return { phones: new PhoneService(db, settings, records), settings };
}

const FORMAT_LABEL = (home: string): Record<CallerIdFormat, string> => ({
  'e164': '+E.164',
  'national': 'national',
  'idd': `${iddOf(home) ?? 'IDD'} international`,
  'no-plus': 'digits without +',
  'sip-uri': 'sip: URI',
});

const groupOf = (c: CallerIdCase): string => (c.tier === 'exact' ? `exact:${c.format}` : c.tier);
const bestReason = (r: CallerIdResult): string => r.matches[0]?.reason ?? 'none';
const found = (rows: unknown[]): string => (rows.length > 0 ? 'found' : 'none');

/**
 * Match tasks for every case and a floor task for every exact hit, shuffled together;
 * `repeat` callers (numbers already looked up in the warm-up) show the same lookup with
 * its pages in memory, where the fresh numbers mostly touch records for the first time.
 */
function matchTasks(cases: readonly CallerIdCase[], repeat: readonly CallerIdCase[], phones: PhoneService, floor: (key: string) => unknown[] | Promise<unknown[]>, seed: number): Task[] {
  const tasks: Task[] = [];
  for (const c of cases) {
    tasks.push(task(groupOf(c), () => phones.match(c.callerId), bestReason));
    if (c.tier === 'exact') tasks.push(task('floor', () => floor(c.key), found));
  }
  for (const c of repeat) tasks.push(task('exact:repeat', () => phones.match(c.callerId), bestReason));
  return shuffle(tasks, createPrng(seed));
}

interface DbResult { rows: Row[]; targets: string; load: [string, string]; seconds: number; filterSeconds: number }

/**
 * Load average, and on Linux the share of the last 10 s in which some runnable thread
 * waited for a core (PSI, Documentation/accounting/psi.rst): what makes a p99 on a
 * shared machine count other people's work.
 */
function loadNow(): string {
  let psi = '';
  try {
    const m = /some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    if (m) psi = `, CPU pressure ${m[1]}%`;
  } catch {
    // No PSI (not Linux, or an older kernel): the load average alone.
  }
  return `load ${(loadavg()[0] ?? 0).toFixed(2)}${psi}`;
}

async function measure(data: DataSet, args: Args): Promise<DbResult> {
  if (data.db.sqlite && args.sqliteMmap !== undefined) data.db.sqlite.pragma(`mmap_size = ${args.sqliteMmap}`);
  const { phones, settings } = await phoneServiceOf(data.db);
  // A server builds its prefix-key filter (SQLite) while it starts, between other work: wait
  // for it as a running server would have, turning the event loop; the time is printed.
  const built = process.hrtime.bigint();
  while (!phones.lookupWarm()) await new Promise((r) => setImmediate(r));
  const filterSeconds = Number(process.hrtime.bigint() - built) / 1e9;
  const ctx = phoneContextOf(settings.get());
  const base = baselinesOf(data.db);
  const workload = (perTier: number, seed: number) => buildWorkload({ persons: data.persons, home: data.home, perTier, seed });
  // Warm-up: JIT, prepared statements, the page cache — other numbers, not measured.
  const warmup = workload(args.warmup, args.seed + 1000);
  await runTasks(matchTasks(warmup, [], phones, base.floor, args.seed + 1000));
  const load0 = loadNow();
  const started = process.hrtime.bigint();
  const cases = workload(args.calls, args.seed);
  const repeat = warmup.filter((c) => c.tier === 'exact');
  const groups = await runTasks(matchTasks(cases, repeat, phones, base.floor, args.seed));
  const exactCases = cases.filter((c) => c.tier === 'exact');
  const stages = args.stages > 0 ? await runTasks(shuffle(await stageTasks(phones.lookup, ctx, exactCases.slice(0, args.stages)), createPrng(args.seed))) : new Map<string, GroupSamples>();
  let like: GroupSamples | undefined;
  if (args.like > 0) {
    // A full scan per call: far fewer calls (one untimed first, to load the pages).
    await base.likeScan(exactCases[0]?.tail9 ?? '000000000');
    like = (await runTasks(exactCases.slice(1, 1 + args.like).map((c) => task('like', () => base.likeScan(c.tail9), found)))).get('like');
  }
  const load1 = loadNow();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const labels = FORMAT_LABEL(data.home);
  const formats = EXACT_FORMATS.filter((f) => groups.has(`exact:${f}`));
  const exactAll = rowOf('match: exact hit, all formats', mergeSamples(formats.map((f) => groups.get(`exact:${f}`))), TARGETS.exactP99);
  const empty = emptySamples();
  const prefix = rowOf('match: prefix hit (unlisted direct line)', groups.get('prefix') ?? empty, TARGETS.anyTierP99);
  const miss = rowOf('match: miss', groups.get('miss') ?? empty, TARGETS.anyTierP99);
  const floor = rowOf(`floor: ${FLOOR_SQL}`, groups.get('floor') ?? empty);
  const likeRow = like ? rowOf(`LIKE scan: ${LIKE_SQL.replace("'%' || ? || '%'", "'%<last 9>%'")}`, like) : undefined;
  const rows: Row[] = [
    ...formats.map((f) => rowOf(`match: exact hit, ${labels[f]}`, groups.get(`exact:${f}`) ?? empty, TARGETS.exactP99)),
    exactAll,
    rowOf('match: exact hit, repeat caller (seen in warm-up)', groups.get('exact:repeat') ?? empty, TARGETS.exactP99),
    prefix, miss, floor,
    ...(likeRow ? [likeRow] : []),
    ...STAGES.filter((s) => stages.has(s)).map((s) => rowOf(`  stage of an exact hit: ${s}`, stages.get(s) ?? empty)),
  ];
  return { rows, targets: renderTargets(exactAll, [exactAll, prefix, miss], likeRow, floor), load: [load0, load1], seconds, filterSeconds };
}

function describeData(d: DataSet): string {
  const seeded = d.seededSeconds !== undefined ? `seeded now in ${d.seededSeconds.toFixed(0)} s (${d.reseededBecause ?? ''})` : 'reused';
  return `data: ${d.persons.toLocaleString('en')} persons, ${d.companies.toLocaleString('en')} companies, ${d.phones.toLocaleString('en')} phones, `
    + `${d.indexRows.toLocaleString('en')} caller-ID keys (${d.blockKeys.toLocaleString('en')} block keys); ${(d.bytes / 2 ** 20).toFixed(0)} MB; `
    + `home country ${d.home}; ${d.where}, ${seeded}`;
}

async function versionOf(d: DataSet): Promise<string> {
  if (d.db.sqlite) {
    const version = String(d.db.sqlite.prepare('SELECT sqlite_version()').pluck().get());
    const mmap = Number(d.db.sqlite.pragma('mmap_size', { simple: true }));
    const cache = Number(d.db.sqlite.pragma('cache_size', { simple: true }));
    const cacheMb = cache < 0 ? -cache / 1024 : (cache * 4096) / 2 ** 20;
    return `SQLite ${version} (better-sqlite3, WAL, prepared statement on the raw handle; mmap_size ${(mmap / 2 ** 20).toFixed(0)} MB, page cache ${cacheMb.toFixed(0)} MB)`;
  }
  const r = await d.db.pgPool?.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  return `PostgreSQL ${r?.rows[0]?.v ?? '?'} (pg pool, Kysely; on the same machine; the CPU columns count this client process only, not the server)`;
}

async function runOn(label: string, open: () => Promise<DataSet>, args: Args): Promise<string> {
  const data = await open();
  try {
    const r = await measure(data, args);
    return [
      '',
      `== ${label}: ${await versionOf(data)}`,
      describeData(data),
      `calls: ${args.calls.toLocaleString('en')} per tier (exact hits spread over the formats), a floor query per exact hit, all in one random order, after ${args.warmup.toLocaleString('en')} warm-up calls per tier (whose exact hits come back as repeat callers); `
        + `LIKE scan ${args.like} calls; ${args.stages.toLocaleString('en')} exact hits stage by stage; ${r.seconds.toFixed(1)} s; ${r.load[0]} → ${r.load[1]}`,
      data.db.sqlite ? `prefix-key filter (Bloom) built in ${r.filterSeconds.toFixed(1)} s after the lookup was created, before the warm-up` : 'no prefix-key filter on PostgreSQL: every prefix key is probed, in the same statement',
      '',
      renderTable(r.rows),
      '',
      r.targets,
    ].join('\n');
  } finally {
    await data.db.close();
  }
}

/**
 * The PostgreSQL part in a fresh process, as its own server would run: after the SQLite
 * part, the JIT has compiled the timing and matching code for synchronous results, and
 * the same PostgreSQL calls measured ~1.7× slower in that process (p50 265 vs 160 µs).
 */
function postgresInItsOwnProcess(): string {
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1), '--no-sqlite'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 2 ** 20 });
  const text = child.stdout ?? '';
  const from = text.indexOf('\n== PostgreSQL');
  const to = text.indexOf('\nat the end:');
  if (child.status !== 0 || from < 0) throw new Error(`the PostgreSQL run failed (exit ${String(child.status)}): ${text.slice(-500)}`);
  return `${text.slice(from, to < 0 ? undefined : to).trimEnd()}\n(in its own process)`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), process.env);
  const cpu = cpus();
  const out: string[] = [
    `Switchboard caller-ID benchmark — ${new Date().toISOString()}`,
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, load averages ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${loadNow()}`,
    `targets: exact-hit p99 ≤ ${TARGETS.exactP99} µs; every tier p99 ≤ ${TARGETS.anyTierP99} µs; ≥ ${TARGETS.likeOverMatch.toLocaleString('en')}× faster than the LIKE scan`,
  ];
  if (args.sqlite) {
    const file = args.file ?? `/tmp/switchboard-bench-callerid-${args.persons}.db`;
    out.push(await runOn('SQLite', () => sqliteDataSet(file, args.persons, progressBar(process.stderr, 'seeding SQLite, persons')), args));
  }
  if (args.postgres && args.sqlite) {
    out.push(postgresInItsOwnProcess());
  } else if (args.postgres) {
    const url = args.postgres;
    out.push(await runOn('PostgreSQL', () => postgresDataSet(url, args.pgDatabase, args.persons, progressBar(process.stderr, 'seeding PostgreSQL, persons')), args));
  }
  out.push('', `at the end: load averages ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${loadNow()}`, '');
  process.stdout.write(out.join('\n'));
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:callerid failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});

/** The command line of `npm run bench:callerid` (see bench/callerid.ts). */
export interface Args {
  persons: number; calls: number; warmup: number; like: number; stages: number; seed: number;
  file?: string; postgres?: string; pgDatabase: string; sqlite: boolean;
  /** What-if: SQLite `mmap_size` in bytes instead of the app's (src/db/database.ts). */
  sqliteMmap?: number;
}

const USAGE = 'usage: npm run bench:callerid -- [--persons N] [--calls N] [--warmup N] [--like N] [--stages N] [--file PATH] [--postgres URL] [--pg-database NAME] [--no-sqlite] [--seed N] [--sqlite-mmap BYTES]';

const WITH_VALUE = new Set(['--persons', '--calls', '--warmup', '--like', '--stages', '--seed', '--file', '--postgres', '--pg-database', '--sqlite-mmap']);

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Args {
  const args: Args = { persons: 1_000_000, calls: 20_000, warmup: 3_000, like: 30, stages: 5_000, seed: 3, pgDatabase: 'sb_bench_callerid', sqlite: true };
  if (env.TEST_DATABASE_URL) args.postgres = env.TEST_DATABASE_URL;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.indexOf('=');
    const name = eq < 0 ? raw : raw.slice(0, eq);
    const inline = eq < 0 ? undefined : raw.slice(eq + 1);
    if (name === '--no-sqlite') { args.sqlite = false; continue; }
    if (!WITH_VALUE.has(name)) throw new Error(`unknown option ${name}\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
    const count = (): number => {
      const v = value.replace(/[_,]/g, '');
      if (!/^\d+$/.test(v)) throw new Error(`${name} must be a whole number\n${USAGE}`);
      return Number(v);
    };
    if (name === '--persons') args.persons = count();
    else if (name === '--calls') args.calls = count();
    else if (name === '--warmup') args.warmup = count();
    else if (name === '--like') args.like = count();
    else if (name === '--stages') args.stages = count();
    else if (name === '--seed') args.seed = count();
    else if (name === '--file') args.file = value;
    else if (name === '--postgres') args.postgres = value;
    else if (name === '--sqlite-mmap') args.sqliteMmap = count();
    else args.pgDatabase = value;
  }
  return args;
}

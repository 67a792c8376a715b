/** The flags of `npm run bench:screenpop` (pure). Defaults are the figures. */
export interface ScreenpopArgs {
  persons: number;
  file?: string;
  agents: number;
  rate: number;
  seconds: number;
  stalledPercent: number;
  largeAgents: number;
  largeRate: number;
  largeSeconds: number;
  /** How long an unanswered call rings before its caller hangs up (calls must end). */
  ringMs: number;
  /** Skip the 10,000-agent step. */
  skipLarge: boolean;
  /** Write a V8 CPU profile of the server process into this directory. */
  profile?: string;
}

export const DEFAULT_ARGS: ScreenpopArgs = {
  persons: 1_000_000, agents: 1_000, rate: 50, seconds: 60, stalledPercent: 5,
  largeAgents: 10_000, largeRate: 500, largeSeconds: 60, ringMs: 3_000, skipLarge: false,
};

export const USAGE = `npm run bench:screenpop [-- options]
  --persons N          data set size (default 1000000; the API bench's SQLite file is reused)
  --file PATH          the SQLite file (default /tmp/switchboard-bench-<persons>.db)
  --agents N           agents of the first two steps (default 1000)
  --rate N             incoming calls per second (default 50)
  --seconds N          injection time per step (default 60)
  --stalled-percent N  share of agents whose socket stops reading in step 2 (default 5)
  --large-agents N     agents of the large-site step (default 10000)
  --large-rate N       calls per second of the large-site step (default 500)
  --large-seconds N    injection time of the large-site step (default 60)
  --ring-ms N          an unanswered call's caller hangs up after this (default 3000)
  --skip-large         run the first two steps only
  --profile DIR        write a CPU profile of the server process (node --cpu-prof) into DIR`;

export function parseArgs(argv: readonly string[]): ScreenpopArgs {
  const args: ScreenpopArgs = { ...DEFAULT_ARGS };
  const numeric: Record<string, keyof ScreenpopArgs> = {
    '--persons': 'persons', '--agents': 'agents', '--rate': 'rate', '--seconds': 'seconds', '--stalled-percent': 'stalledPercent',
    '--large-agents': 'largeAgents', '--large-rate': 'largeRate', '--large-seconds': 'largeSeconds', '--ring-ms': 'ringMs',
  };
  for (let i = 0; i < argv.length; i++) {
    const [name = '', inline] = (argv[i] ?? '').split('=', 2);
    if (name === '--skip-large') {
      args.skipLarge = true;
      continue;
    }
    const value = inline ?? argv[++i] ?? '';
    if (name === '--file' || name === '--profile') {
      args[name === '--file' ? 'file' : 'profile'] = value;
      continue;
    }
    const key = numeric[name];
    if (key === undefined) throw new Error(`unknown option ${name}\n${USAGE}`);
    const n = Number(value.replace(/[_,]/g, ''));
    if (!Number.isFinite(n) || n < 0 || value === '') throw new Error(`${name} needs a number, got "${value}"`);
    (args as unknown as Record<string, number>)[key] = n;
  }
  if (args.agents < 1 || args.largeAgents < 1 || args.rate <= 0 || args.largeRate <= 0) throw new Error('agents and rates must be positive');
  return args;
}

/** Which agents stall: every k-th one, spread evenly. */
export function stalledAgents(agents: number, percent: number): number[] {
  const count = Math.round((agents * percent) / 100);
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * agents) / count));
}

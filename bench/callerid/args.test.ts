import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';

describe('the bench:callerid command line', () => {
  it('measures 1,000,000 persons on SQLite only by default', () => {
    const a = parseArgs([], {});
    expect([a.persons, a.calls, a.like, a.sqlite, a.postgres, a.pgDatabase]).toEqual([1_000_000, 20_000, 30, true, undefined, 'sb_bench_callerid']);
  });

  it('adds PostgreSQL from TEST_DATABASE_URL, and --postgres overrides it', () => {
    expect(parseArgs([], { TEST_DATABASE_URL: 'postgres://a@h/x' }).postgres).toBe('postgres://a@h/x');
    expect(parseArgs(['--postgres', 'postgres://b@h/y'], { TEST_DATABASE_URL: 'postgres://a@h/x' }).postgres).toBe('postgres://b@h/y');
    expect(parseArgs(['--postgres=postgres://b@h/y?sslmode=disable'], {}).postgres).toBe('postgres://b@h/y?sslmode=disable');
  });

  it('reads counts with separators, inline values and --no-sqlite', () => {
    const a = parseArgs(['--persons=100_000', '--calls', '5,000', '--no-sqlite', '--file', '/tmp/x.db'], {});
    expect([a.persons, a.calls, a.sqlite, a.file]).toEqual([100_000, 5_000, false, '/tmp/x.db']);
    expect(parseArgs(['--sqlite-mmap', '1_073_741_824'], {}).sqliteMmap).toBe(2 ** 30);
  });

  it('refuses unknown options, missing values and counts that are not whole numbers', () => {
    expect(() => parseArgs(['--fast'], {})).toThrow(/unknown option --fast/);
    expect(() => parseArgs(['--calls'], {})).toThrow(/--calls needs a value/);
    expect(() => parseArgs(['--calls', '1e4'], {})).toThrow(/whole number/);
  });
});

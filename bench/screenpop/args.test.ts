import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGS, parseArgs, stalledAgents } from './args.js';

describe('the flags of bench:screenpop', () => {
  it('default to the issue\'s figures: 1,000 agents at 50 calls/s for 60 s, 5 % stalled, then 10,000 at 500', () => {
    expect(parseArgs([])).toEqual(DEFAULT_ARGS);
    expect(DEFAULT_ARGS).toMatchObject({ persons: 1_000_000, agents: 1_000, rate: 50, seconds: 60, stalledPercent: 5, largeAgents: 10_000, largeRate: 500 });
  });

  it('shorten a run with flags, in either --name value or --name=value form', () => {
    expect(parseArgs(['--seconds', '5', '--large-seconds=10', '--persons', '1_000', '--skip-large', '--file', '/tmp/x.db'])).toMatchObject({
      seconds: 5, largeSeconds: 10, persons: 1_000, skipLarge: true, file: '/tmp/x.db',
    });
  });

  it('refuse an unknown flag or a value that is not a number', () => {
    expect(() => parseArgs(['--agentz', '5'])).toThrow(/unknown option --agentz/);
    expect(() => parseArgs(['--rate', 'fast'])).toThrow(/--rate needs a number/);
    expect(() => parseArgs(['--agents', '0'])).toThrow(/positive/);
  });
});

describe('which agents stall', () => {
  it('5 % of 1,000 is 50 agents spread evenly, all distinct and in range', () => {
    const s = stalledAgents(1_000, 5);
    expect(s).toHaveLength(50);
    expect(new Set(s).size).toBe(50);
    expect(s[0]).toBe(10);
    expect(s.at(-1)).toBe(990);
  });

  it('0 % is nobody', () => {
    expect(stalledAgents(1_000, 0)).toEqual([]);
  });
});

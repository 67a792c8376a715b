/**
 * Fuzz: 100,000 mutated SIP messages (bit flips, truncations, huge headers, bad
 * Content-Length, random bytes…) go to the parser and, over UDP, to a running stack;
 * the stack then still completes real sipp calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS, parseMessage, nextFrame } from '../../src/telephony/sip/sip-parser.js';
import { serializeMessage } from '../../src/telephony/sip/sip-serializer.js';
import { mutate, prng } from './support/fuzz.js';
import { startSimpleUas, type SimpleUas } from './support/simple-uas.js';
import { freePort, run } from './support/peers.js';
import { itWith } from '../support/peers.js';

const COUNT = 100_000;

describe('fuzzing the parser and a running stack', () => {
  let uas: SimpleUas;
  let parseErrors = 0;
  beforeAll(async () => {
    uas = await startSimpleUas();
    uas.stack.events.onParseError = () => { parseErrors++; };
  });
  afterAll(async () => {
    await uas.close();
  });

  it(`the parser returns a result (never throws) for ${COUNT} mutated messages, and what it accepts re-serializes and re-parses`, () => {
    const rand = prng(0x5eed);
    let ok = 0;
    for (let i = 0; i < COUNT; i++) {
      const buf = mutate(rand);
      const r = parseMessage(buf);
      nextFrame(buf);
      if (r.ok) {
        ok++;
        // multi-value headers are written one value per line, so the line count may grow: the round trip is checked without the count limit
        const again = parseMessage(serializeMessage(r.message), { stream: true, limits: { ...DEFAULT_LIMITS, maxHeaders: 10_000 } });
        expect(again.ok).toBe(true);
      } else {
        expect(typeof r.error.code).toBe('string');
      }
    }
    // both sides of the parser were exercised
    expect(ok).toBeGreaterThan(1000);
    expect(ok).toBeLessThan(COUNT - 1000);
  });

  it(`a running stack survives ${COUNT} mutated datagrams`, async () => {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    const rand = prng(0xf00d);
    for (let i = 0; i < COUNT; i += 500) {
      for (let j = 0; j < 500; j++) {
        const b = mutate(rand);
        if (b.length > 0 && b.length < 65_000) sock.send(b, uas.udp.port, '127.0.0.1');
      }
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 2));
    }
    await new Promise((r) => setTimeout(r, 500));
    sock.close();
    expect(parseErrors).toBeGreaterThan(1000);
  }, 120_000);

  itWith(['sipp'])('after the mutated datagrams the stack still completes 50 sipp calls', async () => {
    const port = await freePort();
    const r = await run('sipp', ['-sn', 'uac', `127.0.0.1:${uas.udp.port}`, '-i', '127.0.0.1', '-p', String(port), '-m', '50', '-r', '50', '-d', '20', '-nostdin', '-timeout', '30s'], 60_000, mkdtempSync(path.join(tmpdir(), 'fuzz-')));
    expect(r.stdout).toMatch(/Successful call\s+\|\s+\d+\s+\|\s+50\s/);
    expect(r.code).toBe(0);
  }, 120_000);
});

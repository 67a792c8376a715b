/**
 * Loads the recorded Asterisk 22 AMI sessions (`../shared/fixtures/asterisk-ami/`, see its
 * README) and frames their received bytes with the real parser, one parser per TCP
 * connection (a banner line starts a new connection: S13).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { AmiParser, type AmiMessage } from '../../src/telephony/asterisk/ami-parser.js';

export const FIXTURES_DIR = process.env.AMI_FIXTURES_DIR
  ?? fileURLToPath(new URL('../../../shared/fixtures/asterisk-ami/', import.meta.url));

export interface FixtureLine {
  t: number;
  dir: 'send' | 'recv';
  data: string;
}

export interface Fixture {
  id: string;
  file: string;
  lines: FixtureLine[];
}

export const FIXTURE_IDS = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07a', 'S07b', 'S08', 'S09', 'S10', 'S11', 'S12', 'S13', 'S14'] as const;
export type FixtureId = (typeof FIXTURE_IDS)[number];

/** Sessions written by hand in the recordings' format (test/asterisk/synthetic/README.md). */
export const SYNTHETIC_DIR = fileURLToPath(new URL('./synthetic/', import.meta.url));

export const loadFixture = (id: FixtureId | string, dir: string = FIXTURES_DIR): Fixture => {
  const file = readdirSync(dir).find((f) => f.startsWith(`${id}-`) && f.endsWith('.jsonl'));
  if (!file) throw new Error(`no fixture ${id} in ${dir}`);
  const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FixtureLine);
  return { id, file, lines };
};

export interface ReceivedMessage {
  t: number;
  /** 0 for the first TCP connection, 1 after the first reconnect (S13). */
  connection: number;
  message: AmiMessage;
}

/** Every received message, framed by `AmiParser` from the exact recorded bytes. */
export const receivedMessages = (fixture: Fixture): ReceivedMessage[] => {
  const out: ReceivedMessage[] = [];
  let connection = -1;
  let parser: AmiParser | undefined;
  for (const line of fixture.lines) {
    if (line.dir !== 'recv') continue;
    if (line.data.startsWith('Asterisk Call Manager/')) {
      connection += 1;
      parser = new AmiParser();
    }
    if (!parser) throw new Error(`${fixture.id}: data before the banner`);
    for (const frame of parser.push(Buffer.from(line.data, 'utf8'))) {
      if (frame.kind === 'message') out.push({ t: line.t, connection, message: frame.message });
    }
  }
  return out;
};

/** The actions the recorder sent, parsed (`Key: Value` lines), in order. */
export const sentActions = (fixture: Fixture): Array<{ t: number; fields: AmiMessage }> =>
  fixture.lines.filter((l) => l.dir === 'send').map((l) => {
    const parser = new AmiParser(undefined, false);
    const frame = parser.push(l.data)[0];
    if (!frame || frame.kind !== 'message') throw new Error(`${fixture.id}: unparsable send at ${l.t}`);
    return { t: l.t, fields: frame.message };
  });

/** `Variable: CTI_REQUEST_ID=s01-req` of each recorded Originate → its `Exten`. */
export const originateNumbers = (fixture: Fixture): Map<string, string> => {
  const numbers = new Map<string, string>();
  for (const { fields } of sentActions(fixture)) {
    const tag = /^CTI_REQUEST_ID=(.*)$/.exec(fields.Variable ?? '');
    if (fields.Action === 'Originate' && tag?.[1] && fields.Exten) numbers.set(tag[1], fields.Exten);
  }
  return numbers;
};

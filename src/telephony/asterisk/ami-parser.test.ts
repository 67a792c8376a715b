import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AmiParser, AmiProtocolError, type AmiFrame } from './ami-parser.js';

const BANNER = 'Asterisk Call Manager/11.0.0\r\n';
const HANGUP = 'Event: Hangup\r\nPrivilege: call,all\r\nChannel: PJSIP/6001-00000000\r\nAccountCode: \r\nCause: 16\r\nCause-txt: Normal Clearing\r\n\r\n';
const LOGIN_OK = 'Response: Success\r\nActionID: s01-login-1\r\nMessage: Authentication accepted\r\n\r\n';

const messagesOf = (frames: AmiFrame[]) => frames.flatMap((f) => (f.kind === 'message' ? [{ ...f.message }] : []));

describe('AmiParser', () => {
  it('reads the banner line, then Key: Value blocks closed by an empty line', () => {
    const frames = new AmiParser().push(BANNER + LOGIN_OK + HANGUP);
    expect(frames[0]).toEqual({ kind: 'banner', text: 'Asterisk Call Manager/11.0.0' });
    expect(messagesOf(frames)).toEqual([
      { Response: 'Success', ActionID: 's01-login-1', Message: 'Authentication accepted' },
      { Event: 'Hangup', Privilege: 'call,all', Channel: 'PJSIP/6001-00000000', AccountCode: '', Cause: '16', 'Cause-txt': 'Normal Clearing' },
    ]);
  });

  it('gives the same messages however the stream is cut into chunks, even inside a UTF-8 character', () => {
    const stream = Buffer.from(`${BANNER}${LOGIN_OK}Event: Newchannel\r\nCallerIDName: Zoë Ærø\r\n\r\n${HANGUP}`, 'utf8');
    const whole = messagesOf(new AmiParser().push(stream));
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }), (cuts) => {
      const parser = new AmiParser();
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const frames: AmiFrame[] = [];
      let from = 0;
      for (const p of [...points, stream.length]) {
        frames.push(...parser.push(stream.subarray(from, p)));
        from = p;
      }
      expect(messagesOf(frames)).toEqual(whole);
    }));
    expect(whole[1]?.CallerIDName).toBe('Zoë Ærø');
  });

  it('keeps a truncated message pending instead of inventing it', () => {
    const parser = new AmiParser();
    const frames = parser.push(BANNER + HANGUP.slice(0, 40));
    expect(messagesOf(frames)).toEqual([]);
    expect(parser.pendingLength()).toBe(40);
  });

  it('rejects a line that is not "Key: Value" with a clear error, and stays failed', () => {
    const parser = new AmiParser();
    expect(() => parser.push(`${BANNER}Event: Hangup\r\n\u0000garbage without colon\r\n\r\n`)).toThrowError(/garbled AMI line/);
    expect(() => parser.push(HANGUP)).toThrowError(AmiProtocolError);
  });

  it('rejects a stream that is not an Asterisk manager port', () => {
    expect(() => new AmiParser().push('HTTP/1.1 400 Bad Request\r\n')).toThrowError(/unexpected banner/);
    expect(() => new AmiParser().push('x'.repeat(300))).toThrowError(/no AMI banner/);
  });

  it('enforces the message size and header count limits, with or without a terminator', () => {
    const small = { maxMessageBytes: 100, maxHeaders: 3 };
    expect(() => new AmiParser(small, false).push(`Event: X\r\nData: ${'y'.repeat(200)}\r\n\r\n`)).toThrowError(/exceeds the limit/);
    expect(() => new AmiParser(small, false).push(`Event: X\r\nData: ${'y'.repeat(200)}`)).toThrowError(/without a terminator/);
    expect(() => new AmiParser(small, false).push('A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n')).toThrowError(/more than 3 header lines/);
  });

  it('keeps a header named __proto__ as plain data', () => {
    const [frame] = new AmiParser(undefined, false).push('Event: X\r\n__proto__: polluted\r\n\r\n');
    expect(frame?.kind === 'message' && frame.message.__proto__).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('joins the Output lines of a Command response', () => {
    const [frame] = new AmiParser(undefined, false).push('Response: Success\r\nOutput: line 1\r\nOutput: line 2\r\n\r\n');
    expect(frame?.kind === 'message' && frame.message.Output).toBe('line 1\nline 2');
  });
});

/**
 * Incremental framing of the AMI byte stream into messages.
 *
 * The AMI wire format (Asterisk manager.c, "Manager protocol"): after connecting, the server
 * sends one banner line (`Asterisk Call Manager/11.0.0\r\n`); every later message is a block
 * of `Key: Value` lines ended by `\r\n`, closed by an empty line (`\r\n\r\n`). TCP may cut a
 * message anywhere, including inside a UTF-8 character, so bytes are decoded with a
 * streaming decoder and whole messages are cut out only once their terminator has arrived.
 *
 * Hostile or broken input never crashes the process: a message that is too large, has too
 * many headers or contains a line that is not `Key: Value` raises `AmiProtocolError`; the
 * connection then drops the socket and reconnects (a stream that lost its framing cannot be
 * trusted to re-synchronise).
 */
import { StringDecoder } from 'node:string_decoder';

/** One AMI message: its headers, first occurrence of each key wins (AMI keys are unique in
 * events; `Output:` lines of a `Command` response are joined under `Output`). */
export type AmiMessage = Readonly<Record<string, string>>;

export type AmiFrame =
  | { kind: 'banner'; text: string }
  | { kind: 'message'; message: AmiMessage };

export type AmiProtocolErrorReason = 'too-large' | 'too-many-headers' | 'garbled' | 'bad-banner';

export class AmiProtocolError extends Error {
  constructor(readonly reason: AmiProtocolErrorReason, message: string) {
    super(message);
    this.name = 'AmiProtocolError';
  }
}

export interface AmiParserLimits {
  /** Largest message accepted, in characters (≈ bytes for AMI's ASCII). */
  maxMessageBytes: number;
  /** Most header lines accepted in one message. */
  maxHeaders: number;
}

export const DEFAULT_PARSER_LIMITS: AmiParserLimits = { maxMessageBytes: 64 * 1024, maxHeaders: 512 };

const TERMINATOR = '\r\n\r\n';

export class AmiParser {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private bannerSeen: boolean;
  private failed: AmiProtocolError | undefined;

  constructor(
    private readonly limits: AmiParserLimits = DEFAULT_PARSER_LIMITS,
    /** A fresh TCP connection starts with the banner line; tests of bare messages skip it. */
    expectBanner = true,
  ) {
    this.bannerSeen = !expectBanner;
  }

  /** Feeds a chunk; returns the complete frames it finished. Throws `AmiProtocolError`. */
  push(chunk: Uint8Array | string): AmiFrame[] {
    if (this.failed) throw this.failed;
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    try {
      return this.drain();
    } catch (error) {
      if (error instanceof AmiProtocolError) this.failed = error;
      throw error;
    }
  }

  /** Characters received but not yet framed (a truncated message at close). */
  pendingLength(): number {
    return this.buffer.length;
  }

  private drain(): AmiFrame[] {
    const frames: AmiFrame[] = [];
    let start = 0;
    if (!this.bannerSeen) {
      const eol = this.buffer.indexOf('\r\n');
      if (eol < 0) {
        if (this.buffer.length > 256) throw new AmiProtocolError('bad-banner', 'no AMI banner line in the first 256 characters: is this an Asterisk manager port?');
        return frames;
      }
      const text = this.buffer.slice(0, eol);
      if (!/^Asterisk Call Manager\/\S+/.test(text)) {
        throw new AmiProtocolError('bad-banner', `unexpected banner ${JSON.stringify(text.slice(0, 80))}: is this an Asterisk manager port?`);
      }
      frames.push({ kind: 'banner', text });
      this.bannerSeen = true;
      start = eol + 2;
    }
    for (;;) {
      const end = this.buffer.indexOf(TERMINATOR, start);
      if (end < 0) break;
      if (end - start > this.limits.maxMessageBytes) {
        throw new AmiProtocolError('too-large', `AMI message of ${end - start} characters exceeds the limit of ${this.limits.maxMessageBytes}`);
      }
      frames.push({ kind: 'message', message: this.parseBlock(start, end) });
      start = end + TERMINATOR.length;
    }
    this.buffer = start === 0 ? this.buffer : this.buffer.slice(start);
    if (this.buffer.length > this.limits.maxMessageBytes + TERMINATOR.length) {
      throw new AmiProtocolError('too-large', `AMI message exceeds the limit of ${this.limits.maxMessageBytes} characters without a terminator`);
    }
    return frames;
  }

  private parseBlock(start: number, end: number): AmiMessage {
    // A prototype-less object: a header named `__proto__` or `constructor` stays plain data.
    const message: Record<string, string> = Object.create(null) as Record<string, string>;
    let headers = 0;
    let pos = start;
    while (pos < end) {
      let eol = this.buffer.indexOf('\r\n', pos);
      if (eol < 0 || eol > end) eol = end;
      if (eol > pos) {
        headers += 1;
        if (headers > this.limits.maxHeaders) {
          throw new AmiProtocolError('too-many-headers', `AMI message has more than ${this.limits.maxHeaders} header lines`);
        }
        const colon = this.buffer.indexOf(':', pos);
        if (colon < 0 || colon >= eol || colon === pos) {
          throw new AmiProtocolError('garbled', `garbled AMI line ${JSON.stringify(this.buffer.slice(pos, Math.min(eol, pos + 80)))}: expected "Key: Value"`);
        }
        const key = this.buffer.slice(pos, colon);
        // "Key: Value" has one space after the colon; "Key:" alone is an empty value.
        const valueStart = this.buffer.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
        const value = valueStart >= eol ? '' : this.buffer.slice(valueStart, eol);
        if (!(key in message)) message[key] = value;
        else if (key === 'Output') message[key] = `${message[key]}\n${value}`;
      }
      pos = eol + 2;
    }
    return message;
  }
}

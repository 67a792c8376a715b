/**
 * SIP message parser (RFC 3261 §7, §18.3) with strict limits. Hand-written, linear
 * in the input. It never throws: a malformed message comes back as a typed
 * `SipParseError`, which for a request carries what was read so far so the stack can
 * answer 400 (RFC 3261 §8.2, §21.4.1) when the Via/From/To/Call-ID/CSeq allow it.
 */
import { type SipHeaders, type SipMessage, type SipRequest, SIP_VERSION } from './sip-message.js';
import { canonicalName, isToken, MULTI_VALUE, parseCSeq, parseVia, splitTopLevel } from './sip-headers.js';
import { parseNameAddr, parseUri, UriError } from './sip-uri.js';

export interface ParseLimits {
  /** Whole message (RFC 3261 §18.1.1 suggests a UDP path MTU limit; 65,535 is the datagram bound). */
  maxMessageBytes: number;
  maxHeaders: number;
  maxHeaderLineBytes: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxMessageBytes: 65_535, maxHeaders: 100, maxHeaderLineBytes: 8_192 };

export type SipParseErrorCode =
  | 'too-large'
  | 'too-many-headers'
  | 'header-line-too-long'
  | 'no-end-of-headers'
  | 'bad-start-line'
  | 'bad-version'
  | 'bad-header'
  | 'duplicate-header'
  | 'missing-header'
  | 'bad-cseq'
  | 'cseq-method-mismatch'
  | 'bad-via'
  | 'bad-address'
  | 'bad-request-uri'
  | 'unsupported-uri-scheme'
  | 'bad-content-length'
  | 'missing-content-length'
  | 'truncated-body';

export interface SipParseError {
  code: SipParseErrorCode;
  message: string;
  /** Set when the start line was a valid request line: the headers read so far. */
  request?: SipRequest;
}

export type ParseResult = { ok: true; message: SipMessage } | { ok: false; error: SipParseError };

export interface ParseOptions {
  limits?: ParseLimits;
  /**
   * Stream transports (TCP): Content-Length is mandatory (RFC 3261 §18.3, §20.14).
   * Datagrams: without it the body is the rest of the packet.
   */
  stream?: boolean;
}

/** Headers that may appear at most once (RFC 3261 §7.3.1 / §20: not a comma-list). */
const SINGLE = ['to', 'from', 'call-id', 'cseq', 'content-length', 'max-forwards', 'content-type'] as const;
const REQUIRED = ['via', 'to', 'from', 'call-id', 'cseq'] as const;

const fail = (code: SipParseErrorCode, message: string, request?: SipRequest): ParseResult => ({
  ok: false,
  error: request ? { code, message, request } : { code, message },
});

const isAllDigits = (s: string): boolean => {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

/** Index of the first byte after leading CRLFs (RFC 3261 §7.5: ignored before the start line). */
const skipLeadingCrlf = (buf: Buffer): number => {
  let i = 0;
  while (i < buf.length && (buf[i] === 13 || buf[i] === 10)) i++;
  return i;
};

/** End of the header section: index of the blank line and the body start, or -1. */
const findHeadEnd = (buf: Buffer, from: number): { headEnd: number; bodyStart: number } | undefined => {
  const crlf = buf.indexOf('\r\n\r\n', from, 'latin1');
  // Bare LF line ends are not RFC 3261 but are tolerated (robustness principle): only
  // looked for up to the CRLFCRLF, so a CRLF message never scans its body for LFLF.
  const lf = buf.subarray(0, crlf >= 0 ? crlf : buf.length).indexOf('\n\n', from, 'latin1');
  if (lf >= 0) return { headEnd: lf, bodyStart: lf + 2 };
  if (crlf >= 0) return { headEnd: crlf, bodyStart: crlf + 4 };
  return undefined;
};

export const parseMessage = (buf: Buffer, options: ParseOptions = {}): ParseResult => {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const stream = options.stream ?? false;
  if (buf.length > limits.maxMessageBytes) return fail('too-large', `message of ${buf.length} bytes exceeds ${limits.maxMessageBytes}`);
  const start = skipLeadingCrlf(buf);
  const ends = findHeadEnd(buf, start);
  if (!ends) return fail('no-end-of-headers', 'no empty line after the headers');
  const head = buf.toString('utf8', start, ends.headEnd);

  // Lines, with folding (RFC 3261 §7.3.1: a line starting with SP/HT continues the previous one)
  const lines: string[] = [];
  let pos = 0;
  while (pos <= head.length) {
    let nl = head.indexOf('\n', pos);
    if (nl < 0) nl = head.length;
    let line = head.slice(pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length > limits.maxHeaderLineBytes) return fail('header-line-too-long', `a line exceeds ${limits.maxHeaderLineBytes} bytes`);
    const c0 = line.charCodeAt(0);
    if ((c0 === 32 || c0 === 9) && lines.length > 1) {
      const joined = `${lines[lines.length - 1] as string} ${line.trim()}`;
      if (joined.length > limits.maxHeaderLineBytes) return fail('header-line-too-long', `a line exceeds ${limits.maxHeaderLineBytes} bytes`);
      lines[lines.length - 1] = joined;
    } else {
      lines.push(line);
    }
    if (lines.length > limits.maxHeaders + 1) return fail('too-many-headers', `more than ${limits.maxHeaders} header fields`);
    pos = nl + 1;
  }

  const startLine = lines[0] ?? '';
  const headers: SipHeaders = new Map();
  let message: SipMessage;
  if (startLine.startsWith('SIP/')) {
    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 §7.2)
    const sp1 = startLine.indexOf(' ');
    if (sp1 < 0) return fail('bad-start-line', 'bad status line');
    if (startLine.slice(0, sp1) !== SIP_VERSION) return fail('bad-version', 'unsupported SIP version');
    const codeStr = startLine.slice(sp1 + 1, sp1 + 4);
    const after = startLine.charCodeAt(sp1 + 4);
    if (!isAllDigits(codeStr) || (startLine.length > sp1 + 4 && after !== 32)) return fail('bad-start-line', 'bad status code');
    const status = Number(codeStr);
    if (status < 100 || status > 699) return fail('bad-start-line', 'status code out of range');
    message = { kind: 'response', status, reason: startLine.slice(sp1 + 5), headers, body: Buffer.alloc(0) };
  } else {
    // Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §7.1: single SPs)
    const sp1 = startLine.indexOf(' ');
    const sp2 = sp1 < 0 ? -1 : startLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || startLine.indexOf(' ', sp2 + 1) >= 0) return fail('bad-start-line', 'bad request line');
    const method = startLine.slice(0, sp1);
    const uri = startLine.slice(sp1 + 1, sp2);
    const version = startLine.slice(sp2 + 1);
    if (!isToken(method) || uri.length === 0) return fail('bad-start-line', 'bad request line');
    message = { kind: 'request', method, uri, headers, body: Buffer.alloc(0) };
    if (version !== SIP_VERSION) return fail('bad-version', `unsupported version ${version.slice(0, 20)}`, message);
  }
  const req = message.kind === 'request' ? message : undefined;

  for (let li = 1; li < lines.length; li++) {
    const line = lines[li] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) return fail('bad-header', `header line ${li} has no name`, req);
    const rawName = line.slice(0, colon).trimEnd();
    if (!isToken(rawName)) return fail('bad-header', `bad header name on line ${li}`, req);
    const name = canonicalName(rawName);
    const value = line.slice(colon + 1).trim();
    let list = headers.get(name);
    if (!list) {
      list = [];
      headers.set(name, list);
    }
    if (MULTI_VALUE.has(name)) {
      const parts = splitTopLevel(value);
      if (!parts) return fail('bad-header', `unbalanced quotes or brackets in ${name}`, req);
      for (const p of parts) if (p.length > 0) list.push(p);
    } else {
      list.push(value);
    }
  }

  for (const name of SINGLE) {
    const l = headers.get(name);
    if (l && l.length > 1) return fail('duplicate-header', `${name} appears more than once`, req);
  }
  for (const name of REQUIRED) {
    const l = headers.get(name);
    if (!l || l.length === 0 || (l[0] as string).length === 0) return fail('missing-header', `missing ${name}`, req);
  }

  const cseq = parseCSeq((headers.get('cseq') as string[])[0] as string);
  if (!cseq) return fail('bad-cseq', 'bad CSeq', req);
  // RFC 3261 §8.1.1.5 / RFC 4475 §3.1.2.x: the CSeq method must match the request method
  if (req && cseq.method !== req.method) return fail('cseq-method-mismatch', 'CSeq method does not match the request method', req);

  try {
    parseVia((headers.get('via') as string[])[0] as string);
  } catch (e) {
    return fail('bad-via', e instanceof UriError ? `bad Via: ${e.message}` : 'bad Via', req);
  }
  try {
    parseNameAddr((headers.get('from') as string[])[0] as string);
    parseNameAddr((headers.get('to') as string[])[0] as string);
  } catch (e) {
    return fail('bad-address', e instanceof UriError ? `bad From/To: ${e.message}` : 'bad From/To', req);
  }
  if (req) {
    const colon = req.uri.indexOf(':');
    const scheme = colon < 0 ? '' : req.uri.slice(0, colon).toLowerCase();
    if (scheme !== 'sip' && scheme !== 'sips' && scheme !== 'tel') {
      // RFC 3261 §8.2.2.1: an unknown scheme is answered 416
      return fail(colon < 0 ? 'bad-request-uri' : 'unsupported-uri-scheme', 'Request-URI scheme not supported', req);
    }
    try {
      parseUri(req.uri);
    } catch {
      return fail('bad-request-uri', 'bad Request-URI', req);
    }
    const mf = headers.get('max-forwards')?.[0];
    // 1*DIGIT (§20.22); leading zeros are legal (RFC 4475 §3.1.1.1 uses 0068)
    if (mf !== undefined && (!isAllDigits(mf) || mf.length > 10)) return fail('bad-header', 'bad Max-Forwards', req);
  }

  // Body framing (RFC 3261 §18.3): Content-Length counts BYTES of the body.
  const clRaw = headers.get('content-length')?.[0];
  const available = buf.length - ends.bodyStart;
  let bodyLength: number;
  if (clRaw === undefined) {
    if (stream) return fail('missing-content-length', 'Content-Length is required on stream transports', req);
    bodyLength = available;
  } else {
    if (!isAllDigits(clRaw) || clRaw.length > 9) return fail('bad-content-length', 'bad Content-Length', req);
    bodyLength = Number(clRaw);
    if (bodyLength > available) return fail('truncated-body', `Content-Length ${bodyLength} but ${available} bytes follow`, req);
    // Datagram: bytes beyond Content-Length are discarded (§18.3).
  }
  message.body = bodyLength === 0 ? Buffer.alloc(0) : buf.subarray(ends.bodyStart, ends.bodyStart + bodyLength);
  return { ok: true, message };
};

export type FrameResult =
  | { kind: 'need-more' }
  | { kind: 'skip'; bytes: number }
  | { kind: 'frame'; length: number }
  | { kind: 'error'; error: SipParseError };

/**
 * Stream framing (RFC 3261 §18.3): where the next message ends in a TCP byte stream,
 * found from the blank line and the Content-Length header, without a full parse.
 */
export const nextFrame = (buf: Buffer, limits: ParseLimits = DEFAULT_LIMITS): FrameResult => {
  const start = skipLeadingCrlf(buf);
  if (start > 0) return { kind: 'skip', bytes: start }; // keep-alive CRLFs (RFC 5626 §3.5.1)
  const ends = findHeadEnd(buf, 0);
  if (!ends) {
    if (buf.length > limits.maxMessageBytes) return { kind: 'error', error: { code: 'too-large', message: 'header section too large' } };
    return { kind: 'need-more' };
  }
  const head = buf.toString('latin1', 0, ends.headEnd);
  let cl: number | undefined;
  let pos = head.indexOf('\n') + 1;
  while (pos > 0 && pos < head.length) {
    let nl = head.indexOf('\n', pos);
    if (nl < 0) nl = head.length;
    const c = head.charCodeAt(pos) | 0x20;
    if (c === 0x63 /* c */ || c === 0x6c /* l */) {
      const colon = head.indexOf(':', pos);
      if (colon > 0 && colon < nl) {
        const name = head.slice(pos, colon).trim().toLowerCase();
        if (name === 'content-length' || name === 'l') {
          const v = head.slice(colon + 1, nl).trim();
          if (!isAllDigits(v) || v.length > 9 || cl !== undefined) {
            return { kind: 'error', error: { code: 'bad-content-length', message: 'bad Content-Length' } };
          }
          cl = Number(v);
        }
      }
    }
    pos = nl + 1;
  }
  if (cl === undefined) return { kind: 'error', error: { code: 'missing-content-length', message: 'Content-Length is required on stream transports' } };
  const total = ends.bodyStart + cl;
  if (total > limits.maxMessageBytes) return { kind: 'error', error: { code: 'too-large', message: 'message too large' } };
  if (buf.length < total) return { kind: 'need-more' };
  return { kind: 'frame', length: total };
};

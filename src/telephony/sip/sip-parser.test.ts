import { describe, expect, it } from 'vitest';
import { parseMessage, nextFrame, type SipParseErrorCode } from './sip-parser.js';
import { serializeMessage } from './sip-serializer.js';
import { getHeader, getHeaders } from './sip-message.js';
import { parseVia } from './sip-headers.js';
import { parseNameAddr, parseUri, formatUri } from './sip-uri.js';

const msg = (lines: string[], body = ''): Buffer => Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'utf8');

const INVITE = [
  'INVITE sip:bob@127.0.0.1:5060 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK776asdhds;rport',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@127.0.0.1>',
  'From: "Alice, A." <sip:alice@127.0.0.1>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33',
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@127.0.0.1:5061>',
];

describe('SIP parser: valid messages parse (RFC 3261 §7, RFC 4475 §3.1.1 style)', () => {
  it('parses a plain INVITE with its headers and body', () => {
    const r = parseMessage(msg([...INVITE, 'Content-Type: application/sdp', 'Content-Length: 4'], 'v=0\n'));
    expect(r.ok).toBe(true);
    if (!r.ok || r.message.kind !== 'request') throw new Error('expected request');
    expect(r.message.method).toBe('INVITE');
    expect(r.message.uri).toBe('sip:bob@127.0.0.1:5060');
    expect(getHeader(r.message, 'call-id')).toBe('a84b4c76e66710@pc33');
    expect(r.message.body.toString()).toBe('v=0\n');
  });

  it('expands every compact form of RFC 3261 §7.3.3', () => {
    const r = parseMessage(msg([
      'INVITE sip:bob@h SIP/2.0', 'v: SIP/2.0/UDP h;branch=z9hG4bK1', 't: <sip:bob@h>', 'f: <sip:a@h>;tag=1',
      'i: abc', 'CSeq: 1 INVITE', 'm: <sip:a@h>', 'c: application/sdp', 'k: 100rel', 's: hi', 'e: gzip', 'o: refer',
      'r: <sip:c@h>', 'b: <sip:a@h>', 'x: 1800', 'u: talk', 'y: abc', 'l: 0',
    ]));
    if (!r.ok) throw new Error(r.error.message);
    for (const name of ['via', 'to', 'from', 'call-id', 'contact', 'content-type', 'supported', 'subject', 'content-encoding',
      'event', 'refer-to', 'referred-by', 'session-expires', 'allow-events', 'identity', 'content-length']) {
      expect(getHeader(r.message, name), name).toBeDefined();
    }
  });

  it('splits Via, Route, Record-Route and Contact on top-level commas but not inside quotes or brackets', () => {
    const r = parseMessage(msg([
      'SIP/2.0 200 OK',
      'Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/TCP b;branch=z9hG4bK2',
      'Via: SIP/2.0/UDP c;branch=z9hG4bK3',
      'Record-Route: <sip:p1;lr>, <sip:p2;lr>',
      'To: <sip:b@h>;tag=2', 'From: <sip:a@h>;tag=1', 'Call-ID: x', 'CSeq: 1 INVITE',
      'Contact: "Smith, J" <sip:j@h>, <sip:k@h;x=a,b>',
      'Content-Length: 0',
    ]));
    if (!r.ok) throw new Error(r.error.message);
    expect(getHeaders(r.message, 'via')).toHaveLength(3);
    expect(getHeaders(r.message, 'record-route')).toEqual(['<sip:p1;lr>', '<sip:p2;lr>']);
    expect(getHeaders(r.message, 'contact')).toEqual(['"Smith, J" <sip:j@h>', '<sip:k@h;x=a,b>']);
  });

  it('unfolds continuation lines and tolerates whitespace before the colon (§7.3.1)', () => {
    const r = parseMessage(msg([...INVITE.slice(0, 6), 'Subject   :  I know you\'re', '   there, pick up!', 'CSeq: 314159 INVITE', 'Content-Length: 0']));
    if (!r.ok) throw new Error(r.error.message);
    expect(getHeader(r.message, 'subject')).toBe("I know you're there, pick up!");
  });

  it('counts Content-Length in bytes for a UTF-8 body and round-trips through the serializer', () => {
    const body = 'héllo → wörld';
    const bytes = Buffer.byteLength(body);
    const r = parseMessage(msg([...INVITE, 'Content-Type: text/plain', `Content-Length: ${bytes}`], body), { stream: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.message.body.toString('utf8')).toBe(body);
    const again = serializeMessage(r.message);
    expect(again.toString('latin1')).toContain(`Content-Length: ${bytes}\r\n`);
    const r2 = parseMessage(again, { stream: true });
    expect(r2.ok && r2.message.body.toString('utf8')).toBe(body);
  });

  it('discards datagram bytes beyond Content-Length and takes the rest of the packet without it (§18.3)', () => {
    const r = parseMessage(msg([...INVITE, 'Content-Length: 2'], 'abcdef'));
    expect(r.ok && r.message.body.toString()).toBe('ab');
    const r2 = parseMessage(msg(INVITE, 'xyz'));
    expect(r2.ok && r2.message.body.toString()).toBe('xyz');
  });

  it('ignores CRLFs before the start line (§7.5)', () => {
    const r = parseMessage(Buffer.concat([Buffer.from('\r\n\r\n'), msg([...INVITE, 'Content-Length: 0'])]));
    expect(r.ok).toBe(true);
  });

  it('accepts an unknown method when the CSeq agrees (§8.2.1 answers it with 405 later)', () => {
    const r = parseMessage(msg(['NEWMETHOD sip:b@h SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'To: <sip:b@h>',
      'From: <sip:a@h>;tag=1', 'Call-ID: x', 'CSeq: 8 NEWMETHOD', 'Content-Length: 0']));
    expect(r.ok).toBe(true);
  });

  it('accepts tel: Request-URIs and IPv6 references', () => {
    const r = parseMessage(msg(['INVITE tel:+15551234567;phone-context=example.com SIP/2.0', 'Via: SIP/2.0/UDP [::1]:5070;branch=z9hG4bK1',
      'To: <sip:b@[2001:db8::10]:5080>', 'From: <sip:a@[::1]>;tag=1', 'Call-ID: x', 'CSeq: 8 INVITE', 'Content-Length: 0']));
    if (!r.ok) throw new Error(r.error.message);
    const via = parseVia(getHeader(r.message, 'via') as string);
    expect(via).toMatchObject({ host: '::1', port: 5070, transport: 'UDP' });
    const to = parseNameAddr(getHeader(r.message, 'to') as string);
    expect(to.uri).toMatchObject({ host: '2001:db8::10', port: 5080 });
    expect(formatUri(to.uri)).toBe('sip:b@[2001:db8::10]:5080');
  });
});

describe('RFC 4475 §3.1.1.1 "wsinv": a short tortuous INVITE parses', () => {
  const body = 'v=0\r\no=mhandley 29739 7272939 IN IP4 192.0.2.3\r\ns=-\r\nc=IN IP4 192.0.2.3\r\nt=0 0\r\nm=audio 49217 RTP/AVP 0 12\r\nm=video 3227 RTP/AVP 31\r\na=rtpmap:31 LPC\r\n';
  const text = [
    'INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0',
    'TO :', ' sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n',
    'from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>', '  ;', '  tag = 98asjd8',
    'MaX-fOrWaRdS: 0068',
    'Call-ID: wsinv.ndaksdj@192.0.2.1',
    `Content-Length   : ${Buffer.byteLength(body)}`,
    'cseq: 0009', '  INVITE',
    'Via  : SIP  /   2.0', ' /UDP', '    192.0.2.2;branch=390skdjuw',
    's :',
    'NewFangledHeader:   newfangled value', ' continued newfangled value',
    'UnknownHeaderWithUnusualValue: ;;,,;;,;',
    'Content-Type: application/sdp',
    'Route:', ' <sip:services.example.com;lr;unknownwith=value;unknown-no-value>',
    'v:  SIP  / 2.0  / TCP     spindle.example.com   ;', '  branch  =   z9hG4bK9ikj8  ,', ' SIP  /    2.0   / UDP  192.168.255.111   ; branch=', ' z9hG4bK30239',
    'm:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =', '      newvalue ;', '  secondparam ; q = 0.33',
  ].join('\r\n');
  it('with its folding, whitespace, escapes and mixed-case names', () => {
    const r = parseMessage(Buffer.from(`${text}\r\n\r\n${body}`));
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    const m = r.message;
    expect(getHeaders(m, 'via')).toHaveLength(3);
    expect(parseVia(getHeaders(m, 'via')[2] as string).params.get('branch')).toBe('z9hG4bK30239');
    expect(parseNameAddr(getHeader(m, 'to') as string).params.get('tag')).toBe('1918181833n');
    const from = parseNameAddr(getHeader(m, 'from') as string);
    expect(from.params.get('tag')).toBe('98asjd8');
    expect(from.displayName).toBe('J Rosenberg \\"');
    expect(parseNameAddr(getHeader(m, 'contact') as string).params.get('q')).toBe('0.33');
    expect(getHeader(m, 'subject')).toBe('');
    expect(getHeader(m, 'max-forwards')).toBe('0068');
    expect(m.body.toString()).toBe(body);
  });
});

describe('SIP parser: invalid messages give a typed error and never throw', () => {
  const base = (replace: Record<number, string | null>, extra: string[] = []): Buffer => {
    const lines = [...INVITE, 'Content-Length: 0'].map((l, i) => (i in replace ? replace[i] : l)).filter((l): l is string => l !== null);
    return msg([...lines, ...extra]);
  };
  const cases: Array<[string, Buffer, SipParseErrorCode, boolean]> = [
    ['missing Call-ID', base({ 5: null }), 'missing-header', true],
    ['missing Via', base({ 1: null }), 'missing-header', true],
    ['CSeq method mismatch', base({ 6: 'CSeq: 1 ACK' }), 'cseq-method-mismatch', true],
    ['non-numeric CSeq', base({ 6: 'CSeq: 1x INVITE' }), 'bad-cseq', true],
    ['negative Content-Length', base({ 8: 'Content-Length: -5' }), 'bad-content-length', true],
    ['Content-Length larger than the body', base({ 8: 'Content-Length: 999' }), 'truncated-body', true],
    ['two To headers', base({}, ['To: <sip:c@h>']), 'duplicate-header', true],
    ['SIP/7.0 version', base({ 0: 'INVITE sip:bob@h SIP/7.0' }), 'bad-version', true],
    ['unknown URI scheme', base({ 0: 'INVITE http://example.com SIP/2.0' }), 'unsupported-uri-scheme', true],
    ['spaces in the Request-URI', base({ 0: 'INVITE sip:bob@h ost SIP/2.0' }), 'bad-start-line', false],
    ['bad Via', base({ 1: 'Via: SIP/2.0 127.0.0.1' }), 'bad-via', true],
    ['unterminated quote in From', base({ 4: 'From: "Alice <sip:a@h>;tag=1' }), 'bad-address', true],
    ['header without colon', base({}, ['NoColonHere']), 'bad-header', true],
    ['bad port in the Request-URI', base({ 0: 'INVITE sip:bob@h:99999 SIP/2.0' }), 'bad-request-uri', true],
    ['non-numeric Max-Forwards', base({ 2: 'Max-Forwards: seventy' }), 'bad-header', true],
    ['bad status code', msg(['SIP/2.0 2000 OK', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1']), 'bad-start-line', false],
    ['no blank line', Buffer.from(INVITE.join('\r\n')), 'no-end-of-headers', false],
  ];
  it.each(cases)('%s', (_name, buf, code, hasRequest) => {
    const r = parseMessage(buf);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.request !== undefined).toBe(hasRequest);
  });

  it('enforces the size, header-count and line-length limits', () => {
    const huge = msg([...INVITE, `X-Big: ${'a'.repeat(70_000)}`, 'Content-Length: 0']);
    expect(parseMessage(huge).ok || parseMessage(huge)).toMatchObject({ error: { code: 'too-large' } });
    const many = msg([...INVITE, ...Array.from({ length: 120 }, (_, i) => `X-H${i}: 1`), 'Content-Length: 0']);
    expect(parseMessage(many)).toMatchObject({ error: { code: 'too-many-headers' } });
    const long = msg([...INVITE, `X-Long: ${'b'.repeat(9000)}`, 'Content-Length: 0']);
    expect(parseMessage(long)).toMatchObject({ error: { code: 'header-line-too-long' } });
  });

  it('requires Content-Length on stream transports (§18.3)', () => {
    expect(parseMessage(msg(INVITE), { stream: true })).toMatchObject({ ok: false, error: { code: 'missing-content-length' } });
  });
});

describe('TCP framing by Content-Length (§18.3)', () => {
  it('finds message boundaries in a byte stream, skipping keep-alive CRLFs', () => {
    const one = msg([...INVITE, 'Content-Length: 3'], 'abc');
    const stream = Buffer.concat([Buffer.from('\r\n\r\n'), one, one.subarray(0, 10)]);
    expect(nextFrame(stream)).toEqual({ kind: 'skip', bytes: 4 });
    expect(nextFrame(stream.subarray(4))).toEqual({ kind: 'frame', length: one.length });
    expect(nextFrame(stream.subarray(4 + one.length))).toEqual({ kind: 'need-more' });
    expect(nextFrame(msg(INVITE))).toMatchObject({ kind: 'error', error: { code: 'missing-content-length' } });
  });
});

describe('URIs (RFC 3261 §19.1)', () => {
  it.each([
    ['sip:alice@atlanta.com', { scheme: 'sip', user: 'alice', host: 'atlanta.com', port: undefined }],
    ['sips:alice:secret@atlanta.com:5061;transport=tcp', { scheme: 'sips', user: 'alice', password: 'secret', port: 5061 }],
    ['sip:+1-212-555-1212:1234@gateway.com;user=phone', { user: '+1-212-555-1212', password: '1234' }],
    ['sip:[::1]:5060', { host: '::1', port: 5060, user: undefined }],
    ['SIP:Alice@Example.COM', { scheme: 'sip', host: 'Example.COM' }],
    ['tel:+358-555-1234567;postd=pp22', { scheme: 'tel', user: '+358-555-1234567' }],
  ])('%s', (text, expected) => {
    expect(parseUri(text)).toMatchObject(expected);
  });

  it.each(['sip:', 'sip:@h', 'sip:h:0', 'sip:[::1', 'sip:h:port', 'mailto:a@b', 'sip:bad host'])('rejects %s', (text) => {
    expect(() => parseUri(text)).toThrow();
  });
});

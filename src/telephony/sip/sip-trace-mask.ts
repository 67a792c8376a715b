/**
 * PURE: a SIP message as the SIP trace shows it (issue 17), its secrets masked: the digest
 * `response`, `nonce` and `cnonce` of Authorization, Proxy-Authorization, WWW-Authenticate
 * and Proxy-Authenticate (a captured response and its nonce are what a password guesser
 * needs, RFC 7616 §5), and the password of any `sip:user:password@host` URI (RFC 3261 §19.1.1
 * deprecates it; phones still send it).
 */
export const MASK = '***';

const AUTH_HEADER = /^(authorization|proxy-authorization|www-authenticate|proxy-authenticate)\s*:/i;
const DIGEST_SECRET = /\b(response|nonce|cnonce)(\s*=\s*)("(?:[^"\\]|\\.)*"?|[^,\s]*)/gi;
const URI_PASSWORD = /\b(sips?:[^:@\s;>"]+:)[^@\s;>"]+@/gi;

export const maskLine = (line: string): string => {
  const masked = line.replace(URI_PASSWORD, `$1${MASK}@`);
  return AUTH_HEADER.test(masked) ? masked.replace(DIGEST_SECRET, `$1$2"${MASK}"`) : masked;
};

/** The whole message, line by line (the body too: an SDP or a sipfrag may quote a URI). */
export const maskSipText = (text: string): string => text.split('\n').map(maskLine).join('\n');

/** The first line: `INVITE sip:…`, `SIP/2.0 200 OK`. */
export const firstLineOf = (text: string): string => maskLine(text.split(/\r?\n/, 1)[0] ?? '');

/**
 * SIP message model (RFC 3261 §7). Plain data: the parser builds it, the serializer
 * writes it, the transaction layer and dialogs read it through the helpers in
 * `sip-headers.ts`.
 *
 * Headers are kept by their canonical lower-case long name (compact forms are expanded
 * at parse time, RFC 3261 §7.3.3). Each name maps to its values in arrival order; the
 * multi-value headers (Via, Route, Record-Route, Contact) are split on top-level commas
 * so that `values[0]` is always the topmost one (RFC 3261 §7.3.1).
 */

export type SipMethod =
  | 'INVITE' | 'ACK' | 'BYE' | 'CANCEL' | 'OPTIONS' | 'REGISTER'
  | 'UPDATE' | 'INFO' | 'REFER' | 'NOTIFY' | 'SUBSCRIBE' | 'MESSAGE' | 'PRACK' | 'PUBLISH';

export const SIP_VERSION = 'SIP/2.0';

/** Header name → values, lower-case long names. */
export type SipHeaders = Map<string, string[]>;

export interface SipRequest {
  readonly kind: 'request';
  /** Methods are case-sensitive tokens (RFC 3261 §7.1); unknown ones are kept as is. */
  method: SipMethod | (string & {});
  uri: string;
  headers: SipHeaders;
  body: Buffer;
}

export interface SipResponse {
  readonly kind: 'response';
  status: number;
  reason: string;
  headers: SipHeaders;
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

const EMPTY = Buffer.alloc(0);

export const emptyBody = (): Buffer => EMPTY;

export const getHeader = (m: SipMessage, name: string): string | undefined => m.headers.get(name)?.[0];

export const getHeaders = (m: SipMessage, name: string): readonly string[] => m.headers.get(name) ?? [];

export const setHeader = (m: SipMessage, name: string, value: string | readonly string[]): void => {
  m.headers.set(name, typeof value === 'string' ? [value] : [...value]);
};

export const addHeader = (m: SipMessage, name: string, value: string, first = false): void => {
  const list = m.headers.get(name);
  if (!list) m.headers.set(name, [value]);
  else if (first) list.unshift(value);
  else list.push(value);
};

export const removeHeader = (m: SipMessage, name: string): void => {
  m.headers.delete(name);
};

export const newRequest = (method: string, uri: string, headers: Array<[string, string]> = [], body: Buffer = EMPTY): SipRequest => {
  const h: SipHeaders = new Map();
  for (const [k, v] of headers) {
    const list = h.get(k);
    if (list) list.push(v);
    else h.set(k, [v]);
  }
  return { kind: 'request', method, uri, headers: h, body };
};

/** Default reason phrases (RFC 3261 §21); a response may carry any other text. */
export const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: 'Trying', 180: 'Ringing', 181: 'Call Is Being Forwarded', 182: 'Queued', 183: 'Session Progress',
  200: 'OK', 202: 'Accepted', 300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Moved Temporarily',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  407: 'Proxy Authentication Required', 408: 'Request Timeout', 413: 'Request Entity Too Large',
  415: 'Unsupported Media Type', 416: 'Unsupported URI Scheme', 420: 'Bad Extension', 423: 'Interval Too Brief',
  480: 'Temporarily Unavailable', 481: 'Call/Transaction Does Not Exist', 482: 'Loop Detected',
  483: 'Too Many Hops', 484: 'Address Incomplete', 486: 'Busy Here', 487: 'Request Terminated',
  488: 'Not Acceptable Here', 491: 'Request Pending', 500: 'Server Internal Error', 501: 'Not Implemented',
  503: 'Service Unavailable', 504: 'Server Time-out', 505: 'Version Not Supported', 513: 'Message Too Large',
  600: 'Busy Everywhere', 603: 'Decline', 604: 'Does Not Exist Anywhere', 606: 'Not Acceptable',
};

export const reasonFor = (status: number): string => REASON_PHRASES[status] ?? 'Unknown';

/** RFC 3261 §8.1.1.7: the branch of every RFC 3261 compliant Via starts with this. */
export const MAGIC_COOKIE = 'z9hG4bK';

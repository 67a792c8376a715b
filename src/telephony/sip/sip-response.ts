/**
 * Building responses from requests (RFC 3261 §8.2.6.2): Via, From, Call-ID, CSeq and
 * To copied; a To tag added to every response except 100 when the request had none.
 */
import { getHeader, getHeaders, reasonFor, type SipRequest, type SipResponse, type SipHeaders } from './sip-message.js';
import { tagOf } from './sip-uri.js';
import { newTag } from './sip-ids.js';

export interface ResponseOptions {
  reason?: string;
  /** The To tag to add when the request has none (dialog-creating answers reuse one tag); random by default. */
  toTag?: string;
  headers?: Array<[string, string]>;
  body?: Buffer;
}

export const createResponse = (req: SipRequest, status: number, opts: ResponseOptions = {}): SipResponse => {
  const headers: SipHeaders = new Map();
  headers.set('via', [...getHeaders(req, 'via')]);
  // §12.1.1: a dialog-creating response copies Record-Route
  const rr = getHeaders(req, 'record-route');
  if (rr.length > 0 && status > 100 && status < 300) headers.set('record-route', [...rr]);
  headers.set('from', [getHeader(req, 'from') ?? '']);
  let to = getHeader(req, 'to') ?? '';
  if (status > 100 && tagOf(to) === undefined) to = `${to};tag=${opts.toTag ?? newTag()}`;
  headers.set('to', [to]);
  headers.set('call-id', [getHeader(req, 'call-id') ?? '']);
  headers.set('cseq', [getHeader(req, 'cseq') ?? '']);
  if (opts.headers) {
    for (const [k, v] of opts.headers) {
      const list = headers.get(k);
      if (list) list.push(v);
      else headers.set(k, [v]);
    }
  }
  return { kind: 'response', status, reason: opts.reason ?? reasonFor(status), headers, body: opts.body ?? Buffer.alloc(0) };
};

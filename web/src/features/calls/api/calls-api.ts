import { get, post, query } from '../../../lib/http.js';
import type { CallCommand, CallView } from '../call-types.js';

/** The CTI API of /work/shared/API.md, as the call screen uses it. */

export interface NumberPreview {
  e164: string | null;
  canonical: string | null;
  national: string | null;
  dialable: string | null;
  kind: string;
}

/** What a record-bound dial may name (the server looks the number up itself, R6.4). */
export type DialRecordType = 'person' | 'company' | 'user';
export type DialTarget = { number: string } | { record: { type: DialRecordType; id: number; field: string } };

export const dial = (target: DialTarget): Promise<CallView | { id: string }> => post('/api/calls', target);
export const listCalls = (): Promise<CallView[]> => get('/api/calls');

/** Sends a call command; Transfer and Consult take the number typed in the Number field. */
export const sendCommand = (callId: string, command: CallCommand, to?: string): Promise<CallView | { id: string }> =>
  post(`/api/calls/${encodeURIComponent(callId)}/${command}`, to === undefined ? {} : { to });

/** Dialling preview and R6.5 validation; throws ApiError 422 `invalid-phone-number` with the reason. */
export const previewNumber = (number: string): Promise<NumberPreview> => get(`/api/phone/preview${query({ number })}`);

export interface SimDevice {
  name: string;
  state: 'idle' | 'ringing' | 'offhook' | 'talking';
  [key: string]: unknown;
}

export const listSimDevices = (): Promise<SimDevice[]> => get('/api/sim/devices');
export const simIncoming = (from: string, to: string): Promise<unknown> => post('/api/sim/calls', { from, to });
export const simHandset = (device: string, action: 'lift' | 'hangup'): Promise<unknown> =>
  post(`/api/sim/devices/${encodeURIComponent(device)}/${action}`);
export const simDial = (device: string, number: string): Promise<unknown> =>
  post(`/api/sim/devices/${encodeURIComponent(device)}/dial`, { number });

/** "This is Arthur's new mobile": adds the number to a person's or company's phones (API.md, numbers). */
export type AttachKind = 'business' | 'direct' | 'mobile' | 'home' | 'fax' | 'switchboard' | 'other';
export const attachNumber = (body: { number: string; type: 'person' | 'company'; id: number; kind: AttachKind }): Promise<unknown> =>
  post('/api/phone/attach', body);

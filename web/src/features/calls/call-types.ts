import type { CallSnapshot } from '../../../../src/domain/call.js';

export type { CallSnapshot, CallerMatch, ConnectionState } from '../../../../src/domain/call.js';

/** The commands a snapshot's `actions` may list (API.md, call control). */
export type CallCommand = 'answer' | 'hangup' | 'hold' | 'retrieve' | 'transfer' | 'consult' | 'complete' | 'reconnect';

/** A call as the browser receives it: the server snapshot, with what the state and provider allow (`actions`). */
export type CallView = CallSnapshot;

export type ServerMessage =
  | { type: 'call'; call: CallView }
  | { type: 'calls'; calls: CallView[] }
  | { type: 'provider'; status: 'up' | 'down' }
  | { type: 'result'; id: string; ok: boolean; error?: { code: string; message: string } };

/** Commands may answer with just `{ id }` when the snapshot is not ready: only a full one is applied. */
export const isSnapshot = (v: unknown): v is CallView =>
  typeof v === 'object' && v !== null && 'id' in v && 'version' in v && 'state' in v && 'number' in v && 'label' in v;

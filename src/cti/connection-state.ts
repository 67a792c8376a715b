/**
 * The CSTA connection state machine (ECMA-269 §6.1.5, connection states; §17 call-control
 * events). This is the ONLY place a connection state changes: the call registry asks
 * `transition(state, event)` for every provider event and stores what it answers.
 *
 * ```
 *                    originated                 established
 *        ┌──────────────────────────► initiated ───────────────────┐
 *        │                              │                          ▼
 *        │           delivered          │       established    ┌─────────┐   held    ┌──────┐
 *      null ───────────────────────► alerting ───────────────► │connected│ ────────► │ hold │
 *      ▲ │                               ▲                     │         │ ◄──────── │      │
 *      │ │  queued        delivered      │                     └─────────┘ retrieved └──────┘
 *      │ └──────────► queued ────────────┘  (queued -established-> connected too)
 *      │ │  established (answered before alerting was seen) ──────► connected
 *      │ │  failed                      initiated|alerting|queued|connected -failed-> fail
 *      │ └──────────► fail
 *      │
 *      └── connection-cleared: from every live state (initiated, alerting, queued, connected,
 *          hold, fail); transferred: from connected or hold (the transferring party drops
 *          out); diverted: from alerting or queued (the call left this device).
 * ```
 *
 * Anything not drawn is illegal: `transition` answers `{ ok: false }` with the reason, and
 * the caller decides (the registry logs and ignores it, since the phone system is the
 * truth and a later `synced` repairs the view). `null` is "no connection": a cleared
 * connection is forgotten, so nothing leaves `null` except the events that create one.
 */
import type { ConnectionState } from '../domain/call.js';
import type { ProviderEventType } from '../telephony/provider.js';

export const CONNECTION_STATES: readonly ConnectionState[] = [
  'null', 'initiated', 'alerting', 'connected', 'hold', 'queued', 'fail',
];

export const PROVIDER_EVENT_TYPES: readonly ProviderEventType[] = [
  'originated', 'delivered', 'queued', 'established', 'held', 'retrieved',
  'transferred', 'diverted', 'failed', 'connection-cleared',
];

type Row = Partial<Record<ProviderEventType, ConnectionState>>;

/** The table: state → event → next state. A missing cell is an illegal move. */
export const TRANSITIONS: Readonly<Record<ConnectionState, Row>> = {
  null: {
    originated: 'initiated',
    delivered: 'alerting',
    queued: 'queued',
    // Some systems report a connection only once it is answered (auto-answer, a transfer
    // completing onto a device): ECMA-269 allows Established without a prior Delivered.
    established: 'connected',
    failed: 'fail',
  },
  initiated: {
    established: 'connected',
    failed: 'fail',
    'connection-cleared': 'null',
  },
  alerting: {
    established: 'connected',
    diverted: 'null',
    failed: 'fail',
    'connection-cleared': 'null',
  },
  queued: {
    delivered: 'alerting',
    established: 'connected',
    diverted: 'null',
    failed: 'fail',
    'connection-cleared': 'null',
  },
  connected: {
    held: 'hold',
    transferred: 'null',
    failed: 'fail',
    'connection-cleared': 'null',
  },
  hold: {
    retrieved: 'connected',
    transferred: 'null',
    'connection-cleared': 'null',
  },
  fail: {
    'connection-cleared': 'null',
  },
};

export type TransitionResult =
  | { ok: true; from: ConnectionState; event: ProviderEventType; to: ConnectionState }
  | { ok: false; from: ConnectionState; event: ProviderEventType; reason: string };

/** Pure: where `event` takes a connection in `state`, or why it cannot. */
export const transition = (state: ConnectionState, event: ProviderEventType): TransitionResult => {
  const to = TRANSITIONS[state][event];
  if (to === undefined) {
    return { ok: false, from: state, event, reason: `illegal move: ${state} -[${event}]-> ?` };
  }
  return { ok: true, from: state, event, to };
};

/** The log line of a move, `from -[event]-> to` (STYLE.md). */
export const describeMove = (r: TransitionResult): string =>
  r.ok ? `${r.from} -[${r.event}]-> ${r.to}` : r.reason;

/** A connection in one of these states is still part of the call. */
export const isLive = (state: ConnectionState): boolean => state !== 'null';

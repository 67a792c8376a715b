/**
 * The messages between the three processes of `npm run bench:screenpop` (over the IPC
 * channel of `child_process.fork`): the conductor (bench/screenpop.ts), the server
 * process (the real app) and the client process (the agents' sockets).
 *
 * Times are wall-clock milliseconds on the machine's one clock,
 * `performance.timeOrigin + performance.now()`, taken in the harness of each process,
 * never carried in the product's payloads.
 */

// ── conductor → server ──────────────────────────────────────────────────────
export interface PrepareAgents { type: 'prepare'; agents: number }
export interface RunLoad {
  type: 'run';
  /** Devices the calls ring, round-robin. */
  agents: number;
  callsPerSecond: number;
  seconds: number;
  /** An unanswered call is abandoned by its caller after this long: calls end. */
  ringMs: number;
}
export type ToServer = PrepareAgents | RunLoad | { type: 'stop' };

// ── server → conductor ──────────────────────────────────────────────────────
export interface ServerReady {
  type: 'ready';
  port: number;
  persons: number;
  keysChecked: number;
  reindexed: boolean;
  startupMs: number;
}
export interface AgentsPrepared { type: 'prepared'; cookies: string[]; devices: string[]; created: number; ms: number }
/** `at`: when the harness injected it; `due`: when the schedule wanted it (later if the server's loop was blocked). */
export interface Injection { callId: string; agent: number; at: number; due: number }
export interface LoadDone {
  type: 'done';
  injections: Injection[];
  /** Calls the phone system refused (none expected). */
  refused: number;
  /** Injection actually achieved. */
  seconds: number;
  loopDelayMs: { p50: number; p99: number; max: number };
  rssMb: { start: number; max: number; end: number };
  hub: { sessions: number; maxStalledSockets: number; maxPendingMessages: number; maxPendingPerStalled: number; coalesced: number; sent: number };
  /** The largest `bufferedAmount` of any server-side socket during the run (bytes). */
  maxBufferedBytes: number;
  callsLeft: number;
  /** Call-log writes that were still to do when the calls had all ended. */
  drainMs: number;
}
export type FromServer = ServerReady | AgentsPrepared | LoadDone | { type: 'error'; message: string };

// ── conductor → clients ─────────────────────────────────────────────────────
export interface OpenSockets { type: 'open'; url: string; cookies: string[] }
/** Stop reading these sockets (the TCP window closes, the server's buffers fill). */
export interface StallSockets { type: 'stall'; indices: number[] }
/** Read the stalled sockets again, and wait until everything buffered for them arrived. */
export interface ResumeSockets { type: 'resume'; indices: number[] }
export type ToClients = OpenSockets | StallSockets | ResumeSockets | { type: 'collect' } | { type: 'close' };

// ── clients → conductor ─────────────────────────────────────────────────────
/** Per socket: call id → [first snapshot received at, the "Call ended" snapshot received at or 0]. */
export interface Received { socket: number; calls: Array<[string, number, number]> }
export type FromClients =
  | { type: 'opened'; sockets: number; ms: number }
  | { type: 'stalled'; sockets: number }
  /** Bytes that were waiting for the stalled sockets (kernel and server buffers), and calls they never saw end. */
  | { type: 'resumed'; maxBytes: number; totalBytes: number; unended: number }
  | { type: 'collected'; received: Received[]; messages: number; rssMb: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

/**
 * The client process of `npm run bench:screenpop`: N agents' browsers, each one real
 * WebSocket (`ws`) on `GET /api/ws` with its session cookie, CTI window open
 * (`{type:'cti', online:true}`). For every call it records when the first snapshot (the
 * screen pop) and the "call ended" snapshot arrived, on the machine's wall clock
 * (`performance.timeOrigin + performance.now()`, read first thing in the message handler).
 * A stalled agent stops reading its socket (`ws._socket.pause()`): the kernel buffers
 * fill, then the server's.
 */
import { performance } from 'node:perf_hooks';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { FromClients, Received, ToClients } from './protocol.js';

const wall = (): number => performance.timeOrigin + performance.now();
const OPENING_AT_ONCE = 200;

interface Agent {
  ws: WebSocket;
  calls: Map<string, [number, number]>;
  bytes: number;
}

let agents: Agent[] = [];
let messages = 0;

const send = (m: FromClients): void => {
  process.send?.(m);
};

interface CallMessage { type: string; call?: { id: string; state: string }; calls?: Array<{ id: string; state: string }> }

const record = (agent: Agent, at: number, id: string, state: string): void => {
  const seen = agent.calls.get(id);
  if (seen === undefined) agent.calls.set(id, [at, state === 'null' ? at : 0]);
  else if (state === 'null' && seen[1] === 0) seen[1] = at;
};

/** Opens one agent's socket and resolves once the hub has it CTI online. */
const openOne = (url: string, cookie: string): Promise<Agent> => new Promise((resolve, reject) => {
  const ws = new WebSocket(`${url}/api/ws`, { headers: { cookie }, perMessageDeflate: false });
  const agent: Agent = { ws, calls: new Map(), bytes: 0 };
  let greetings = 0;
  ws.on('message', (data) => {
    const at = wall();
    messages += 1;
    agent.bytes += (data as Buffer).length;
    const m = JSON.parse(String(data)) as CallMessage;
    if (m.type === 'call' && m.call !== undefined) record(agent, at, m.call.id, m.call.state);
    else if (m.type === 'calls') {
      // The greeting, the answer to coming online, or a stalled socket's catch-up list.
      for (const c of m.calls ?? []) record(agent, at, c.id, c.state);
      greetings += 1;
      if (greetings === 1) ws.send(JSON.stringify({ type: 'cti', online: true }));
      if (greetings === 2) resolve(agent);
    }
  });
  ws.once('error', reject);
  ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: ${res.statusCode ?? 0}`)));
});

async function open(url: string, cookies: string[]): Promise<void> {
  const t = performance.now();
  const opened: Agent[] = new Array<Agent>(cookies.length);
  for (let from = 0; from < cookies.length; from += OPENING_AT_ONCE) {
    const batch = cookies.slice(from, from + OPENING_AT_ONCE);
    const done = await Promise.all(batch.map((c) => openOne(url, c)));
    done.forEach((a, i) => { opened[from + i] = a; });
  }
  agents = opened;
  messages = 0;
  send({ type: 'opened', sockets: agents.length, ms: performance.now() - t });
}

const socketOf = (a: Agent | undefined): Socket | undefined => (a?.ws as unknown as { _socket: Socket } | undefined)?._socket;

/** A pong travels behind every frame the server queued before it: once it is in, all of that arrived. */
const drained = (a: Agent): Promise<void> => new Promise((resolve) => {
  a.ws.once('pong', () => resolve());
  a.ws.ping();
});

async function resume(indices: number[]): Promise<void> {
  const stalled = indices.flatMap((i) => (agents[i] === undefined ? [] : [agents[i]]));
  const before = stalled.map((a) => a.bytes);
  for (const a of stalled) socketOf(a)?.resume();
  await Promise.all(stalled.map(drained));
  const bytes = stalled.map((a, i) => a.bytes - (before[i] ?? 0));
  const unended = stalled.reduce((n, a) => n + [...a.calls.values()].filter(([, ended]) => ended === 0).length, 0);
  send({ type: 'resumed', maxBytes: Math.max(0, ...bytes), totalBytes: bytes.reduce((s, b) => s + b, 0), unended });
}

function collect(): void {
  const received: Received[] = agents.map((a, socket) => ({ socket, calls: [...a.calls].map(([id, [first, ended]]) => [id, first, ended]) }));
  send({ type: 'collected', received, messages, rssMb: Math.round(process.memoryUsage.rss() / 2 ** 20) });
}

async function close(): Promise<void> {
  await Promise.all(agents.map((a) => new Promise<void>((resolve) => {
    if (a.ws.readyState === WebSocket.CLOSED) {
      resolve();
      return;
    }
    a.ws.once('close', () => resolve());
    // A stalled socket cannot read the closing handshake: cut it.
    a.ws.terminate();
  })));
  agents = [];
  send({ type: 'closed' });
}

process.on('message', (m: ToClients) => {
  const handle = async (): Promise<void> => {
    switch (m.type) {
      case 'open': return open(m.url, m.cookies);
      case 'stall':
        for (const i of m.indices) socketOf(agents[i])?.pause();
        send({ type: 'stalled', sockets: m.indices.length });
        return;
      case 'resume': return resume(m.indices);
      case 'collect': return collect();
      case 'close': return close();
    }
  };
  handle().catch((e: unknown) => send({ type: 'error', message: (e as Error).stack ?? String(e) }));
});
process.on('disconnect', () => process.exit(0));
